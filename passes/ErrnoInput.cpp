//===- ErrnoInput.cpp - A core that reads errno it did not set -----------===//
#include "pyunbox/passes/ErrnoInput.h"
#include "pyunbox/passes/LibcRoles.h"

#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace pyunbox {

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
    if (none_of(Writes, [&](const StoreInst *S) { return DT.dominates(S, L); }))
      return "it reads errno before it sets it (a consumer's call starts with an errno of its "
             "own, not the one the wrapper's caller left)";
  return "";
}

} // namespace pyunbox
