//===- ErrnoInput.cpp - A core that reads errno it did not set -----------===//
#include "pyunbox/passes/ErrnoInput.h"
#include "pyunbox/passes/LibcRoles.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace pyunbox {

namespace {

// Whether L runs only after a call of a declared function has failed: it is
// reached only through the side of a test of that call's result that -1
// takes and 0 and 1 do not (`if (ioctl(...) < 0)`, `== -1`): a POSIX call
// that returns -1 has set errno. A math function signals nothing so (exp's
// ERANGE leaves its result as it is): its errno is read on every path.
bool readAfterFailedCall(const LoadInst &L, const DominatorTree &DT) {
  for (const DomTreeNode *N = DT.getNode(L.getParent()); N && N->getIDom(); N = N->getIDom()) {
    const BasicBlock *Dom = N->getIDom()->getBlock();
    auto *Br = dyn_cast<BranchInst>(Dom->getTerminator());
    auto *Cmp = Br && Br->isConditional() ? dyn_cast<ICmpInst>(Br->getCondition()) : nullptr;
    auto *Call = Cmp ? dyn_cast<CallBase>(Cmp->getOperand(0)) : nullptr;
    auto *K = Cmp ? dyn_cast<ConstantInt>(Cmp->getOperand(1)) : nullptr;
    const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
    if (!K || !Callee || !Callee->isDeclaration() || Callee->isIntrinsic())
      continue;
    unsigned Bits = K->getBitWidth();
    auto Holds = [&](int64_t V) {
      return ICmpInst::compare(APInt(Bits, V, /*isSigned=*/true), K->getValue(), Cmp->getPredicate());
    };
    if (Holds(0) != Holds(1) || Holds(-1) == Holds(0))
      continue; // -1 does not go one way and 0 and 1 the other
    const BasicBlock *Failed = Br->getSuccessor(Holds(-1) ? 0 : 1);
    if (DT.dominates(BasicBlockEdge(Dom, Failed), L.getParent()))
      return true;
  }
  return false;
}

} // namespace

std::string whyErrnoIsAnInput(const Function &Core) {
  SmallVector<const LoadInst *, 2> Reads;
  SmallVector<const StoreInst *, 2> Writes;
  for (const Instruction &I : instructions(Core)) {
    if (auto *L = dyn_cast<LoadInst>(&I); L && isErrnoLocation(L->getPointerOperand()))
      Reads.push_back(L);
    if (auto *S = dyn_cast<StoreInst>(&I); S && isErrnoLocation(S->getPointerOperand()))
      Writes.push_back(S);
  }
  if (Reads.empty())
    return "";
  DominatorTree DT(const_cast<Function &>(Core));
  for (const LoadInst *L : Reads)
    if (none_of(Writes, [&](const StoreInst *S) { return DT.dominates(S, L); }) &&
        !readAfterFailedCall(*L, DT))
      return "it reads errno before it sets it (a consumer's call starts with an errno of its "
             "own, not the one the wrapper's caller left)";
  return "";
}

} // namespace pyunbox
