//===- analysis/ErrorPaths.cpp - Raises, bails and what comes before them ---===//
//
// Where the wrapper raises, a core either bails (its caller runs the wrapper,
// which raises for real) or raises itself with the GIL held (CPython's
// convention). A bail is only sound if nothing observable happened before it;
// a core that raises must return NULL exactly with an exception and never a
// value after one. PyErr_Occurred() is NULL in a core until it raises.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

std::optional<Refusal> WrapperAnalyzer::visitRaise(CallBase &CB, const BoundaryPrimitive &) {
  // Where the wrapper raises, the core bails (execution leaves it here),
  // or, under CPython's convention, raises just the same.
  if (PyErrMode) {
    Sanctioned[&CB] = Sanction::KeepRaise;
    return std::nullopt;
  }
  S.BailPoints.push_back(&CB);
  Sanctioned[&CB] = Sanction::Bail;
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitErrOccurred(CallBase &CB, const BoundaryPrimitive &) {
  if (CB.getType()->isPointerTy()) {
    S.Facts[&CB] = ConstantPointerNull::get(cast<PointerType>(CB.getType()));
    Sanctioned[&CB] = Sanction::Fact;
  }
  return std::nullopt;
}

// A bail hands the call back to the wrapper, which runs again from the start:
// anything observable the core did before bailing would happen twice.
std::optional<Refusal> WrapperAnalyzer::checkNothingObservedBeforeBails(const FactPropagation &FP) {
  if (S.Errors != PYUNBOX_ERRORS_BAIL)
    return std::nullopt;
  // Blocks from which a bail can be reached, over executable edges.
  SmallVector<const BasicBlock *, 16> Bails(NullEntries.begin(), NullEntries.end());
  for (Instruction *I : S.BailPoints)
    Bails.push_back(I->getParent());
  for (CallBase *CB : concat<CallBase *>(S.FailsBelowZero, S.FailsBefore313))
    Bails.push_back(CB->getParent());
  for (const BasicBlock *BB : FP.reach(Bails, /*Forward=*/false)) {
    for (const Instruction &I : *BB) {
      if (!FP.executes(I) || I.isTerminator())
        break;
      auto It = Sanctioned.find(const_cast<Instruction *>(&I));
      if (It != Sanctioned.end())
        continue; // gone from the core, or a local store (the parse's outputs)
      if (Summaries.mayBeObserved(I))
        return refuse(RefusalKey::EffectBeforeRaise,
                      "may raise after changing state that outlives the call (" + describe(&I) +
                          "), so a bail would repeat it");
    }
  }
  return std::nullopt;
}

// Under CPython's convention the core raises for real, so PyErr_Occurred()
// after a raise is no longer known to be NULL: it stays a call there.
void WrapperAnalyzer::keepErrorChecksAfterRaises() {
  SmallPtrSet<const BasicBlock *, 16> After;
  SmallVector<const BasicBlock *, 8> Work;
  DenseMap<const BasicBlock *, const Instruction *> FirstRaise;
  // With the interpreter, any call the table gives no meaning may raise.
  auto MayRaise = [&](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    if (It != Sanctioned.end())
      return It->second == Sanction::KeepRaise || is_contained(S.FailsBelowZero, &I);
    auto *CB = dyn_cast<CallBase>(&I);
    if (!InterpMode || !CB || isa<IntrinsicInst>(CB))
      return false;
    const Function *Callee = CB->getCalledFunction();
    return !Callee || Summaries.interpreterUse(*Callee).Class != CalleeClass::Clean;
  };
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (MayRaise(I)) {
        const Instruction *&First = FirstRaise[&BB];
        if (!First || I.comesBefore(First))
          First = &I;
        append_range(Work, successors(&BB));
      }
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (After.insert(BB).second)
      append_range(Work, successors(BB));
  }
  for (auto It = S.Facts.begin(); It != S.Facts.end();) {
    auto *CB = dyn_cast<CallBase>(It->first);
    const BoundaryPrimitive *P = calledPrimitive(It->first);
    const Instruction *Raise = CB ? FirstRaise.lookup(CB->getParent()) : nullptr;
    bool AfterRaise = CB && (After.count(CB->getParent()) || (Raise && Raise->comesBefore(CB)));
    if (P && P->Role == PrimitiveRole::ErrOccurred && AfterRaise) {
      Sanctioned[CB] = Sanction::KeepCall;
      S.Facts.erase(It++);
      continue;
    }
    ++It;
  }
}

// Under CPython's convention a NULL return must come with an exception: every
// path to one passes a raise.
std::optional<Refusal> WrapperAnalyzer::checkEveryNullIsRaised(const FactPropagation &FP) {
  SmallPtrSet<const BasicBlock *, 16> Clean; // reached with no raise on the way
  SmallVector<const BasicBlock *, 16> Work{&F.getEntryBlock()};
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (!Clean.insert(BB).second)
      continue;
    bool Raises = any_of(*BB, [&](const Instruction &I) {
      auto It = Sanctioned.find(const_cast<Instruction *>(&I));
      return It != Sanctioned.end() && It->second == Sanction::KeepRaise;
    });
    if (Raises)
      continue; // a null entered from here on comes with its exception
    for (const BasicBlock *Succ : successors(BB))
      if (FP.isExecutableEdge(BB, Succ))
        Work.push_back(Succ);
  }
  for (const BasicBlock *BB : NullEntries) {
    bool Raises = any_of(*BB, [&](const Instruction &I) {
      auto It = Sanctioned.find(const_cast<Instruction *>(&I));
      return It != Sanctioned.end() && It->second == Sanction::KeepRaise;
    });
    if (Clean.count(BB) && !Raises)
      return refuse(RefusalKey::MayFail, "returns NULL without raising on a path well-typed "
                               "arguments can take, after changing state");
  }
  return std::nullopt;
}

// Under CPython's convention the caller takes a set exception for a raise,
// whatever the core returns; CPython reports a value returned with one set as
// a SystemError. The two agree only if no value is returned after a raise.
std::optional<Refusal> WrapperAnalyzer::checkNoValueAfterRaise(const FactPropagation &FP) {
  SmallVector<const BasicBlock *, 8> Raises;
  for (auto &[I, Role] : Sanctioned)
    if (Role == Sanction::KeepRaise && FP.executes(*I))
      Raises.push_back(I->getParent());
  auto After = FP.reach(Raises, /*Forward=*/true);
  // A value leaves where a box is made or a singleton enters the network.
  for (CallBase *Box : S.Boxes)
    if (After.count(Box->getParent()))
      return refuse(RefusalKey::ValueAfterRaise, "may return a value after raising (" + describe(Box) + ")");
  for (ReturnInst *Ret : S.Returns)
    if (singletonOf(Ret->getReturnValue()) && After.count(Ret->getParent()))
      return refuse(RefusalKey::ValueAfterRaise, "may return a value after raising");
  for (BasicBlock &BB : F)
    for (PHINode &Phi : BB.phis())
      for (unsigned K = 0; K != Phi.getNumIncomingValues(); ++K)
        if (singletonOf(Phi.getIncomingValue(K)) && After.count(Phi.getIncomingBlock(K)) &&
            FP.isExecutableEdge(Phi.getIncomingBlock(K), &BB) && Phi.getType()->isPointerTy())
          return refuse(RefusalKey::ValueAfterRaise, "may return a value after raising");
  return std::nullopt;
}

} // namespace pyunbox
