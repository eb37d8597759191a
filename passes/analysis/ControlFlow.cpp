//===- analysis/ControlFlow.cpp - Exact answers on the draft's control flow -===//
//
// Whether a block lies on a cycle, whether one instruction may run after
// another, where two runs of the draft that part at a branch meet again. LLVM's isPotentiallyReachable gives up after a few dozen blocks
// and answers yes, which a large wrapper (Clinic's code for four optional
// doubles, a SWIG or BTrees wrapper) reaches: every default or unit of such a
// wrapper would be refused for a cycle or a write that is not there. The
// draft is small enough to walk whole, and does not change while it is
// analyzed. Nothing here changes IR.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/IR/CFG.h"

using namespace llvm;

namespace pyunbox {

bool WrapperAnalyzer::onCycle(const BasicBlock &BB) const {
  if (!CyclicBlocks) {
    CyclicBlocks.emplace();
    for (auto SCC = scc_begin(&F); !SCC.isAtEnd(); ++SCC)
      if (SCC.hasCycle())
        CyclicBlocks->insert(SCC->begin(), SCC->end());
  }
  return CyclicBlocks->count(&BB) != 0;
}

bool WrapperAnalyzer::mayRunAfter(const Instruction &From, const Instruction &To) const {
  const BasicBlock *Start = From.getParent(), *End = To.getParent();
  if (Start == End && From.comesBefore(&To))
    return true;
  SmallVector<const BasicBlock *, 16> Work(succ_begin(Start), succ_end(Start));
  SmallPtrSet<const BasicBlock *, 16> Seen;
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (BB == End)
      return true;
    if (Seen.insert(BB).second)
      Work.append(succ_begin(BB), succ_end(BB));
  }
  return false;
}

// The blocks Run passes from BB's successors up to Join, none past it;
// false where one of its paths ends elsewhere (a return) or comes back to
// BB. A bail ends a path: the call leaves for the wrapper there.
static bool pathsReach(const BasicBlock &BB, const FactPropagation &Run, const BasicBlock &Join,
                       SmallPtrSetImpl<const BasicBlock *> &Passed) {
  SmallVector<const BasicBlock *, 16> Work;
  auto Next = [&](const BasicBlock &From) {
    unsigned N = 0;
    for (const BasicBlock *To : successors(&From))
      if (Run.isExecutableEdge(&From, To)) {
        Work.push_back(To);
        ++N;
      }
    return N;
  };
  Next(BB);
  while (!Work.empty()) {
    const BasicBlock *X = Work.pop_back_val();
    if (X == &Join || !Passed.insert(X).second)
      continue;
    if (X == &BB)
      return false;
    if (!Run.executes(*X->getTerminator()))
      continue; // a bail before its end
    if (!Next(*X))
      return false; // a return, or a dead end
  }
  return true;
}

const BasicBlock *WrapperAnalyzer::rejoin(const BasicBlock &BB, const FactPropagation &A,
                                          const FactPropagation &B,
                                          SmallPtrSetImpl<const BasicBlock *> &PassedA,
                                          SmallPtrSetImpl<const BasicBlock *> &PassedB) const {
  // The candidates, nearest first: the blocks B reaches from BB.
  SmallVector<const BasicBlock *, 16> Order;
  SmallPtrSet<const BasicBlock *, 16> Seen{&BB};
  for (const BasicBlock *To : successors(&BB))
    if (B.isExecutableEdge(&BB, To) && Seen.insert(To).second)
      Order.push_back(To);
  for (size_t I = 0; I != Order.size(); ++I)
    for (const BasicBlock *To : successors(Order[I]))
      if (B.isExecutableEdge(Order[I], To) && Seen.insert(To).second)
        Order.push_back(To);
  for (const BasicBlock *Join : Order) {
    PassedA.clear();
    PassedB.clear();
    if (pathsReach(BB, A, *Join, PassedA) && pathsReach(BB, B, *Join, PassedB))
      return Join;
  }
  return nullptr;
}

} // namespace pyunbox
