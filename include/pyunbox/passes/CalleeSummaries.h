//===- CalleeSummaries.h - What a function does, as its callers see it -*- C++ -*-===//
//
// One summary per function of the module, computed once per pass run and
// shared by drafting, every analysis of every wrapper and the records:
//  - interpreter use: a wrapper's helpers are fine in a core as long as
//    they, and everything they call, stay away from the interpreter.
//    Declarations count only when the target library knows them (libm,
//    libc): anything else may call back into Python.
//  - observable effects: a core may bail (hand the call back to its
//    wrapper, which raises) only if nothing a caller could see happened
//    before: no store to memory that outlives the call, no call with side
//    effects. errno does not count (LibcRoles.h).
//  - memory: what the record states (format.h's pyunbox_memory), not
//    counting the function's own stack, errno or a core's bail flag.
//  - shape: instruction count, direct recursion, and whether it only boxes
//    its parameter (what drafting asks before inlining it).
// The transitive facts are the least fixpoint over the closure of direct
// calls, so recursion and shared callees are decided exactly, and a summary
// enters the table only once it is final: a fault halfway leaves no wrong
// entry behind. Entries follow their function (llvm::ValueMap): a function
// erased by a rollback takes its summary with it.
//
// The library info is the module's: clang gives every function of a
// translation unit the same one, and which symbols are the C library's does
// not depend on the caller.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CALLEESUMMARIES_H
#define PYUNBOX_PASSES_CALLEESUMMARIES_H

#include "pyunbox/format.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/ValueMap.h"
#include <string>

namespace llvm {
class Argument;
class Function;
class Instruction;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

enum class CalleeClass : uint8_t {
  Clean,           ///< never reaches the interpreter
  UsesInterpreter, ///< Culprit names the C-API symbol it reaches
  Unknown,         ///< Culprit names what cannot be seen into
};

struct CalleeVerdict {
  CalleeClass Class = CalleeClass::Clean;
  std::string Culprit;
};

/// F's size as drafting weighs it: its instructions but debug intrinsics and
/// pseudo probes, as Function::getInstructionCount counts (without the
/// std::function its filter calls for every instruction).
unsigned instructionCount(const llvm::Function &F);

/// Whether F is a declaration nothing here knows: neither the interpreter's,
/// nor an intrinsic, nor a C library function the target library or
/// LibcRoles.h lists. It may call back into Python; under full LTO it is
/// another file's function, which the link sees (LinkTimeMining.h).
bool isOutsideDeclaration(const llvm::Function &F, const llvm::TargetLibraryInfo *TLI);

struct CalleeSummary {
  CalleeVerdict Interpreter;
  /// May change state a caller sees (defined functions; a declaration's
  /// calls are judged where they are made).
  bool Observable = false;
  enum pyunbox_memory Memory = PYUNBOX_MEMORY_NONE;
  unsigned Instructions = 0;
  bool DirectlyRecursive = false;
  /// Calls of boxers only, and memory of its own stack only (posix's static
  /// PyLong_FromPy_off_t, a Clinic return converter).
  bool BoxesOnly = false;
};

class CalleeSummaries {
public:
  explicit CalleeSummaries(const llvm::TargetLibraryInfo *TLI) : TLI(TLI) {}
  CalleeSummaries(const CalleeSummaries &) = delete;
  CalleeSummaries &operator=(const CalleeSummaries &) = delete;

  /// The summary of F (a copy: the table may grow on the next question).
  CalleeSummary of(const llvm::Function &F);
  CalleeVerdict interpreterUse(const llvm::Function &F) { return of(F).Interpreter; }

  /// Whether executing I may change state a caller can observe. Calls the
  /// analysis has given a meaning (unboxers, boxes, refcounts of singletons)
  /// are the caller's to exclude.
  bool mayBeObserved(const llvm::Instruction &I);

  /// The memory effect a record states for a core: LLVM's own inference
  /// where it ran (the core's memory attribute after optimization), or the
  /// scan of its body, whichever says less; both are sound. CallersMemory:
  /// the core's pointer parameters to the caller's own memory, its int *bail
  /// (stores to it are the caller's business, not the core's effect) and
  /// its strings' bytes (which no one changes during the call, and which
  /// the core never writes: checked before its record is written).
  enum pyunbox_memory memoryOfCore(const llvm::Function &Core,
                                   llvm::ArrayRef<const llvm::Argument *> CallersMemory);

  const llvm::TargetLibraryInfo *libraryInfo() const { return TLI; }

private:
  using Table = llvm::DenseMap<const llvm::Function *, CalleeSummary>;
  // Every function F reaches through direct calls that has no summary yet,
  // with its facts from its own body alone.
  void summarizeClosure(const llvm::Function &F, Table &Local,
                        llvm::SmallVectorImpl<const llvm::Function *> &Order);
  const CalleeSummary &lookup(const llvm::Function &F, const Table &Local) const;
  bool observed(const llvm::Instruction &I, const Table &Local) const;
  // ContextDepth: how many calls deep a callee's body is scanned again with
  // what its arguments point to (a core's record only: the summaries'
  // fixpoint scans each body once, with no context).
  enum pyunbox_memory scanMemory(const llvm::Function &F,
                                 llvm::ArrayRef<const llvm::Argument *> CallersMemory,
                                 const Table &Local, unsigned ContextDepth = 0) const;
  static constexpr unsigned CoreContextDepth = 3;

  const llvm::TargetLibraryInfo *TLI;
  llvm::ValueMap<const llvm::Function *, CalleeSummary> Memo;
};

} // namespace pyunbox

#endif
