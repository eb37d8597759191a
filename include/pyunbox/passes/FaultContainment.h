//===- FaultContainment.h - A fault costs one core, never the build -*- C++ -*-===//
//
// Whatever goes wrong inside pyunbox while it works on one function (a bug,
// a shape nobody foresaw, a null where none was expected) must leave the
// module as if pyunbox had not looked at that function. All of that work
// adds to the module (drafts, cores, declarations, records) and changes
// nothing that was there before, so undoing it is erasing what was added.
// runContained survives a crash inside the work (LLVM's
// CrashRecoveryContext); ModuleSnapshot erases what the work added.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_FAULTCONTAINMENT_H
#define PYUNBOX_PASSES_FAULTCONTAINMENT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"
#include <string>

namespace llvm {
class Function;
class GlobalVariable;
class Module;
} // namespace llvm

namespace pyunbox {

/// The steps of making one core, for saying where a fault happened and for
/// injecting one there.
enum class MiningStep { Draft, Analysis, Outline, Record };
llvm::StringRef stepName(MiningStep S); // "drafting", "analysing", ...

/// What the module holds now; rollback() erases everything added since (the
/// module's lists only grow at their ends while pyunbox works).
class ModuleSnapshot {
public:
  explicit ModuleSnapshot(llvm::Module &M);
  /// Erase the functions and globals added since the snapshot, first
  /// dropping what they refer to and what the analysis manager cached for
  /// them; functions Keep names stay (HelperBodies' copies, which outlive
  /// one wrapper). With Verify (after a fault, which may have left anything
  /// half done), returns whether the module verifies afterwards.
  bool rollback(llvm::FunctionAnalysisManager *FAM, bool Verify = false,
                llvm::function_ref<bool(const llvm::Function &)> Keep = nullptr);

private:
  llvm::Module &M;
  llvm::Function *LastFunction;
  llvm::GlobalVariable *LastGlobal;
};

/// Run Work. Returns false if it crashed (a signal such as SIGSEGV, SIGBUS,
/// SIGFPE, SIGILL or SIGABRT), and says what happened in Fault. Not LLVM's
/// fatal errors: clang's handler reports them as an error diagnostic before
/// anything could return here, and pyunbox raises none of its own.
bool runContained(llvm::function_ref<void()> Work, std::string &Fault);

/// Developer fault injection: `-pyunbox-inject-fault=KIND:NAME[@STEP]` (opt)
/// or the environment variable PYUNBOX_INJECT_FAULT (clang, whose -mllvm
/// options are parsed before plugins load). KIND is `segv` (a null write at
/// that step) or `invalid-ir` (the core is left invalid before the verifier
/// sees it); NAME the Python name of the function; STEP one of draft,
/// analysis, outline, record (default: analysis).
void injectFault(llvm::StringRef PythonName, MiningStep Step);
bool injectsInvalidIR(llvm::StringRef PythonName);

} // namespace pyunbox

#endif
