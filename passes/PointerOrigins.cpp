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

// Whether V is NULL or based on F's pointer parameters (appended to
// Params), through F's private variables; a variable met again while its
// stores are checked (`p = p + 1` in a loop) holds only what the others
// give it.
bool basedOnParameters(const Value *V, const Function &F, SmallVectorImpl<unsigned> &Params,
                       SmallPtrSetImpl<const AllocaInst *> &Visiting) {
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(V, Objects);
  return all_of(Objects, [&](const Value *O) {
    if (isa<ConstantPointerNull>(O))
      return true;
    if (const auto *A = dyn_cast<Argument>(O)) {
      if (A->getParent() != &F)
        return false;
      if (!is_contained(Params, A->getArgNo()))
        Params.push_back(A->getArgNo());
      return true;
    }
    const auto *L = dyn_cast<LoadInst>(O);
    const auto *Slot = L && L->isSimple() ? dyn_cast<AllocaInst>(L->getPointerOperand()) : nullptr;
    SmallVector<const Value *, 4> Stored;
    if (!Slot || Slot->getFunction() != &F || !privateVariableStores(*Slot, Stored))
      return false;
    if (!Visiting.insert(Slot).second)
      return true;
    bool Based = all_of(Stored, [&](const Value *S) { return basedOnParameters(S, F, Params, Visiting); });
    Visiting.erase(Slot);
    return Based;
  });
}

} // namespace

bool returnsIntoParameters(const Function &F, SmallVectorImpl<unsigned> &Params) {
  if (!F.getReturnType()->isPointerTy() || F.isDeclaration())
    return false;
  SmallVector<unsigned, 2> Found;
  SmallPtrSet<const AllocaInst *, 4> Visiting;
  for (const Instruction &I : instructions(F))
    if (const auto *Ret = dyn_cast<ReturnInst>(&I))
      if (!Ret->getReturnValue() || !basedOnParameters(Ret->getReturnValue(), F, Found, Visiting))
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
