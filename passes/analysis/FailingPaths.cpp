//===- analysis/FailingPaths.cpp - Blocks from which every run fails -------===//
//
// A block from which every run of the wrapper ends by returning NULL fails
// the call, whatever it does on the way: it builds an exception object,
// raises it, adds a traceback, releases its temporaries (Cython's `except -1`
// functions and the callers that check their -1). A bailing core may leave
// at the entry of such a block: its caller then runs the wrapper, which does
// all of that itself, and fails the same way. So the code of such a block
// and of what follows it is no part of the core, and what it does there
// (the interpreter, an argument object in an error message) asks nothing of
// the analysis. Only the analysis' last rung cuts such paths
// (analyzeWrapper): the cores of the other rungs keep their bails where the
// wrapper raises.
//
// A run is followed on the values the wrapper computes on it: a phi takes
// the value of the edge the run came in by, comparisons, casts, arithmetic,
// selects and __builtin_expect of known values fold, and the arity facts
// hold. Nothing else
// is assumed (PyErr_Occurred() is not NULL where a raise ran): a branch on
// an unknown value fails only if both ways fail. Each edge of a loop is
// walked once with the run's values and once knowing none of them, which
// stands for every later turn; a run that never leaves it never returns at all, as the wrapper's
// would not (a bail hands the call to the wrapper, which then does the
// same). A walk longer than its budget is not known to fail.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/IntrinsicInst.h"
#include <functional>

using namespace llvm;

namespace pyunbox {
namespace {

// Blocks a walk from one entry may visit, forks included: a failing path is
// an error exit of a few blocks, not a function.
constexpr unsigned WalkBudget = 128;

using Edge = std::pair<BasicBlock *, BasicBlock *>;

class FailingWalk {
public:
  // Known: the edges into a block already shown to fail knowing no value
  // computed before it, which fail whatever is known.
  FailingWalk(const DenseMap<Value *, Constant *> &Facts, const DataLayout &DL,
              const DenseSet<Edge> &Known)
      : Facts(Facts), DL(DL), Known(Known) {}

  // Whether every run from BB, entered from Pred with the values Env,
  // returns NULL.
  bool fails(BasicBlock *BB, BasicBlock *Pred, DenseMap<Value *, Constant *> Env,
             DenseMap<Edge, unsigned> Visits) {
    for (;;) {
      if (Known.count({Pred, BB}))
        return true;
      if (Budget == 0)
        return false;
      --Budget;
      // Around a loop, the second run along an edge knows nothing of the
      // run's values but what that edge gives its phis (the same each
      // time), so it stands for every later one; a third adds nothing.
      // Counted per edge, not per block: another edge in gives the phis
      // other values.
      unsigned &Seen = Visits[{Pred, BB}];
      if (Seen == 2)
        return true;
      if (Seen++ == 1)
        Env.clear();
      // A block's phis take their incoming values all at once.
      SmallVector<std::pair<PHINode *, Constant *>, 4> Incoming;
      for (PHINode &Phi : BB->phis())
        Incoming.push_back({&Phi, valueOf(Phi.getIncomingValueForBlock(Pred), Env)});
      for (auto [Phi, C] : Incoming)
        set(Env, Phi, C);
      for (Instruction &I : *BB) {
        if (isa<PHINode>(I) || I.isTerminator())
          continue;
        set(Env, &I, fold(I, Env));
      }
      Instruction *T = BB->getTerminator();
      if (auto *Ret = dyn_cast<ReturnInst>(T)) {
        Value *V = Ret->getReturnValue();
        Constant *C = V && V->getType()->isPointerTy() ? valueOf(V, Env) : nullptr;
        return C && C->isNullValue();
      }
      SmallVector<BasicBlock *, 2> Next;
      if (auto *Br = dyn_cast<BranchInst>(T)) {
        auto *Cond = Br->isConditional()
                         ? dyn_cast_or_null<ConstantInt>(valueOf(Br->getCondition(), Env))
                         : nullptr;
        if (Br->isUnconditional())
          Next.push_back(Br->getSuccessor(0));
        else if (Cond)
          Next.push_back(Br->getSuccessor(Cond->isZero() ? 1 : 0));
        else
          Next.append({Br->getSuccessor(0), Br->getSuccessor(1)});
      } else if (auto *Sw = dyn_cast<SwitchInst>(T)) {
        if (auto *C = dyn_cast_or_null<ConstantInt>(valueOf(Sw->getCondition(), Env)))
          Next.push_back(Sw->findCaseValue(C)->getCaseSuccessor());
        else
          Next.append(succ_begin(BB), succ_end(BB));
      } else if (isa<UnreachableInst>(T)) {
        return true; // no run gets here (after abort(), Py_FatalError())
      } else {
        return false; // invoke, indirectbr: not a return of NULL
      }
      // Every way on must fail; the last is followed here, the others apart.
      for (BasicBlock *Succ : drop_end(Next))
        if (!fails(Succ, BB, Env, Visits))
          return false;
      Pred = BB;
      BB = Next.back();
    }
  }

private:
  Constant *valueOf(Value *V, const DenseMap<Value *, Constant *> &Env) const {
    if (auto *C = dyn_cast<Constant>(V))
      return C;
    if (Constant *C = Env.lookup(V))
      return C;
    return Facts.lookup(V);
  }

  static void set(DenseMap<Value *, Constant *> &Env, Value *V, Constant *C) {
    if (C)
      Env[V] = C;
    else
      Env.erase(V); // unknown now, whatever an earlier visit knew
  }

  Constant *fold(Instruction &I, const DenseMap<Value *, Constant *> &Env) const {
    if (auto *Sel = dyn_cast<SelectInst>(&I)) {
      auto *Cond = dyn_cast_or_null<ConstantInt>(valueOf(Sel->getCondition(), Env));
      return Cond ? valueOf(Cond->isZero() ? Sel->getFalseValue() : Sel->getTrueValue(), Env)
                  : nullptr;
    }
    // __builtin_expect (Cython's likely/unlikely) is its first operand.
    if (auto *II = dyn_cast<IntrinsicInst>(&I); II && (II->getIntrinsicID() == Intrinsic::expect ||
                                                       II->getIntrinsicID() ==
                                                           Intrinsic::expect_with_probability))
      return valueOf(II->getArgOperand(0), Env);
    if (!isa<CmpInst, BinaryOperator, CastInst>(I))
      return nullptr;
    SmallVector<Constant *, 2> Ops;
    for (Value *Op : I.operands()) {
      Constant *C = valueOf(Op, Env);
      if (!C)
        return nullptr;
      Ops.push_back(C);
    }
    return ConstantFoldInstOperands(&I, Ops, DL);
  }

  const DenseMap<Value *, Constant *> &Facts;
  const DataLayout &DL;
  const DenseSet<Edge> &Known;
  unsigned Budget = WalkBudget;
};

} // namespace

// The drafts' look at the same question, before any fact is known: no
// value is folded, but the SSA values an edge gives a block's phis are kept
// however far the path goes (the walk above forgets them on a loop's
// second turn, and Cython 3.1's exit code is a loop between an inlined
// helper's NULL and the return). Cheap, so asked every inlining round.
SmallPtrSet<const BasicBlock *, 16> blocksReturningNull(const Function &Draft) {
  // How many blocks a path may cross from an error exit to the return.
  constexpr unsigned MaxExitBlocks = 32;
  SmallPtrSet<const BasicBlock *, 16> Failing;
  if (!Draft.getReturnType()->isPointerTy())
    return Failing;
  // Whether the edge From -> To returns NULL: it gives a phi of To a NULL
  // (the cheap test first: most edges do not), and every return reachable
  // from To without coming back to it returns NULL given the phis of To as
  // the edge chose them. An inlined helper's NULL result is such a phi; the
  // wrapper returns it after its own exit code (Cython 3.1's loop releasing
  // values[]).
  auto returnsNull = [](const BasicBlock *From, const BasicBlock *To) {
    SmallDenseMap<const Value *, const Value *, 4> Chosen;
    bool GivesNull = false;
    for (const PHINode &Phi : To->phis()) {
      if (Phi.getBasicBlockIndex(From) < 0)
        return false;
      const Value *V = Phi.getIncomingValueForBlock(From);
      GivesNull |= isa<ConstantPointerNull>(V);
      Chosen[&Phi] = V;
    }
    if (!GivesNull)
      return false;
    SmallVector<const BasicBlock *, 16> Work{To};
    SmallPtrSet<const BasicBlock *, 16> Seen{To};
    SmallVector<const Value *, 4> Returned;
    while (!Work.empty()) {
      const Instruction *T = Work.pop_back_val()->getTerminator();
      if (auto *Ret = dyn_cast<ReturnInst>(T)) {
        if (!Ret->getReturnValue())
          return false;
        Returned.push_back(Ret->getReturnValue());
        continue;
      }
      if (!isa<BranchInst, SwitchInst>(T))
        return false;
      for (const BasicBlock *Succ : successors(T->getParent())) {
        if (Succ == To)
          return false;
        if (!Seen.insert(Succ).second)
          continue;
        if (Seen.size() > MaxExitBlocks)
          return false;
        Work.push_back(Succ);
      }
    }
    // A returned value is NULL: a NULL, a phi of To as chosen, or a phi
    // further on whose every value coming from a block reached from To is
    // (the others come from paths that do not pass To; a cycle of phis adds
    // none).
    SmallPtrSet<const PHINode *, 8> Assumed;
    std::function<bool(const Value *)> isNull = [&](const Value *V) {
      if (const Value *C = Chosen.lookup(V))
        V = C;
      if (isa<ConstantPointerNull>(V))
        return true;
      auto *Phi = dyn_cast<PHINode>(V);
      if (!Phi || Phi->getParent() == To)
        return false;
      if (!Assumed.insert(Phi).second)
        return true;
      for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K)
        if (Seen.count(Phi->getIncomingBlock(K)) && !isNull(Phi->getIncomingValue(K)))
          return false;
      return true;
    };
    return !Returned.empty() && all_of(Returned, isNull);
  };
  // Successors first: one pass, in which a block on a cycle sees the
  // blocks after it on the cycle as not failing.
  for (const BasicBlock *BB : post_order(&Draft.getEntryBlock())) {
    const Instruction *T = BB->getTerminator();
    bool Fails = T->getNumSuccessors() != 0 && isa<BranchInst, SwitchInst>(T);
    if (auto *Ret = dyn_cast<ReturnInst>(T))
      Fails = Ret->getReturnValue() && isa<ConstantPointerNull>(Ret->getReturnValue());
    for (unsigned K = 0; Fails && K != T->getNumSuccessors(); ++K) {
      const BasicBlock *Succ = T->getSuccessor(K);
      Fails = Failing.count(Succ) || returnsNull(BB, Succ);
    }
    if (Fails)
      Failing.insert(BB);
  }
  return Failing;
}

void WrapperAnalyzer::cutFailingPaths() {
  // Successors first, so that a walk meets the failing edges found before.
  DenseSet<Edge> Known;
  SmallVector<BasicBlock *, 32> Order(post_order(&F.getEntryBlock()));
  for (BasicBlock *BB : Order) {
    // A block whose one way in is its one predecessor's one way on fails
    // when that predecessor does: the bail goes there, no need to ask.
    BasicBlock *Single = BB->getSinglePredecessor();
    if (BB == &F.getEntryBlock() || (Single && Single->getSingleSuccessor() == BB))
      continue;
    bool Fails = true;
    for (BasicBlock *Pred : predecessors(BB)) {
      if (FailingWalk(ArityFacts, DL, Known)
              .fails(BB, Pred, DenseMap<Value *, Constant *>(), DenseMap<Edge, unsigned>()))
        Known.insert({Pred, BB});
      else
        Fails = false;
    }
    Instruction *First = &*find_if(*BB, [](Instruction &I) { return !isa<PHINode>(I); });
    // A NULL return is a bail already (ReturnNetwork); an instruction the
    // boundary gives another meaning stays what it is.
    auto It = Sanctioned.find(First);
    if (!Fails || isa<ReturnInst>(First) || (It != Sanctioned.end() && It->second != Sanction::Bail))
      continue;
    Sanctioned[First] = Sanction::Bail;
    if (!is_contained(S.BailPoints, First))
      S.BailPoints.push_back(First);
  }
}

} // namespace pyunbox
