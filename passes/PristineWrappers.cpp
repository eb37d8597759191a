//===- PristineWrappers.cpp - Wrappers as their file's compile saw them ---===//
#include "pyunbox/passes/PristineWrappers.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/FunctionCopy.h"
#include "pyunbox/passes/KeywordNames.h"
#include "pyunbox/passes/LinkTimeMining.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace pyunbox {
namespace {

// On a wrapper's copy: !{ptr @wrapper}; on a helper's: !{}.
constexpr const char *PristineKind = "pyunbox.pristine";
// On a wrapper: !{i32 FirstParam, !"name", ...}, the names its compile proved.
constexpr const char *NamesKind = "pyunbox.compiled_names";
// How far below a wrapper its helpers are copied too: as far as drafting
// inlines them, and a bound on what a link without the plugin carries.
constexpr unsigned HelperDepth = 4;
constexpr unsigned MaxHelpers = 64;

Function *wrapperOf(const Function &Copy) {
  MDNode *N = Copy.getMetadata(PristineKind);
  auto *Of = N && N->getNumOperands() == 1 ? dyn_cast_or_null<ValueAsMetadata>(N->getOperand(0).get())
                                           : nullptr;
  return Of ? dyn_cast<Function>(Of->getValue()) : nullptr;
}

bool isPristine(const Function &F) { return F.getMetadata(PristineKind) != nullptr; }

Function *pristine(Function &F, const Twine &Name, ArrayRef<Metadata *> Of) {
  Function *Copy = copyFunction(F, Name);
  Copy->addFnAttr(Attribute::OptimizeNone);
  Copy->addFnAttr(Attribute::NoInline);
  Copy->setMetadata(PristineKind, MDTuple::get(F.getContext(), Of));
  return Copy;
}

// Copies the module's own functions Copy calls, to Depth more levels, and
// has Copy call the copies: the bodies drafting would inline, as written. A
// boundary primitive (Py_DECREF, a Cython conversion) stays the call of the
// original, known by its name, never inlined, whatever became of its body.
void copyHelpers(Function &Copy, unsigned Depth, DenseMap<Function *, Function *> &Helpers,
                 SmallVectorImpl<GlobalValue *> &Kept) {
  if (Depth == 0)
    return;
  for (Instruction &I : instructions(Copy)) {
    auto *CB = dyn_cast<CallBase>(&I);
    Function *Callee = CB ? CB->getCalledFunction() : nullptr;
    if (!Callee || Callee->isDeclaration() || Callee->isIntrinsic() || Callee->hasOptNone() ||
        isPristine(*Callee) || lookupPrimitive(*Callee))
      continue;
    Function *Helper = Helpers.lookup(Callee);
    if (!Helper) {
      if (Helpers.size() >= MaxHelpers)
        continue;
      Helper = pristine(*Callee, "pyunbox.pristine." + Callee->getName(), {});
      Helpers[Callee] = Helper; // before its own helpers (recursion), which grow the map
      Kept.push_back(Helper);
      copyHelpers(*Helper, Depth - 1, Helpers, Kept);
    }
    CB->setCalledFunction(Helper);
  }
}

} // namespace

void keepPristineCopies(ArrayRef<Function *> Wrappers) {
  SmallVector<GlobalValue *, 8> Kept;
  DenseMap<Function *, Function *> Helpers;
  for (Function *W : Wrappers) {
    if (W->isDeclaration() || W->hasOptNone())
      continue;
    Function *Copy = pristine(*W, "pyunbox.pristine." + W->getName(), {ValueAsMetadata::get(W)});
    Kept.push_back(Copy);
    copyHelpers(*Copy, HelperDepth, Helpers, Kept);
  }
  if (!Kept.empty())
    appendToCompilerUsed(*Kept.front()->getParent(), Kept);
}

DenseMap<const Function *, Function *> readyPristineCopies(Module &M) {
  DenseMap<const Function *, Function *> Copies;
  for (Function &F : M) {
    if (!isPristine(F))
      continue;
    if (Function *W = wrapperOf(F)) {
      // Not optnone, not noinline, unless the wrapper is: the draft and the
      // core are made from it as from the wrapper.
      F.setAttributes(W->getAttributes());
      Copies[W] = &F;
    } else {
      F.removeFnAttr(Attribute::OptimizeNone);
      F.removeFnAttr(Attribute::NoInline);
    }
  }
  return Copies;
}

bool isPristineCopy(const Function &F) { return isPristine(F); }

void erasePristineCopies(Module &M, function_ref<bool(const Function &W)> Erase,
                         FunctionAnalysisManager *FAM) {
  SmallPtrSet<GlobalValue *, 8> Gone;
  for (Function &F : M)
    if (Function *W = wrapperOf(F); W && Erase(*W))
      Gone.insert(&F);
  // The helpers' copies that no copy kept calls any more.
  SmallPtrSet<const Function *, 8> Reached;
  SmallVector<const Function *, 8> Work;
  for (Function &F : M)
    if (wrapperOf(F) && !Gone.count(&F) && Reached.insert(&F).second)
      Work.push_back(&F);
  while (!Work.empty())
    for (const Instruction &I : instructions(*Work.pop_back_val()))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (const Function *Callee = CB->getCalledFunction();
            Callee && isPristine(*Callee) && Reached.insert(Callee).second)
          Work.push_back(Callee);
  for (Function &F : M)
    if (isPristine(F) && !Reached.count(&F))
      Gone.insert(&F);
  // A copy that a function staying calls stays, as a function like any
  // other: a core made from a copy may call a helper's copy its draft did
  // not inline.
  SmallPtrSet<GlobalValue *, 8> Stay;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (GlobalValue *GV : Gone)
      if (!Stay.count(GV) && any_of(GV->users(), [&](const User *U) {
            auto *I = dyn_cast<Instruction>(U);
            const Function *In = I ? I->getFunction() : nullptr;
            return In && (!Gone.count(const_cast<Function *>(In)) || Stay.count(const_cast<Function *>(In)));
          }))
        Changed = Stay.insert(GV).second;
  }
  for (GlobalValue *GV : Stay) {
    Gone.erase(GV);
    cast<Function>(GV)->setMetadata(PristineKind, nullptr);
  }
  removeFromUsed(M, Stay);
  if (Gone.empty())
    return;
  removeFromUsed(M, Gone);
  for (GlobalValue *GV : Gone) {
    if (FAM)
      FAM->clear(*cast<Function>(GV), GV->getName());
    GV->dropAllReferences();
  }
  for (GlobalValue *GV : Gone) {
    GV->removeDeadConstantUsers();
    cast<Function>(GV)->eraseFromParent();
  }
}

void keepCompiledNames(Function &Wrapper, const KeywordNames &Names) {
  if (Names.Names.empty())
    return;
  LLVMContext &Ctx = Wrapper.getContext();
  SmallVector<Metadata *, 8> Ops{
      ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(Ctx), Names.FirstParam))};
  for (const std::string &Name : Names.Names)
    Ops.push_back(MDString::get(Ctx, Name));
  Wrapper.setMetadata(NamesKind, MDTuple::get(Ctx, Ops));
}

std::optional<KeywordNames> compiledNames(const Function &Wrapper) {
  MDNode *N = Wrapper.getMetadata(NamesKind);
  if (!N || N->getNumOperands() < 2)
    return std::nullopt;
  auto *First = mdconst::dyn_extract<ConstantInt>(N->getOperand(0));
  if (!First)
    return std::nullopt;
  KeywordNames Names;
  Names.FirstParam = First->getZExtValue();
  for (unsigned K = 1; K != N->getNumOperands(); ++K) {
    auto *Text = dyn_cast<MDString>(N->getOperand(K));
    if (!Text)
      return std::nullopt;
    Names.Names.push_back(Text->getString().str());
  }
  return Names;
}

void dropCompiledNames(Function &Wrapper) { Wrapper.setMetadata(NamesKind, nullptr); }

} // namespace pyunbox
