//===- analysis/ControlFlow.cpp - Exact answers on the draft's control flow -===//
//
// Whether a block lies on a cycle, whether one instruction may run after
// another. LLVM's isPotentiallyReachable gives up after a few dozen blocks
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

} // namespace pyunbox
