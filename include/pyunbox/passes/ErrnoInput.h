//===- ErrnoInput.h - A core that reads errno it did not set ----*- C++ -*-===//
//
// errno is the core's own scratch memory (CalleeSummaries: a store to it is
// no effect a caller sees), as long as the core sets it before it reads it.
// The wrapper's errno at entry is its thread's, left by whatever ran before;
// a core called through cffi starts with cffi's saved errno instead. A core
// that reads errno on a path where it has not set it (`r = exp(x); if
// (errno == ERANGE)` without `errno = 0` first) answers from that value,
// which differs: no core. A read where a POSIX call has just failed (its
// -1 tested: `if (ioctl(fd, ...) < 0) { int e = errno; ... }`) reads what
// that call set.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_ERRNOINPUT_H
#define PYUNBOX_PASSES_ERRNOINPUT_H

#include <string>

namespace llvm {
class Function;
} // namespace llvm

namespace pyunbox {

/// Why Core reads errno where neither a store of its own to errno nor the
/// failure of a call it made (a result tested for -1) comes first on every
/// path, or "". A call of a function of the module that reads errno so
/// itself is such a read.
std::string whyErrnoIsAnInput(const llvm::Function &Core);

} // namespace pyunbox

#endif
