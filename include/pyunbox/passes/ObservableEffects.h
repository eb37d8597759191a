//===- ObservableEffects.h - Could a caller see this happen? --*- C++ -*-===//
//
// A core may bail (hand the call back to its wrapper, which raises) only if
// nothing observable happened before: no store to memory that outlives the
// call, no call with side effects. errno is the exception: libm sets it, and
// the wrapper sets it again when it runs.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_OBSERVABLEEFFECTS_H
#define PYUNBOX_PASSES_OBSERVABLEEFFECTS_H

#include "llvm/ADT/DenseMap.h"

namespace llvm {
class Function;
class Instruction;
class TargetLibraryInfo;
class Value;
} // namespace llvm

namespace pyunbox {

class ObservableEffects {
public:
  explicit ObservableEffects(const llvm::TargetLibraryInfo *TLI) : TLI(TLI) {}
  /// Whether executing I may change state a caller can observe. Calls the
  /// analysis has given a meaning (unboxers, boxes, refcounts of singletons)
  /// are the caller's to exclude.
  bool mayBeObserved(const llvm::Instruction &I);

private:
  bool functionMayBeObserved(const llvm::Function &F);
  const llvm::TargetLibraryInfo *TLI;
  llvm::DenseMap<const llvm::Function *, bool> Memo;
};

/// Whether a declared function changes nothing a caller sees but errno (C's
/// math functions, glibc's errno accessor, queries such as getpid()). errno is thread-local, and code
/// that cares saves it; it never counts as an effect.
bool changesOnlyErrno(const llvm::Function &Callee, const llvm::TargetLibraryInfo *TLI);

/// Whether a pointer is errno's (the result of __errno_location()).
bool isErrnoLocation(const llvm::Value *Ptr);

/// C library functions that TargetLibraryInfo does not list but the analysis
/// must know: glibc's errno accessor, assert's failure path, and C99 math
/// functions (which change nothing but errno).
enum class ExtraLibcRole : uint8_t {
  None,
  ErrnoAccessor, ///< __errno_location
  AssertFail,    ///< __assert_fail
  Math,          ///< libm functions TLI lacks: change errno only
  SystemQuery,   ///< getpid(), isatty(fd), ...: read process state, set errno
  SystemChange,  ///< setsid(), close(fd), ...: change the process
};
ExtraLibcRole extraLibcRole(const llvm::Function &F);

} // namespace pyunbox

#endif
