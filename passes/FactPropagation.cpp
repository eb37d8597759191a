//===- FactPropagation.cpp - Which code runs in the core ------------------===//
#include "pyunbox/passes/FactPropagation.h"

#include "llvm/Analysis/InstructionSimplify.h"
#include "llvm/Analysis/PostDominators.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

#include <algorithm>

using namespace llvm;

namespace pyunbox {

FactPropagation::FactPropagation(Function &F, const DenseMap<Value *, Constant *> &Facts,
                                 const DenseMap<Value *, Value *> &Models,
                                 std::function<bool(const Value *)> NonNull,
                                 std::function<bool(const Instruction &)> Stops,
                                 bool Pessimistic,
                                 std::function<bool(const Value *, const Constant *)> Differs)
    : Facts(Facts), Models(Models), NonNull(std::move(NonNull)), Differs(std::move(Differs)),
      Pessimistic(Pessimistic) {
  if (Stops)
    for (BasicBlock &BB : F)
      for (Instruction &I : BB)
        if (Stops(I)) {
          StopAt[&BB] = &I;
          break;
        }
  solve(F);
}

FactPropagation::~FactPropagation() = default;

SmallPtrSet<const BasicBlock *, 16> FactPropagation::reach(ArrayRef<const BasicBlock *> Seeds,
                                                            bool Forward) const {
  SmallPtrSet<const BasicBlock *, 16> Reached;
  SmallVector<const BasicBlock *, 16> Work(Seeds.begin(), Seeds.end());
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (!Reached.insert(BB).second)
      continue;
    if (Forward) {
      for (const BasicBlock *Succ : successors(BB))
        if (isExecutableEdge(BB, Succ))
          Work.push_back(Succ);
    } else {
      for (const BasicBlock *Pred : predecessors(BB))
        if (isExecutableEdge(Pred, BB))
          Work.push_back(Pred);
    }
  }
  return Reached;
}

bool FactPropagation::executes(const Instruction &I) const {
  const BasicBlock *BB = I.getParent();
  if (!isExecutable(BB))
    return false;
  const Instruction *Stop = StopAt.lookup(BB);
  return !Stop || Stop == &I || I.comesBefore(Stop);
}

Constant *FactPropagation::constantOf(const Value *V) const {
  Lattice L = get(V);
  return L.S == State::Const ? L.C : nullptr;
}

FactPropagation::Lattice FactPropagation::get(const Value *V) const {
  auto F = Facts.find(const_cast<Value *>(V));
  if (F != Facts.end())
    return {State::Const, F->second};
  // Undef stays unknown on purpose: reasoning from it would let the core pick
  // a path the wrapper may not take.
  if (auto *C = dyn_cast<Constant>(V))
    return isa<UndefValue>(C) ? Lattice{State::Over, nullptr} : Lattice{State::Const, const_cast<Constant *>(C)};
  if (!isa<Instruction>(V))
    return {State::Over, nullptr};
  auto It = Values.find(V);
  return It == Values.end() ? Lattice{} : It->second;
}

// Cython's cpdef function returns its box, or NULL where the box failed,
// and its caller tests what it got: the phi of the two is a made object on
// every edge that runs in the core.
bool FactPropagation::nonNullWhereTaken(const Value *V, SmallPtrSetImpl<const Value *> &Seen) const {
  if (NonNull(V))
    return true;
  if (!Seen.insert(V).second)
    return true; // a cycle adds no other value
  if (auto *Sel = dyn_cast<SelectInst>(V))
    return nonNullWhereTaken(Sel->getTrueValue(), Seen) && nonNullWhereTaken(Sel->getFalseValue(), Seen);
  auto *Phi = dyn_cast<PHINode>(V);
  if (!Phi || Joined.count(Phi->getParent()))
    return false;
  bool Taken = false;
  for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K) {
    if (!isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()))
      continue;
    Taken = true;
    if (!nonNullWhereTaken(Phi->getIncomingValue(K), Seen))
      return false;
  }
  return Taken;
}

bool FactPropagation::update(const Value *V, Lattice New) {
  Lattice &Old = Values[V];
  if (Old.S == State::Over || New.S == State::Unknown)
    return false;
  if (Old.S == State::Const && New.S == State::Const && Old.C == New.C)
    return false;
  if (Old.S == State::Const)
    New = {State::Over, nullptr}; // two different constants: overdefined
  Old = New;
  return true;
}

FactPropagation::Lattice FactPropagation::evaluate(Instruction &I) {
  if (Facts.count(&I))
    return get(&I);
  if (auto *Phi = dyn_cast<PHINode>(&I)) {
    if (Joined.count(Phi->getParent()))
      return {State::Over, nullptr}; // some of its paths were not followed
    Lattice Result;
    for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K) {
      if (!isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()))
        continue;
      Lattice In = get(Phi->getIncomingValue(K));
      if (In.S == State::Unknown)
        continue;
      if (In.S == State::Over || (Result.S == State::Const && Result.C != In.C))
        return {State::Over, nullptr};
      Result = In;
    }
    return Result;
  }
  // __builtin_expect (Cython's likely/unlikely) is its first operand.
  if (auto *II = dyn_cast<IntrinsicInst>(&I))
    if (II->getIntrinsicID() == Intrinsic::expect ||
        II->getIntrinsicID() == Intrinsic::expect_with_probability)
      return get(II->getArgOperand(0));
  // Only pure computations fold; anything that touches memory or calls out
  // is whatever it is at run time.
  if (I.mayReadOrWriteMemory() || I.isTerminator() || isa<AllocaInst>(I) ||
      I.getType()->isVoidTy())
    return {State::Over, nullptr};
  if (auto *Cmp = dyn_cast<ICmpInst>(&I)) {
    // A boxed result, NewRef'd singleton or similar is never NULL in the
    // core; an argument object is never None.
    for (unsigned K = 0; K != 2 && Cmp->isEquality(); ++K) {
      Value *Obj = Cmp->getOperand(K);
      auto *Other = dyn_cast<Constant>(Cmp->getOperand(1 - K));
      SmallPtrSet<const Value *, 8> Seen;
      bool Known = Other && ((isa<ConstantPointerNull>(Other) && nonNullWhereTaken(Obj, Seen)) ||
                             (Differs && !isa<Constant>(Obj) && Differs(Obj, Other)));
      if (Known)
        return {State::Const, ConstantInt::getBool(I.getType(), !Cmp->isTrueWhenEqual())};
    }
  }
  SmallVector<Value *, 4> Ops;
  for (Value *Op : I.operands()) {
    Lattice L = get(Op);
    if (L.S == State::Unknown)
      return {};
    Value *Model = Models.lookup(Op);
    Ops.push_back(L.S == State::Const ? L.C : Model ? Model : Op);
  }
  const DataLayout &DL = I.getModule()->getDataLayout();
  Value *S = simplifyInstructionWithOperands(&I, Ops, SimplifyQuery(DL));
  if (auto *C = dyn_cast_or_null<Constant>(S))
    if (!isa<UndefValue>(C))
      return {State::Const, C};
  return {State::Over, nullptr};
}

bool FactPropagation::markEdge(BasicBlock *From, BasicBlock *To) {
  bool Changed = Edges.insert({From, To}).second;
  Changed |= Blocks.insert(To).second;
  return Changed;
}

bool FactPropagation::takenSuccessors(Instruction &T, bool ForceOver,
                                      SmallVectorImpl<BasicBlock *> &Targets) const {
  Value *Cond = nullptr;
  if (auto *Br = dyn_cast<BranchInst>(&T); Br && Br->isConditional())
    Cond = Br->getCondition();
  else if (auto *Sw = dyn_cast<SwitchInst>(&T))
    Cond = Sw->getCondition();
  Lattice L = Cond ? get(Cond) : Lattice{State::Over, nullptr};
  if (L.S == State::Unknown && !ForceOver)
    return false;
  auto *CI = L.S == State::Const ? dyn_cast<ConstantInt>(L.C) : nullptr;
  if (!CI && Cond && Pessimistic)
    return false;
  if (!CI) {
    append_range(Targets, successors(T.getParent()));
    return true;
  }
  if (auto *Br = dyn_cast<BranchInst>(&T))
    Targets.push_back(Br->getSuccessor(CI->isZero() ? 1 : 0));
  else
    Targets.push_back(cast<SwitchInst>(&T)->findCaseValue(CI)->getCaseSuccessor());
  return true;
}

// BB's successors, each once (a branch or switch may name one twice).
static void appendSuccessors(BasicBlock *BB, SmallVectorImpl<BasicBlock *> &Out) {
  for (BasicBlock *Succ : successors(BB))
    if (!is_contained(Out, Succ))
      Out.push_back(Succ);
}

void FactPropagation::regionSuccessors(BasicBlock *BB, SmallVectorImpl<BasicBlock *> &Out) {
  Instruction *T = BB->getTerminator();
  auto *Br = dyn_cast<BranchInst>(T);
  auto *Sw = dyn_cast<SwitchInst>(T);
  Value *Cond = Br && Br->isConditional() ? Br->getCondition() : Sw ? Sw->getCondition() : nullptr;
  if (Cond) {
    Lattice L = get(Cond);
    if (auto *I = dyn_cast<Instruction>(Cond); I && L.S == State::Unknown)
      L = evaluate(*I);
    if (auto *CI = L.S == State::Const ? dyn_cast<ConstantInt>(L.C) : nullptr) {
      Out.push_back(Br ? Br->getSuccessor(CI->isZero() ? 1 : 0)
                       : Sw->findCaseValue(CI)->getCaseSuccessor());
      return;
    }
  }
  appendSuccessors(BB, Out);
}

BasicBlock *FactPropagation::sureJoin(BasicBlock *From) {
  if (!PDT)
    PDT = std::make_unique<PostDominatorTree>(*From->getParent());
  // Every path from From passes the post-dominator: the region between is
  // all there is to look at (without one, paths may end apart, but decided
  // branches may still bring them together: the region is then bounded).
  auto *PNode = PDT->getNode(From);
  BasicBlock *Bound = PNode && PNode->getIDom() ? PNode->getIDom()->getBlock() : nullptr;
  constexpr unsigned MaxRegion = 64;
  struct Node {
    BasicBlock *BB;
    SmallVector<BasicBlock *, 2> Succs;
    unsigned Next = 0;
    bool Open = true;
  };
  SmallVector<Node, 16> Nodes;
  DenseMap<const BasicBlock *, unsigned> Index;
  SmallVector<BasicBlock *, 16> PostOrder;
  auto Enter = [&](BasicBlock *BB) {
    Index[BB] = Nodes.size();
    Nodes.push_back({BB, {}, 0, true});
    if (BB == From) // its own branch is the one undecided: both ways
      appendSuccessors(BB, Nodes.back().Succs);
    else if (BB != Bound)
      regionSuccessors(BB, Nodes.back().Succs);
  };
  // The region depth first: none on a cycle (its paths may never come out).
  Enter(From);
  SmallVector<unsigned, 16> Stack{0};
  while (!Stack.empty()) {
    Node &N = Nodes[Stack.back()];
    if (N.Next == N.Succs.size()) {
      N.Open = false;
      PostOrder.push_back(N.BB);
      Stack.pop_back();
      continue;
    }
    BasicBlock *Succ = N.Succs[N.Next++];
    if (auto It = Index.find(Succ); It != Index.end()) {
      if (Nodes[It->second].Open)
        return nullptr;
      continue;
    }
    if (Nodes.size() == MaxRegion)
      return nullptr;
    Enter(Succ); // may move Nodes: N is not used again
    Stack.push_back(Nodes.size() - 1);
  }
  // Where the paths meet: the frontier of paths followed in topological
  // order until it is one block. A block expanded on the way is on some
  // path before the join: none may end there or hold a stop.
  DenseMap<const BasicBlock *, unsigned> Rank;
  unsigned K = 0;
  for (BasicBlock *BB : reverse(PostOrder))
    Rank[BB] = K++;
  SmallVector<BasicBlock *, 8> Frontier(Nodes[0].Succs.begin(), Nodes[0].Succs.end());
  while (Frontier.size() > 1) {
    auto Earliest = std::min_element(Frontier.begin(), Frontier.end(),
                                     [&](const BasicBlock *A, const BasicBlock *B) {
                                       return Rank.lookup(A) < Rank.lookup(B);
                                     });
    BasicBlock *BB = *Earliest;
    const Node &N = Nodes[Index.lookup(BB)];
    if (N.Succs.empty() || StopAt.count(BB))
      return nullptr;
    Frontier.erase(Earliest);
    for (BasicBlock *Succ : N.Succs)
      if (!is_contained(Frontier, Succ))
        Frontier.push_back(Succ);
  }
  return Frontier.empty() ? nullptr : Frontier.front();
}

void FactPropagation::solve(Function &F) {
  if (F.empty())
    return;
  // A worklist solver: an instruction is evaluated again only when one of
  // its operands changed or (a phi) an edge into its block became
  // executable. The values only rise in the lattice, so the fixpoint is
  // the one a sweep over every block until nothing changes would reach.
  SmallVector<Instruction *, 64> Work;
  auto Live = [&](const Instruction &I) {
    if (!Blocks.count(I.getParent()))
      return false;
    const Instruction *Stop = StopAt.lookup(I.getParent());
    return !Stop || (!I.isTerminator() && I.comesBefore(Stop));
  };
  auto EnterBlock = [&](BasicBlock *BB) {
    for (Instruction &I : *BB)
      if (Live(I))
        Work.push_back(&I);
  };
  // BB's phis merge another value (an edge taken, or the block joined):
  // they are evaluated again, and so are the comparisons with NULL that
  // looked through them (nonNullWhereTaken), through more phis and selects
  // too, whose answer may change though the phis' values do not.
  auto AskPhisAgain = [&](BasicBlock *BB) {
    SmallVector<Instruction *, 8> Through;
    SmallPtrSet<Instruction *, 8> Met;
    for (PHINode &Phi : BB->phis())
      Through.push_back(&Phi);
    while (!Through.empty()) {
      Instruction *I = Through.pop_back_val();
      if (!Met.insert(I).second || !Live(*I))
        continue;
      Work.push_back(I);
      for (User *U : I->users())
        if (isa<PHINode>(U) || isa<SelectInst>(U) || isa<ICmpInst>(U))
          Through.push_back(cast<Instruction>(U));
    }
  };
  // An edge taken: its target's instructions if the block is new, else its
  // phis (one more incoming value to merge).
  auto TakeEdges = [&](BasicBlock *From, ArrayRef<BasicBlock *> Targets) {
    for (BasicBlock *To : Targets) {
      bool NewBlock = !Blocks.count(To);
      if (!markEdge(From, To))
        continue;
      if (NewBlock)
        EnterBlock(To);
      else
        AskPhisAgain(To);
    }
  };
  auto Visit = [&](Instruction &T, bool ForceOver) {
    SmallVector<BasicBlock *, 4> Targets;
    if (takenSuccessors(T, ForceOver, Targets)) {
      TakeEdges(T.getParent(), Targets);
    } else if (Pessimistic) {
      if (BasicBlock *Join = sureJoin(T.getParent())) {
        bool Again = Joined.insert(Join).second && Blocks.count(Join);
        TakeEdges(T.getParent(), {Join});
        if (Again)
          AskPhisAgain(Join);
      }
    }
  };
  Blocks.insert(&F.getEntryBlock());
  EnterBlock(&F.getEntryBlock());
  for (;;) {
    while (!Work.empty()) {
      Instruction *I = Work.pop_back_val();
      if (I->isTerminator()) {
        Visit(*I, false);
        continue;
      }
      if (!update(I, evaluate(*I)))
        continue;
      for (User *U : I->users())
        if (auto *UI = dyn_cast<Instruction>(U); UI && Live(*UI))
          Work.push_back(UI);
    }
    // A branch still undecided at the fixpoint is then taken both ways
    // (pessimistic: no way).
    if (Pessimistic)
      break;
    for (BasicBlock &BB : F)
      if (Blocks.count(&BB) && !StopAt.count(&BB))
        Visit(*BB.getTerminator(), true);
    if (Work.empty())
      break;
  }
  // Branches whose condition ended as a constant go one way only.
  for (BasicBlock &BB : F) {
    if (!Blocks.count(&BB) || StopAt.count(&BB))
      continue;
    BasicBlock *Only = nullptr;
    unsigned Live = 0;
    for (BasicBlock *S : successors(&BB))
      if (isExecutableEdge(&BB, S) && S != Only) {
        Only = S;
        ++Live;
      }
    if (Live == 1 && BB.getTerminator()->getNumSuccessors() > 1)
      Folded[&BB] = Only;
  }
}

} // namespace pyunbox
