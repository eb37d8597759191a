//===- LibcRoles.cpp - C library functions the analysis must know --------===//
#include "pyunbox/passes/LibcRoles.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BuildLibCalls.h"

#include <map>
#include <optional>
#include <string>

using namespace llvm;

namespace pyunbox {
namespace {

// A real or complex floating-point value as the ABI passes it: a double,
// or a complex one's two parts (x86-64 returns `double complex` as
// {double, double} and passes `float complex` as <2 x float>; AArch64
// passes [2 x double]).
bool isFloatingPointData(Type *T) {
  if (T->isFPOrFPVectorTy())
    return true;
  if (auto *A = dyn_cast<ArrayType>(T))
    return A->getElementType()->isFloatingPointTy();
  if (auto *S = dyn_cast<StructType>(T))
    return S->getNumElements() && all_of(S->elements(), [](Type *E) { return E->isFloatingPointTy(); });
  return false;
}

// C's math functions change nothing but errno (and the floating-point
// status flags): floating-point values in and out, real or complex, or an
// integer among them (ldexp's exponent, lround's result), with at least one
// floating-point parameter and no pointer (frexp and modf write through
// theirs; drand48, with no parameter, changes its generator).
bool isMathFunction(const Function &F) {
  FunctionType *T = F.getFunctionType();
  auto Scalar = [](Type *X) { return isFloatingPointData(X) || X->isIntegerTy(); };
  if (T->isVarArg() || !Scalar(T->getReturnType()))
    return false;
  return all_of(T->params(), Scalar) && any_of(T->params(), isFloatingPointData);
}

// The names the C library functions below are known by.
enum class LibcName : uint8_t { Math, Query, Change, VariadicChange };

// Which of them a name is: one lookup, since every declaration a draft calls
// is asked about (posix's drafts call hundreds).
std::optional<LibcName> libcName(StringRef N) {
  static const StringMap<LibcName> Names = [] {
    // C99's <math.h> and <complex.h> functions that LLVM's TargetLibraryInfo
    // does not know (or not on every major).
    static const char *const Math[] = {"erf", "erff", "erfl", "erfc", "erfcf", "erfcl",
                                       "tgamma", "tgammaf", "tgammal", "lgamma", "lgammaf",
                                       "lgammal", "nextafter", "nextafterf", "nextafterl",
                                       "hypot", "hypotf", "hypotl", "fdim", "fdimf", "fdiml",
                                       "fma", "fmaf", "fmal",
                                       // Rounding to an integer, and exponents: an integer
                                       // in or out.
                                       "lround", "lroundf", "lroundl", "llround", "llroundf",
                                       "llroundl", "lrint", "lrintf", "lrintl", "llrint",
                                       "llrintf", "llrintl", "ilogb", "ilogbf", "ilogbl",
                                       "scalbn", "scalbnf", "scalbnl", "scalbln", "scalblnf",
                                       "scalblnl",
                                       // <complex.h> (Cython 3's `x ** y` of doubles is cpow):
                                       // a long double complex, passed in memory, is no
                                       // isMathFunction's.
                                       "cpow", "cpowf", "cpowl", "cexp", "cexpf", "cexpl",
                                       "clog", "clogf", "clogl", "csqrt", "csqrtf", "csqrtl",
                                       "csin", "csinf", "csinl", "ccos", "ccosf", "ccosl",
                                       "ctan", "ctanf", "ctanl", "casin", "casinf", "casinl",
                                       "cacos", "cacosf", "cacosl", "catan", "catanf", "catanl",
                                       "csinh", "csinhf", "csinhl", "ccosh", "ccoshf", "ccoshl",
                                       "ctanh", "ctanhf", "ctanhl", "casinh", "casinhf", "casinhl",
                                       "cacosh", "cacoshf", "cacoshl", "catanh", "catanhf",
                                       "catanhl", "carg", "cargf", "cargl", "cproj", "cprojf",
                                       "cprojl", "cabs", "cabsf", "cabsl",
                                       // The compiler's runtime for C99's complex
                                       // product and quotient (libgcc, compiler-rt).
                                       "__muldc3", "__mulsc3", "__divdc3", "__divsc3"};
    // POSIX calls on integers (process, identity, scheduling, descriptors):
    // system calls that never enter the interpreter (a signal they cause only
    // sets CPython's flag). Queries read the process's state and set errno at
    // most; the others change the process. TLI knows none of them (isdigit
    // aside, whose declaration it gives no attributes at -O0).
    static const char *const Queries[] = {
        "getpid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getpgrp",
        "getpgid", "getsid", "getpriority", "sched_get_priority_max", "sched_get_priority_min",
        "sched_getscheduler", "tcgetpgrp", "isatty", "getpagesize", "sysconf", "getdtablesize",
        "gettid", "sched_getcpu", "get_nprocs", "get_nprocs_conf", "get_phys_pages",
        "get_avphys_pages", "gethostid", "fpathconf",
        // <ctype.h>'s functions, where they are calls rather than macros
        // (toupper at -O0, every one from C++): they read the locale.
        "isalnum", "isalpha", "isblank", "iscntrl", "isdigit", "isgraph", "islower", "isprint",
        "ispunct", "isspace", "isupper", "isxdigit", "tolower", "toupper"};
    static const char *const Changes[] = {
        "setsid", "setpgid", "setpgrp", "setuid", "seteuid", "setreuid", "setgid", "setegid",
        "setregid", "umask", "nice", "setpriority", "kill", "killpg", "sched_yield",
        "tcsetpgrp", "close", "dup", "dup2", "dup3", "fsync", "fdatasync", "alarm", "pause",
        "sleep", "lseek", "lseek64", "login_tty", "eventfd_write", "sync", "syncfs", "fchdir",
        "fchmod", "fchown", "ftruncate", "ftruncate64", "posix_fadvise", "posix_fadvise64",
        "posix_fallocate", "posix_fallocate64", "lockf", "lockf64", "tcdrain", "tcflow",
        "tcflush", "tcsendbreak", "unshare", "setns", "personality", "closefrom"};
    // Variadic ones, whose fixed parameters are integers: what they do
    // depends on the request, and a pointer among the rest may be written
    // through, so they change the process and their memory effects are the
    // declaration's (unknown: the record says "write").
    static const char *const VariadicChanges[] = {"syscall", "prctl"};
    StringMap<LibcName> M;
    for (const char *Name : Math)
      M[Name] = LibcName::Math;
    for (const char *Name : Queries)
      M[Name] = LibcName::Query;
    for (const char *Name : Changes)
      M[Name] = LibcName::Change;
    for (const char *Name : VariadicChanges)
      M[Name] = LibcName::VariadicChange;
    return M;
  }();
  auto It = Names.find(N);
  return It == Names.end() ? std::nullopt : std::optional<LibcName>(It->second);
}

} // namespace

bool returnsZeroOrMinusOne(const Function &F) {
  // POSIX's "Upon successful completion, 0 shall be returned; otherwise,
  // -1 shall be returned and errno set". Not dup (a descriptor), lseek (an
  // offset), nice (the new value, -1 among them), posix_fadvise and
  // posix_fallocate (an error number, errno untouched).
  static const StringSet<> Names = {
      "setpgid", "setuid", "seteuid", "setreuid", "setgid", "setegid", "setregid",
      "setpriority", "kill", "killpg", "sched_yield", "tcsetpgrp", "close", "fsync",
      "fdatasync", "login_tty", "eventfd_write", "syncfs", "fchdir", "fchmod", "fchown",
      "ftruncate", "ftruncate64", "lockf", "lockf64", "tcdrain", "tcflow", "tcflush",
      "tcsendbreak", "unshare", "setns"};
  return F.isDeclaration() && Names.count(F.getName());
}

ExtraLibcRole extraLibcRole(const Function &F) {
  if (!F.isDeclaration())
    return ExtraLibcRole::None;
  StringRef N = F.getName();
  if (N == "__errno_location" && F.arg_empty())
    return ExtraLibcRole::ErrnoAccessor;
  if ((N == "__ctype_b_loc" || N == "__ctype_tolower_loc" || N == "__ctype_toupper_loc") &&
      F.arg_empty() && F.getReturnType()->isPointerTy())
    return ExtraLibcRole::CtypeTables;
  if (N == "__assert_fail" && F.doesNotReturn())
    return ExtraLibcRole::AssertFail;
  std::optional<LibcName> Name = libcName(N);
  if (!Name)
    return ExtraLibcRole::None;
  bool Integers = all_of(F.getFunctionType()->params(), [](Type *T) { return T->isIntegerTy(); });
  switch (*Name) {
  case LibcName::Math:
    return isMathFunction(F) ? ExtraLibcRole::Math : ExtraLibcRole::None;
  case LibcName::Query:
    return Integers && !F.isVarArg() ? ExtraLibcRole::SystemQuery : ExtraLibcRole::None;
  case LibcName::Change:
    return Integers && !F.isVarArg() ? ExtraLibcRole::SystemChange : ExtraLibcRole::None;
  case LibcName::VariadicChange:
    return Integers && F.isVarArg() ? ExtraLibcRole::SystemChange : ExtraLibcRole::None;
  }
  return ExtraLibcRole::None;
}

bool changesOnlyErrno(const Function &Callee, const TargetLibraryInfo *TLI) {
  ExtraLibcRole Role = extraLibcRole(Callee);
  if (Role == ExtraLibcRole::ErrnoAccessor || Role == ExtraLibcRole::CtypeTables ||
      Role == ExtraLibcRole::Math || Role == ExtraLibcRole::SystemQuery)
    return true;
  LibFunc LF;
  return Callee.isDeclaration() && TLI && TLI->getLibFunc(Callee, LF) && TLI->has(LF) &&
         isMathFunction(Callee);
}

namespace {

// The C library function a call makes, where it is one: getLibFunc checks
// the prototype too; a definition of the module's own is no C library
// function, and -fno-builtin's TLI (or a nobuiltin call) has none of them.
std::optional<LibFunc> libcCallee(const CallBase &CB, const TargetLibraryInfo *TLI) {
  const Function *Callee = CB.getCalledFunction();
  LibFunc LF;
  if (!TLI || !Callee || !Callee->isDeclaration() || CB.isNoBuiltin() || !TLI->getLibFunc(*Callee, LF) ||
      !TLI->has(LF))
    return std::nullopt;
  return LF;
}

// What C says of the C library functions that read strings: every pointer
// argument is read and none kept, but that the result may point into the
// first; and which read nothing else (the others read the locale).
struct StringFunction {
  bool ResultIntoFirst;
  bool ArgumentsOnly;
};

std::optional<StringFunction> stringFunction(const CallBase &CB, const TargetLibraryInfo *TLI) {
  std::optional<LibFunc> LF = libcCallee(CB, TLI);
  if (!LF)
    return std::nullopt;
  switch (*LF) {
  case LibFunc_strlen:
  case LibFunc_strnlen:
  case LibFunc_strcmp:
  case LibFunc_strncmp:
  case LibFunc_strspn:
  case LibFunc_strcspn:
  case LibFunc_memcmp:
  case LibFunc_bcmp:
    return StringFunction{false, true};
  case LibFunc_strcasecmp:
  case LibFunc_strncasecmp:
  case LibFunc_strcoll:
  case LibFunc_atoi:
  case LibFunc_atol:
  case LibFunc_atoll:
  case LibFunc_atof:
    return StringFunction{false, false};
  // The number parsers with no end pointer do atoi's work (-O1 and up turn
  // atoi(s) into strtol(s, NULL, 10), which LLVM gives no memory attribute);
  // given an end pointer, they store a pointer into the string through it.
  case LibFunc_strtol:
  case LibFunc_strtoul:
  case LibFunc_strtoll:
  case LibFunc_strtoull:
  case LibFunc_strtod:
  case LibFunc_strtof:
  case LibFunc_strtold:
    if (CB.arg_size() >= 2 && isa<ConstantPointerNull>(CB.getArgOperand(1)))
      return StringFunction{false, false};
    return std::nullopt;
  case LibFunc_memchr:
  case LibFunc_memrchr:
  case LibFunc_strchr:
  case LibFunc_strrchr:
  case LibFunc_strstr:
  case LibFunc_strpbrk:
    return StringFunction{true, true};
  default:
    return std::nullopt;
  }
}

// What LLVM's InferFunctionAttrs says of a C library function: the
// attributes that -O1 and up give its declaration (BuildLibCalls' table of
// every function TargetLibraryInfo knows), which -O0 leaves bare. Asked of
// a copy of the declaration in a scratch module of the same layout and
// triple, so the user's module is not changed, and kept per function and
// data layout (every call of strncpy asks the same; a target's layout
// tells it from the others a process may compile for).
struct InferredLibcFacts {
  uint64_t ReadOnlyNotCaptured = 0; // bit K: parameter K is only read, no pointer to it kept
  bool ArgumentMemoryOnly = false;  // touches only what its pointer arguments point to
};

InferredLibcFacts inferredLibcFacts(const Function &Callee, LibFunc LF, const TargetLibraryInfo &TLI) {
  // thread_local: ThinLTO's backends run the pass in threads of one process.
  thread_local std::map<std::pair<std::string, unsigned>, InferredLibcFacts> Known;
  const Module &M = *Callee.getParent();
  std::pair<std::string, unsigned> Key(M.getDataLayoutStr() + "|" + std::string(Callee.getName()),
                                       static_cast<unsigned>(LF));
  if (auto It = Known.find(Key); It != Known.end())
    return It->second;
  Module Scratch("pyunbox.libc", Callee.getContext());
  Scratch.setDataLayout(M.getDataLayout());
  Scratch.setTargetTriple(M.getTargetTriple());
  Function *Copy = Function::Create(Callee.getFunctionType(), GlobalValue::ExternalLinkage,
                                    Callee.getName(), Scratch);
  inferNonMandatoryLibFuncAttrs(*Copy, TLI);
  InferredLibcFacts Facts;
  for (const Argument &A : Copy->args())
    if (A.getArgNo() < 64 && A.getType()->isPointerTy() && A.hasNoCaptureAttr() &&
        (A.onlyReadsMemory() || Copy->onlyReadsMemory()))
      Facts.ReadOnlyNotCaptured |= uint64_t(1) << A.getArgNo();
  Facts.ArgumentMemoryOnly = Copy->onlyAccessesArgMemory();
  return Known[Key] = Facts;
}

std::optional<InferredLibcFacts> inferredLibcFacts(const CallBase &CB, const TargetLibraryInfo *TLI) {
  std::optional<LibFunc> LF = libcCallee(CB, TLI);
  if (!LF)
    return std::nullopt;
  return inferredLibcFacts(*CB.getCalledFunction(), *LF, *TLI);
}

} // namespace

PointeeUse libcPointeeUse(const CallBase &CB, unsigned ArgNo, const TargetLibraryInfo *TLI) {
  if (ArgNo >= CB.arg_size() || !CB.getArgOperand(ArgNo)->getType()->isPointerTy())
    return PointeeUse::Unknown;
  if (std::optional<StringFunction> Fn = stringFunction(CB, TLI))
    return Fn->ResultIntoFirst && ArgNo == 0 ? PointeeUse::ReadsInto : PointeeUse::Reads;
  std::optional<InferredLibcFacts> Facts = inferredLibcFacts(CB, TLI);
  if (Facts && ArgNo < 64 && (Facts->ReadOnlyNotCaptured >> ArgNo & 1))
    return PointeeUse::Reads;
  return PointeeUse::Unknown;
}

namespace {

// C's math functions that store a second result through a pointer (frexp's
// exponent, modf's integral part) and set no errno: they touch that memory
// only. LLVM 19 infers as much; 15 and 16 give their declarations nothing.
bool storesOnlyThroughItsPointer(const CallBase &CB, const TargetLibraryInfo *TLI) {
  std::optional<LibFunc> LF = libcCallee(CB, TLI);
  if (!LF)
    return false;
  switch (*LF) {
  case LibFunc_frexp:
  case LibFunc_frexpf:
  case LibFunc_frexpl:
  case LibFunc_modf:
  case LibFunc_modff:
  case LibFunc_modfl:
    return true;
  default:
    return false;
  }
}

} // namespace

bool libcAccessesOnlyItsArguments(const CallBase &CB, const TargetLibraryInfo *TLI) {
  if (std::optional<StringFunction> Fn = stringFunction(CB, TLI))
    return Fn->ArgumentsOnly;
  if (storesOnlyThroughItsPointer(CB, TLI))
    return true;
  std::optional<InferredLibcFacts> Facts = inferredLibcFacts(CB, TLI);
  return Facts && Facts->ArgumentMemoryOnly;
}

bool libcWritesOnlyErrno(const CallBase &CB, const TargetLibraryInfo *TLI) {
  return stringFunction(CB, TLI).has_value();
}

bool allocatesFreshBlock(const CallBase &CB, const TargetLibraryInfo *TLI) {
  if (any_of(CB.args(), [](const Use &A) { return A->getType()->isPointerTy(); }))
    return false;
  if (isAllocLikeFn(&CB, TLI))
    return true;
  std::optional<LibFunc> LF = libcCallee(CB, TLI);
  if (!LF)
    return false;
  switch (*LF) {
  case LibFunc_malloc:
  case LibFunc_calloc:
  case LibFunc_aligned_alloc:
  case LibFunc_valloc:
  case LibFunc_memalign:
    return true;
  default:
    return false;
  }
}

const Value *freedPointer(const CallBase &CB, const TargetLibraryInfo *TLI) {
  if (const Value *Freed = getFreedOperand(&CB, TLI))
    return Freed;
  std::optional<LibFunc> LF = libcCallee(CB, TLI);
  return LF && *LF == LibFunc_free ? CB.getArgOperand(0) : nullptr;
}

bool isErrnoLocation(const Value *Ptr) {
  auto *CB = dyn_cast<CallBase>(getUnderlyingObject(Ptr));
  const Function *F = CB ? CB->getCalledFunction() : nullptr;
  return F && extraLibcRole(*F) == ExtraLibcRole::ErrnoAccessor;
}

bool isSanitizerReport(StringRef Name) { return compat::startsWith(Name, "__ubsan_handle_"); }

} // namespace pyunbox
