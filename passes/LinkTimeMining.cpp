//===- LinkTimeMining.cpp - What full LTO's link mines again -------------===//
#include "pyunbox/passes/LinkTimeMining.h"
#include "pyunbox/format.h"
#include "pyunbox/passes/CalleeSummaries.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace pyunbox {
namespace {

constexpr const char *MinedKind = "pyunbox.mined";
// On a core the compile kept although its link may do better:
// !{ptr @wrapper, !"python name"}.
constexpr const char *ProvisionalKind = "pyunbox.provisional";

// The globals whose initializers refer to C (through constant expressions:
// a record's self-relative offsets), and the aliases of C.
void collectReferrers(Constant *C, SmallPtrSetImpl<GlobalValue *> &Out) {
  for (User *U : C->users()) {
    if (auto *GV = dyn_cast<GlobalValue>(U)) {
      if (Out.insert(GV).second && isa<GlobalAlias>(GV))
        collectReferrers(GV, Out);
    } else if (auto *CU = dyn_cast<Constant>(U)) {
      collectReferrers(CU, Out);
    }
  }
}

} // namespace

// Drops the entries of llvm.used and llvm.compiler.used that are in Gone.
void removeFromUsed(Module &M, const SmallPtrSetImpl<GlobalValue *> &Gone) {
  for (const char *Name : {"llvm.used", "llvm.compiler.used"}) {
    GlobalVariable *Used = M.getGlobalVariable(Name);
    if (!Used || !Used->hasInitializer())
      continue;
    auto *Init = dyn_cast<ConstantArray>(Used->getInitializer());
    if (!Init)
      continue;
    SmallVector<Constant *, 16> Kept;
    for (Use &Op : Init->operands())
      if (auto *GV = dyn_cast<GlobalValue>(Op->stripPointerCasts()); !GV || !Gone.count(GV))
        Kept.push_back(cast<Constant>(Op));
    if (Kept.size() == Init->getNumOperands())
      continue;
    Used->eraseFromParent();
    if (Kept.empty())
      continue;
    auto *T = ArrayType::get(Kept.front()->getType(), Kept.size());
    auto *NewUsed = new GlobalVariable(M, T, false, GlobalValue::AppendingLinkage,
                                       ConstantArray::get(T, Kept), Name);
    NewUsed->setSection("llvm.metadata");
  }
}

bool alreadyMined(const Function &W, StringRef PythonName) {
  if (MDNode *N = W.getMetadata(MinedKind))
    for (const MDOperand &Op : N->operands())
      if (auto *S = dyn_cast_or_null<MDString>(Op.get()); S && S->getString() == PythonName)
        return true;
  return false;
}

bool anyMined(const Function &W) { return W.getMetadata(MinedKind) != nullptr; }

void markMined(Function &W, StringRef PythonName) {
  SmallVector<Metadata *, 2> Names;
  if (MDNode *N = W.getMetadata(MinedKind))
    Names.append(N->op_begin(), N->op_end());
  Names.push_back(MDString::get(W.getContext(), PythonName));
  W.setMetadata(MinedKind, MDTuple::get(W.getContext(), Names));
}

bool preparesFullLTO(const Module &M) {
  auto *Flag = mdconst::extract_or_null<ConstantInt>(M.getModuleFlag("ThinLTO"));
  return Flag && Flag->isZero();
}

std::string calleeOfAnotherFile(const Function &Core, const TargetLibraryInfo *TLI) {
  SmallVector<const Function *, 8> Work{&Core};
  SmallPtrSet<const Function *, 8> Seen{&Core};
  while (!Work.empty()) {
    const Function *F = Work.pop_back_val();
    for (const Instruction &I : instructions(*F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      if (!Callee || !Seen.insert(Callee).second)
        continue;
      if (isOutsideDeclaration(*Callee, TLI))
        return Callee->getName().str();
      if (!Callee->isDeclaration())
        Work.push_back(Callee);
    }
  }
  return "";
}

void leaveToLink(Function &W, StringRef PythonName, Function *Core) {
  LLVMContext &Ctx = W.getContext();
  if (MDNode *N = W.getMetadata(MinedKind)) {
    SmallVector<Metadata *, 2> Names;
    for (const MDOperand &Op : N->operands())
      if (auto *S = dyn_cast_or_null<MDString>(Op.get()); !S || S->getString() != PythonName)
        Names.push_back(Op.get());
    W.setMetadata(MinedKind, Names.empty() ? nullptr : MDTuple::get(Ctx, Names));
  }
  if (Core)
    Core->setMetadata(ProvisionalKind,
                      MDTuple::get(Ctx, {ValueAsMetadata::get(&W), MDString::get(Ctx, PythonName)}));
}

ProvisionalCores::ProvisionalCores(Module &M) {
  // Most modules have no metadata of this kind at all: a function without
  // any metadata is skipped before a lookup by kind.
  for (Function &F : M) {
    MDNode *N = F.hasMetadata() ? F.getMetadata(ProvisionalKind) : nullptr;
    if (!N || N->getNumOperands() != 2)
      continue;
    auto *W = dyn_cast_or_null<ValueAsMetadata>(N->getOperand(0).get());
    auto *Name = dyn_cast_or_null<MDString>(N->getOperand(1).get());
    if (auto *Wrapper = W ? dyn_cast<Function>(W->getValue()) : nullptr; Wrapper && Name)
      Of[Wrapper].push_back({Name->getString().str(), &F});
  }
}

Function *ProvisionalCores::find(const Function &W, StringRef PythonName) const {
  auto It = Of.find(&W);
  if (It == Of.end())
    return nullptr;
  for (const auto &[Name, Core] : It->second)
    if (Name == PythonName)
      return Core;
  return nullptr;
}

void remarkKeptCompiledCore(Function &W, StringRef PythonName, const Function &Provisional,
                            const Twine &Why) {
  OptimizationRemarkEmitter(&W).emit([&] {
    return OptimizationRemarkAnalysis("pyunbox", "KeptCompiledCore", &W)
           << "the core for '" << PythonName << "' made when its file was compiled, '"
           << Provisional.getName() << "', stays: the link's " << Why.str();
  });
}

bool retirable(Function &Core) {
  SmallPtrSet<GlobalValue *, 4> Referrers;
  collectReferrers(&Core, Referrers);
  // Only the core's record (in pyunbox's section) and its private aliases:
  // anything else that refers to a core is not pyunbox's to erase.
  return all_of(Referrers, [](GlobalValue *GV) {
    auto *Var = dyn_cast<GlobalVariable>(GV);
    return (Var && Var->getSection() == PYUNBOX_SECTION) ||
           (isa<GlobalAlias>(GV) && GV->hasPrivateLinkage());
  }) && none_of(Core.users(), [](User *U) { return isa<Instruction>(U); });
}

void retireCore(Function &Core) {
  SmallPtrSet<GlobalValue *, 4> Gone;
  collectReferrers(&Core, Gone);
  removeFromUsed(*Core.getParent(), Gone);
  // A record refers to itself (its offsets are self-relative) and to the
  // core's alias: drop every initializer and aliasee first, then the
  // constants left dead, then the values.
  for (GlobalValue *GV : Gone)
    GV->dropAllReferences();
  for (GlobalValue *GV : Gone)
    GV->removeDeadConstantUsers();
  for (GlobalValue *GV : Gone)
    GV->eraseFromParent();
  Core.removeDeadConstantUsers();
  Core.eraseFromParent();
}

} // namespace pyunbox
