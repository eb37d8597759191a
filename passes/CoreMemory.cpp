//===- CoreMemory.cpp - What a core does to memory ------------------------===//
#include "pyunbox/passes/CoreMemory.h"
#include "pyunbox/passes/ObservableEffects.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {
namespace {

enum pyunbox_memory fromEffects(MemoryEffects ME) {
  if (ME.doesNotAccessMemory())
    return PYUNBOX_MEMORY_NONE;
  if (ME.onlyReadsMemory())
    return PYUNBOX_MEMORY_READ;
  return PYUNBOX_MEMORY_WRITE;
}

enum pyunbox_memory weaker(enum pyunbox_memory A, enum pyunbox_memory B) {
  return A < B ? A : B;
}

class Scanner {
public:
  Scanner(const Argument *Bail, const TargetLibraryInfo *TLI) : Bail(Bail), TLI(TLI) {}

  enum pyunbox_memory scan(const Function &F) {
    auto It = Memo.find(&F);
    if (It != Memo.end())
      return It->second;
    Memo[&F] = PYUNBOX_MEMORY_NONE; // recursion adds nothing new
    enum pyunbox_memory M = F.isDeclaration() ? fromEffects(F.getMemoryEffects()) : body(F);
    return Memo[&F] = M;
  }

private:
  // The core's stack, and the caller's bail flag, which the record's memory
  // effect does not count.
  bool isLocal(const Value *Ptr, const Function &F) const {
    const Value *Base = getUnderlyingObject(Ptr);
    if ((Bail && Base == Bail) || isErrnoLocation(Ptr))
      return true;
    auto *AI = dyn_cast<AllocaInst>(Base);
    return AI && AI->getFunction() == &F;
  }

  enum pyunbox_memory body(const Function &F) {
    enum pyunbox_memory M = PYUNBOX_MEMORY_NONE;
    auto Raise = [&M](enum pyunbox_memory To) { M = M > To ? M : To; };
    for (const Instruction &I : instructions(F)) {
      if (!I.mayReadOrWriteMemory())
        continue;
      if (auto *L = dyn_cast<LoadInst>(&I)) {
        if (!L->isVolatile() && isLocal(L->getPointerOperand(), F))
          continue;
        Raise(L->isVolatile() ? PYUNBOX_MEMORY_WRITE : PYUNBOX_MEMORY_READ);
      } else if (auto *St = dyn_cast<StoreInst>(&I)) {
        if (!St->isVolatile() && isLocal(St->getPointerOperand(), F))
          continue;
        Raise(PYUNBOX_MEMORY_WRITE);
      } else if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (isa<DbgInfoIntrinsic>(CB) || CB->isLifetimeStartOrEnd() ||
            isa<AssumeInst>(CB))
          continue;
        enum pyunbox_memory C = fromEffects(CB->getMemoryEffects());
        if (const Function *Callee = CB->getCalledFunction()) {
          // A query of the process's state is a read (getpid() changes
          // across fork()), though it changes nothing but errno.
          if (extraLibcRole(*Callee) == ExtraLibcRole::SystemQuery)
            C = PYUNBOX_MEMORY_READ;
          else
            C = changesOnlyErrno(*Callee, TLI) ? PYUNBOX_MEMORY_NONE : weaker(C, scan(*Callee));
        }
        if (auto *MI = dyn_cast<AnyMemIntrinsic>(CB); MI && isLocal(MI->getRawDest(), F)) {
          auto *MT = dyn_cast<AnyMemTransferInst>(MI);
          C = MT && !isLocal(MT->getRawSource(), F) ? PYUNBOX_MEMORY_READ : PYUNBOX_MEMORY_NONE;
        }
        Raise(C);
      } else {
        Raise(PYUNBOX_MEMORY_WRITE); // atomics, fences, va_arg
      }
    }
    return M;
  }

  DenseMap<const Function *, enum pyunbox_memory> Memo;
  const Argument *Bail;
  const TargetLibraryInfo *TLI;
};

} // namespace

enum pyunbox_memory memoryOfCore(const Function &Core, const Argument *Bail,
                                 const TargetLibraryInfo *TLI) {
  // LLVM's answer, without the argument memory (the bail flag).
  MemoryEffects ME = Core.getMemoryEffects().getWithoutLoc(IRMemLocation::ArgMem);
  return weaker(fromEffects(ME), Scanner(Bail, TLI).scan(Core));
}

} // namespace pyunbox
