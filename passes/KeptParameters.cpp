//===- KeptParameters.cpp - Which helpers keep the object they are handed -===//
#include "pyunbox/passes/KeptParameters.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/FactPropagation.h"
#include "pyunbox/passes/HelperBodies.h"
#include "pyunbox/passes/Refusal.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace pyunbox {

bool mayNotComeBack(const Instruction &I) {
  auto *CB = dyn_cast<CallBase>(&I);
  const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  if (!Callee || Callee->isIntrinsic())
    return false;
  if (const BoundaryPrimitive *P = lookupPrimitive(*Callee))
    return P->Role == PrimitiveRole::RaisesError;
  return !Callee->isDeclaration();
}

bool surelyKeeps(const CallBase &CB) {
  return keepsArgumentObject(CB) && CB.mayHaveSideEffects();
}

bool mayKeep(const CallBase &CB) {
  if (surelyKeeps(CB))
    return true;
  const Function *Callee = CB.getCalledFunction();
  return Callee && !Callee->isDeclaration() && !lookupPrimitive(*Callee);
}

std::optional<std::string> KeptParameters::keptBy(Function &Helper, unsigned P) {
  return keptBy(Helper, P, 0);
}

std::optional<std::string> KeptParameters::keptBy(Function &Helper, unsigned P, unsigned Depth) {
  auto Key = std::make_pair(&Helper, P);
  if (auto It = Known.find(Key); It != Known.end())
    return It->second;
  if (Depth >= MaxDepth || P >= Helper.arg_size() || Helper.isDeclaration() || Helper.isVarArg() ||
      Helper.isInterposable())
    return std::nullopt;
  Known[Key] = std::nullopt; // open: a recursive question answers "not kept"
  Function &Body = Bodies.of(Helper);
  Argument *Param = Body.getArg(P);
  // Most parameters go to no call that could keep them (math_1's goes to
  // PyFloat_AsDouble): then nothing runs that keeps it, and no propagation
  // is needed to say so.
  if (none_of(Param->users(), [](const User *U) {
        auto *CB = dyn_cast<CallBase>(U);
        return CB && mayKeep(*CB);
      }))
    return std::nullopt;
  // What runs whatever the other inputs are: the object is not NULL nor
  // None (an argument object never is), nothing else is known, and a call of
  // another helper of the module may not come back (inlined, it may end
  // in a raise) nor may a raise.
  DenseMap<Value *, Constant *> NoFacts;
  DenseMap<Value *, Value *> NoModels;
  FactPropagation FP(
      Body, NoFacts, NoModels, [Param](const Value *V) { return V == Param; },
      [](const Instruction &I) { return mayNotComeBack(I); }, /*Pessimistic=*/true,
      [Param](const Value *V, const Constant *C) {
        return V == Param && singletonOf(C) == Singleton::None;
      });
  std::optional<std::string> Kept;
  for (BasicBlock &BB : Body) {
    for (Instruction &I : BB) {
      if (Kept || !FP.executes(I))
        break;
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      for (unsigned K = 0; K != CB->arg_size() && !Kept; ++K) {
        if (CB->getArgOperand(K) != Param)
          continue;
        if (surelyKeeps(*CB))
          Kept = describe(CB);
        else if (mayKeep(*CB))
          Kept = keptBy(*CB->getCalledFunction(), K, Depth + 1);
      }
    }
    if (Kept)
      break;
  }
  Known[Key] = Kept;
  return Kept;
}

} // namespace pyunbox
