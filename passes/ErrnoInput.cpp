//===- ErrnoInput.cpp - A core that reads errno it did not set -----------===//
#include "pyunbox/passes/ErrnoInput.h"
#include "pyunbox/passes/LibcRoles.h"

#include "llvm/ADT/SmallPtrSet.h"
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
// takes and 0 and 1 do not (`if (ioctl(...) < 0)`, `== -1`), or for a call
// that returns only 0 or -1, that -1 takes and 0 does not (`if (fsync(fd)
// != 0)`): a POSIX call that returns -1 has set errno. A math function signals nothing so (exp's
// ERANGE leaves its result as it is): its errno is read on every path.
bool readAfterFailedCall(const Instruction &L, const DominatorTree &DT) {
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
    if (Holds(-1) == Holds(0) || (Holds(0) != Holds(1) && !returnsZeroOrMinusOne(*Callee)))
      continue; // -1 does not go one way and 0 (and 1) the other
    const BasicBlock *Failed = Br->getSuccessor(Holds(-1) ? 0 : 1);
    if (DT.dominates(BasicBlockEdge(Dom, Failed), L.getParent()))
      return true;
  }
  return false;
}

// A read of errno in F where no store of F's own to it nor a failed call
// comes first: a load of it, or a call of a function of the module that
// does so itself (a helper clang did not inline, `static inline int
// last_error(void) { return errno; }` at -O0; under LTO one from another
// file). Visiting: the functions on the way, whose recursive calls read
// nothing their own bodies do not show.
const Instruction *firstRead(const Function &F, SmallPtrSetImpl<const Function *> &Visiting) {
  if (F.isDeclaration() || !Visiting.insert(&F).second)
    return nullptr;
  SmallVector<const Instruction *, 2> Reads;
  SmallVector<const StoreInst *, 2> Writes;
  for (const Instruction &I : instructions(F)) {
    if (auto *L = dyn_cast<LoadInst>(&I); L && isErrnoLocation(L->getPointerOperand()))
      Reads.push_back(L);
    if (auto *S = dyn_cast<StoreInst>(&I); S && isErrnoLocation(S->getPointerOperand()))
      Writes.push_back(S);
    if (auto *CB = dyn_cast<CallBase>(&I))
      if (const Function *Callee = CB->getCalledFunction(); Callee && firstRead(*Callee, Visiting))
        Reads.push_back(CB);
  }
  Visiting.erase(&F);
  if (Reads.empty())
    return nullptr;
  DominatorTree DT(const_cast<Function &>(F));
  for (const Instruction *R : Reads)
    if (none_of(Writes, [&](const StoreInst *S) { return DT.dominates(S, R); }) &&
        !readAfterFailedCall(*R, DT))
      return R;
  return nullptr;
}

} // namespace

std::string whyErrnoIsAnInput(const Function &Core) {
  SmallPtrSet<const Function *, 4> Visiting;
  const Instruction *Read = firstRead(Core, Visiting);
  if (!Read)
    return "";
  std::string Reader;
  if (auto *CB = dyn_cast<CallBase>(Read))
    Reader = "it calls '" + CB->getCalledFunction()->getName().str() + "', which reads errno";
  else
    Reader = "it reads errno";
  return Reader + " before it sets it (a consumer's call starts with an errno of its own, not "
                  "the one the wrapper's caller left)";
}

} // namespace pyunbox
