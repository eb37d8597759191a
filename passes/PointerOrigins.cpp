//===- PointerOrigins.cpp - Where a pointer comes from --------------------===//
#include "pyunbox/passes/PointerOrigins.h"
#include "pyunbox/passes/LibcRoles.h"
#include "pyunbox/passes/ToolAnnotations.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace pyunbox {

bool privateVariableStores(const AllocaInst &Slot, SmallVectorImpl<const Value *> &Stored) {
  for (const Use &U : Slot.uses()) {
    const auto *I = cast<Instruction>(U.getUser());
    if (const auto *Load = dyn_cast<LoadInst>(I)) {
      if (!Load->isSimple())
        return false;
    } else if (const auto *St = dyn_cast<StoreInst>(I)) {
      if (!St->isSimple() || U.getOperandNo() != StoreInst::getPointerOperandIndex())
        return false;
      Stored.push_back(St->getValueOperand());
    } else if (!isToolAnnotation(*I) && !I->isLifetimeStartOrEnd()) {
      return false;
    }
  }
  return true;
}

namespace {

bool everyOriginVisiting(const Value *V, const Function &F, function_ref<bool(const Value *)> Accept,
                         SmallPtrSetImpl<const AllocaInst *> &Visiting) {
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(V, Objects);
  return all_of(Objects, [&](const Value *O) {
    if (Accept(O))
      return true;
    const auto *L = dyn_cast<LoadInst>(O);
    const auto *Slot = L && L->isSimple() ? dyn_cast<AllocaInst>(L->getPointerOperand()) : nullptr;
    SmallVector<const Value *, 4> Stored;
    if (!Slot || Slot->getFunction() != &F || !privateVariableStores(*Slot, Stored))
      return false;
    if (!Visiting.insert(Slot).second)
      return true;
    bool All = all_of(Stored, [&](const Value *S) { return everyOriginVisiting(S, F, Accept, Visiting); });
    Visiting.erase(Slot);
    return All;
  });
}

} // namespace

bool everyOrigin(const Value *V, const Function &F, function_ref<bool(const Value *)> Accept) {
  SmallPtrSet<const AllocaInst *, 4> Visiting;
  return everyOriginVisiting(V, F, Accept, Visiting);
}

bool returnsIntoParameters(const Function &F, SmallVectorImpl<unsigned> &Params) {
  if (!F.getReturnType()->isPointerTy() || F.isDeclaration())
    return false;
  SmallVector<unsigned, 2> Found;
  // NULL, or one of F's own parameters (noted).
  auto IsParameter = [&](const Value *O) {
    if (isa<ConstantPointerNull>(O))
      return true;
    const auto *A = dyn_cast<Argument>(O);
    if (!A || A->getParent() != &F)
      return false;
    if (!is_contained(Found, A->getArgNo()))
      Found.push_back(A->getArgNo());
    return true;
  };
  for (const Instruction &I : instructions(F))
    if (const auto *Ret = dyn_cast<ReturnInst>(&I))
      if (!Ret->getReturnValue() || !everyOrigin(Ret->getReturnValue(), F, IsParameter))
        return false;
  Params.append(Found.begin(), Found.end());
  return !Found.empty();
}

bool resultPointsIntoArguments(const CallBase &CB, const TargetLibraryInfo *TLI, SmallVectorImpl<unsigned> &ArgNos) {
  if (libcPointeeUse(CB, 0, TLI) == PointeeUse::ReadsInto) {
    ArgNos.push_back(0);
    return true;
  }
  // One definition, called as it is declared: the body seen is the one
  // that runs, with these arguments as its parameters.
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isInterposable() || Callee->getFunctionType() != CB.getFunctionType())
    return false;
  return returnsIntoParameters(*Callee, ArgNos);
}

} // namespace pyunbox
