//===- LibcRoles.h - C library functions the analysis must know -*- C++ -*-===//
//
// What a declared C library function does, where TargetLibraryInfo does not
// say: glibc's errno accessor, assert's failure path, the C99 math functions
// LLVM does not list, and POSIX calls on integers. errno never counts as an
// effect: it is thread-local, libm sets it, and a wrapper that runs again
// after a bail sets it again.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_LIBCROLES_H
#define PYUNBOX_PASSES_LIBCROLES_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace llvm {
class CallBase;
class Function;
class TargetLibraryInfo;
class Value;
} // namespace llvm

namespace pyunbox {

/// Whether a declared function changes nothing a caller sees but errno (C's
/// math functions, glibc's errno and <ctype.h> accessors, queries such as
/// getpid()).
bool changesOnlyErrno(const llvm::Function &Callee, const llvm::TargetLibraryInfo *TLI);

/// Whether a pointer is errno's (the result of __errno_location()).
bool isErrnoLocation(const llvm::Value *Ptr);

/// C library functions that TargetLibraryInfo does not list but the analysis
/// must know.
enum class ExtraLibcRole : uint8_t {
  None,
  ErrnoAccessor, ///< __errno_location
  CtypeTables,   ///< glibc's <ctype.h> accessors (__ctype_b_loc, __ctype_tolower_loc,
                 ///< __ctype_toupper_loc): this thread's pointer to its locale's
                 ///< tables, which isdigit() and toupper() read (a read: the locale
                 ///< is shared)
  AssertFail,    ///< __assert_fail
  Math,          ///< libm functions TLI lacks: change errno only
  SystemQuery,   ///< getpid(), isatty(fd), ...: read process state, set errno
  SystemChange,  ///< setsid(), close(fd), ...: change the process
};
ExtraLibcRole extraLibcRole(const llvm::Function &F);
/// Whether a declared POSIX call returns 0 on success and -1, having set
/// errno, on failure, and nothing else (fsync, fchmod, close, kill, ...): a
/// result other than 0 is its failure (`if (fsync(fd) != 0)`).
bool returnsZeroOrMinusOne(const llvm::Function &F);

/// What a call of a C library function does with the memory its pointer
/// argument ArgNo points to: by the C standard for the string functions
/// (no optimization marks memchr's string `nocapture`, since its result
/// points into it), else by what LLVM's InferFunctionAttrs gives the
/// function's declaration at -O1 and up (strncpy's source, access's path),
/// asked of a copy at -O0 too, where the declaration is bare. The same
/// call thus gets the same answer at every level.
enum class PointeeUse : uint8_t {
  Unknown,    ///< not a function TargetLibraryInfo knows and has, or another argument
  Reads,      ///< reads it and keeps no pointer to it (strlen, memcmp, strstr's needle)
  ReadsInto,  ///< reads it; the result is NULL or points into it, and no other
              ///< pointer is kept (memchr, strchr, strstr's haystack)
};
PointeeUse libcPointeeUse(const llvm::CallBase &CB, unsigned ArgNo, const llvm::TargetLibraryInfo *TLI);
/// Whether a call of a C library function touches nothing but what its
/// pointer arguments point to (strlen, memchr, strncpy; not strcoll or atoi,
/// which read the locale): LLVM's argmem, from the same two sources, and
/// frexp and modf, which store their second result through their pointer
/// (by C's definition, at every LLVM major).
bool libcAccessesOnlyItsArguments(const llvm::CallBase &CB, const llvm::TargetLibraryInfo *TLI);
/// Whether a call of a C library function reads memory and writes none but
/// errno: the string functions (strlen, strcmp, memchr; atoi and strcoll,
/// which read the locale too) and the number parsers given no end pointer
/// (strtol(s, NULL, 10), which LLVM makes of atoi and gives no attribute).
bool libcWritesOnlyErrno(const llvm::CallBase &CB, const llvm::TargetLibraryInfo *TLI);

/// Whether a call allocates a fresh heap block from its integer arguments
/// alone (malloc, calloc, aligned_alloc, valloc, memalign; not
/// strdup or realloc, which read memory): LLVM knows these by the allockind
/// attributes that -O2 adds to their declarations, and -O0 adds none, so
/// the C library's names (TargetLibraryInfo, prototype checked) are asked
/// too.
bool allocatesFreshBlock(const llvm::CallBase &CB, const llvm::TargetLibraryInfo *TLI);
/// The pointer a call of free() (or of a function LLVM knows to free, by
/// allockind) releases, or null.
const llvm::Value *freedPointer(const llvm::CallBase &CB, const llvm::TargetLibraryInfo *TLI);
/// Whether a function is a sanitizer's report of a failed check (UBSan's
/// __ubsan_handle_*, of the full or the minimal runtime, which clang's
/// -fsanitize=undefined calls from the checked code itself): the values it is
/// given, a pointer's included, are printed, never written through.
bool isSanitizerReport(llvm::StringRef Name);

} // namespace pyunbox

#endif
