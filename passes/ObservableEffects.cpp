//===- ObservableEffects.cpp - Could a caller see this happen? ------------===//
#include "pyunbox/passes/ObservableEffects.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {
namespace {

bool isLocalMemory(const Value *Ptr, const Function &F) {
  const Value *Base = getUnderlyingObject(Ptr);
  if (auto *AI = dyn_cast<AllocaInst>(Base))
    return AI->getFunction() == &F;
  return isErrnoLocation(Ptr);
}

// C's math functions (all floating-point in and out) change nothing but errno.
bool isMathFunction(const Function &F) {
  FunctionType *T = F.getFunctionType();
  if (!T->getReturnType()->isFloatingPointTy() || T->isVarArg())
    return false;
  for (Type *P : T->params())
    if (!P->isFloatingPointTy())
      return false;
  return true;
}

} // namespace

ExtraLibcRole extraLibcRole(const Function &F) {
  if (!F.isDeclaration())
    return ExtraLibcRole::None;
  StringRef N = F.getName();
  if (N == "__errno_location" && F.arg_empty())
    return ExtraLibcRole::ErrnoAccessor;
  if (N == "__assert_fail" && F.doesNotReturn())
    return ExtraLibcRole::AssertFail;
  // C99's <math.h> functions that LLVM's TargetLibraryInfo does not know.
  static const char *const Math[] = {"erf", "erff", "erfl", "erfc", "erfcf", "erfcl",
                                     "tgamma", "tgammaf", "tgammal", "lgamma", "lgammaf",
                                     "lgammal", "nextafter", "nextafterf", "nextafterl",
                                     "hypot", "hypotf", "hypotl", "fdim", "fdimf", "fdiml",
                                     "fma", "fmaf", "fmal"};
  for (const char *M : Math)
    if (N == M && isMathFunction(F))
      return ExtraLibcRole::Math;
  // POSIX calls on integers (process, identity, scheduling, descriptors):
  // system calls that never enter the interpreter (a signal they cause only
  // sets CPython's flag). Queries read the process's state and set errno at
  // most; the others change the process. TLI knows none of them.
  static const char *const Queries[] = {
      "getpid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getpgrp",
      "getpgid", "getsid", "getpriority", "sched_get_priority_max", "sched_get_priority_min",
      "sched_getscheduler", "tcgetpgrp", "isatty", "getpagesize", "sysconf", "getdtablesize"};
  static const char *const Changes[] = {
      "setsid", "setpgid", "setpgrp", "setuid", "seteuid", "setreuid", "setgid", "setegid",
      "setregid", "umask", "nice", "setpriority", "kill", "killpg", "sched_yield",
      "tcsetpgrp", "close", "dup", "dup2", "dup3", "fsync", "fdatasync", "alarm", "pause",
      "sleep", "lseek", "lseek64", "login_tty", "eventfd_write"};
  bool Integers = !F.isVarArg() && all_of(F.getFunctionType()->params(), [](Type *T) {
    return T->isIntegerTy();
  });
  if (Integers && is_contained(Queries, N))
    return ExtraLibcRole::SystemQuery;
  if (Integers && is_contained(Changes, N))
    return ExtraLibcRole::SystemChange;
  return ExtraLibcRole::None;
}

bool changesOnlyErrno(const Function &Callee, const TargetLibraryInfo *TLI) {
  ExtraLibcRole Role = extraLibcRole(Callee);
  if (Role == ExtraLibcRole::ErrnoAccessor || Role == ExtraLibcRole::Math ||
      Role == ExtraLibcRole::SystemQuery)
    return true;
  LibFunc LF;
  return Callee.isDeclaration() && TLI && TLI->getLibFunc(Callee, LF) && TLI->has(LF) &&
         isMathFunction(Callee);
}

bool isErrnoLocation(const Value *Ptr) {
  auto *CB = dyn_cast<CallBase>(getUnderlyingObject(Ptr));
  const Function *F = CB ? CB->getCalledFunction() : nullptr;
  return F && extraLibcRole(*F) == ExtraLibcRole::ErrnoAccessor;
}

bool ObservableEffects::mayBeObserved(const Instruction &I) {
  const Function &F = *I.getFunction();
  if (auto *St = dyn_cast<StoreInst>(&I))
    return St->isVolatile() || !isLocalMemory(St->getPointerOperand(), F);
  if (auto *L = dyn_cast<LoadInst>(&I))
    return L->isVolatile();
  if (auto *CB = dyn_cast<CallBase>(&I)) {
    if (isa<DbgInfoIntrinsic>(CB) || CB->isLifetimeStartOrEnd() || isa<AssumeInst>(CB))
      return false;
    if (auto *MI = dyn_cast<AnyMemIntrinsic>(CB))
      return MI->isVolatile() || !isLocalMemory(MI->getRawDest(), F);
    if (CB->onlyReadsMemory() && CB->doesNotThrow() && CB->willReturn())
      return false;
    // A call that never returns (abort, assert) never reaches a bail.
    if (CB->doesNotReturn())
      return false;
    const Function *Callee = CB->getCalledFunction();
    if (!Callee)
      return true;
    if (Callee->isIntrinsic())
      return CB->mayHaveSideEffects();
    if (Callee->isDeclaration())
      return !changesOnlyErrno(*Callee, TLI) &&
             extraLibcRole(*Callee) != ExtraLibcRole::AssertFail;
    return functionMayBeObserved(*Callee);
  }
  return I.mayWriteToMemory() || (I.mayReadFromMemory() && I.isAtomic());
}

bool ObservableEffects::functionMayBeObserved(const Function &F) {
  auto It = Memo.find(&F);
  if (It != Memo.end())
    return It->second;
  Memo[&F] = false; // recursion adds nothing the rest of the body does not
  bool Observed = F.isInterposable();
  for (const Instruction &I : instructions(F))
    if (!Observed && mayBeObserved(I))
      Observed = true;
  return Memo[&F] = Observed;
}

} // namespace pyunbox
