//===- CalleeEffects.cpp - Does a callee reach the interpreter? -----------===//
#include "pyunbox/passes/CalleeEffects.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/ObservableEffects.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace pyunbox {

CalleeVerdict CalleeEffects::classify(const Function &G) {
  auto It = Memo.find(&G);
  if (It != Memo.end())
    return It->second;
  // Everything G reaches through direct calls, each with its own verdict;
  // then a bad verdict flows from callee to caller until nothing changes, so
  // recursion and shared callees are both decided exactly.
  SmallVector<const Function *, 16> Closure;
  DenseMap<const Function *, SmallVector<const Function *, 4>> Callees;
  SmallVector<const Function *, 16> Stack{&G};
  DenseMap<const Function *, CalleeVerdict> Local;
  while (!Stack.empty()) {
    const Function *F = Stack.pop_back_val();
    if (Local.count(F) || Memo.count(F))
      continue;
    Local[F] = localVerdict(*F, Callees[F]);
    Closure.push_back(F);
    for (const Function *C : Callees[F])
      Stack.push_back(C);
  }
  auto VerdictOf = [&](const Function *F) -> const CalleeVerdict & {
    auto M = Memo.find(F);
    return M != Memo.end() ? M->second : Local[F];
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Function *F : Closure) {
      if (Local[F].Class != CalleeClass::Clean)
        continue;
      for (const Function *C : Callees[F])
        if (VerdictOf(C).Class != CalleeClass::Clean) {
          Local[F] = VerdictOf(C);
          Changed = true;
          break;
        }
    }
  }
  for (const Function *F : Closure)
    Memo[F] = Local[F];
  return Memo[&G];
}

CalleeVerdict CalleeEffects::localVerdict(const Function &G,
                                          SmallVectorImpl<const Function *> &Callees) {
  StringRef Name = G.getName();
  if (G.isIntrinsic())
    return {CalleeClass::Clean, ""};
  if (isInterpreterSymbol(Name))
    return {CalleeClass::UsesInterpreter, Name.str()};
  if (G.isDeclaration()) {
    LibFunc LF;
    if (extraLibcRole(G) != ExtraLibcRole::None || (TLI && TLI->getLibFunc(G, LF) && TLI->has(LF)))
      return {CalleeClass::Clean, ""};
    return {CalleeClass::Unknown, Name.str()};
  }
  // A weak definition may be replaced by another at link time.
  if (G.isInterposable())
    return {CalleeClass::Unknown, Name.str()};
  for (const Instruction &I : instructions(G)) {
    if (auto *CB = dyn_cast<CallBase>(&I)) {
      const Function *Callee = CB->getCalledFunction();
      if (!Callee)
        return {CalleeClass::Unknown, ("an indirect call in '" + Name + "'").str()};
      Callees.push_back(Callee);
    }
    for (const Value *Op : I.operands())
      if (auto *GV = dyn_cast<GlobalValue>(Op->stripPointerCasts()))
        if (!isa<Function>(GV) && isInterpreterSymbol(GV->getName()))
          return {CalleeClass::UsesInterpreter, GV->getName().str()};
  }
  return {CalleeClass::Clean, ""};
}

} // namespace pyunbox
