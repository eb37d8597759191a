//===- analysis/KeptArguments.cpp - The first look: an argument surely kept ---===//
//
// Before the draft's helpers are inlined, the analysis looks at what
// drafting starts from (the wrapper's clone, its stack slots in registers,
// the keyword path folded away) with its own predicates: which values are
// argument objects (ArgumentSlots), the facts of the boundary scan (the
// arity, and what its primitive calls give for well-typed arguments:
// PyErr_Occurred() is NULL, a parse succeeds), which objects are never NULL,
// and that argument objects are never None. It follows only what surely
// runs (a pessimistic propagation): branches that fold on those facts
// alone, the point where the paths of any other branch meet again (those
// paths following the branches between that the facts decide: after an
// unboxer, `if (x == -1 && PyErr_Occurred()) goto exit;` meets the other
// path past the test) if none of them holds a cycle or a call that may not
// come back, and no further than such a call (mayNotComeBack). Where that
// code hands an argument object to a call that keeps it (surelyKeeps: one
// the boundary gives no meaning, with side effects so that no folding
// deletes it), directly or through a helper that surely does
// (KeptParameters: posix's path_converter asks PyObject_CheckBuffer about
// its object), the wrapper is refused without its draft.
//
// Why the full analysis would refuse it too: in the full draft the same use
// still runs (its facts only add to these, so they fold no branch this look
// took the other way; this look leaves out the int tests, whose value the
// full analysis may yet choose (FloatIntDispatch.cpp); the paths between a
// branch and their meeting point are the same, with no helper to inline
// among them; and the calls it stopped at come after it; where a core
// raises itself a parse's success is no fact, which only makes more code
// run, the use's too), and no rule sanctions it (a call of a declaration
// that is no primitive is given no meaning by the boundary for an argument
// object: keepsArgumentObject). So the first look only saves work; the full
// analysis may name an earlier use of the same kind.
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

using namespace llvm;

namespace pyunbox {

std::optional<Refusal> WrapperAnalyzer::findKeptArgument(KeptParameters &Kept) {
  // Where the draft is no wrapper the full analysis knows, it says why.
  if (checkDefinition())
    return std::nullopt;
  collectArgumentSlots();
  // No argument object goes to a call that may keep it: nothing to follow.
  if (none_of(SlotOf, [](const auto &Entry) {
        return any_of(Entry.first->users(), [](const User *U) {
          auto *CB = dyn_cast<CallBase>(U);
          return CB && mayKeep(*CB);
        });
      }))
    return std::nullopt;
  if (findBoundary())
    return std::nullopt;
  // An int test is true of an argument unboxed as an integer, but false in
  // the float world of a double one (FloatIntDispatch.cpp): the full
  // analysis may take either, so this look takes neither.
  for (const IntCheckSite &C : IntChecks)
    S.Facts.erase(C.Call);
  DenseMap<Value *, Value *> NoModels;
  FactPropagation FP(
      F, S.Facts, NoModels, [this](const Value *V) { return knownNonNull(V); },
      [](const Instruction &I) { return mayNotComeBack(I); }, /*Pessimistic=*/true,
      [this](const Value *V, const Constant *C) { return knownDifferent(V, C); });
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      if (!FP.executes(I))
        break;
      auto *CB = dyn_cast<CallBase>(&I);
      // A call whose result is an argument (a read of the tuple) is the
      // boundary's to judge.
      if (!CB || SlotOf.count(CB) ||
          (S.Conv == Convention::VarArgs && CB->arg_size() && CB->getArgOperand(0) == Second))
        continue;
      for (unsigned K = 0; K != CB->arg_size(); ++K) {
        Value *Op = CB->getArgOperand(K);
        auto Slot = SlotOf.find(Op);
        if (Slot == SlotOf.end() || IndexResults.count(Op) || singletonOf(Op))
          continue;
        if (surelyKeeps(*CB))
          return argumentEscapes(Slot->second, describe(CB));
        if (mayKeep(*CB))
          if (std::optional<std::string> Use = Kept.keptBy(*CB->getCalledFunction(), K))
            return argumentEscapes(Slot->second, *Use);
      }
    }
  return std::nullopt;
}

} // namespace pyunbox
