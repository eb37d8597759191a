//===- RecordEmitter.h - The pyunbox_sigs records of a module -*- C++ -*-===//
//
// Mining and recording happen at two points of clang's pipeline: cores are
// made before inlining, but what a core does to memory is known only after
// optimization. So the miner attaches a description to each core, and the
// emitter turns descriptions into records at the end (format.h's layout).
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_RECORDEMITTER_H
#define PYUNBOX_PASSES_RECORDEMITTER_H

#include "pyunbox/passes/CallingConvention.h"
#include "pyunbox/passes/ValueKind.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace llvm {
class Function;
class Module;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

struct CoreDescription {
  std::string PythonName;
  std::string ModuleName;
  std::string TypeName; ///< tp_name of the method's type, "" for a module's function
  llvm::Function *Wrapper = nullptr;
  unsigned MethFlags = 0;
  Convention Conv = Convention::O;
  std::vector<ValueKind> Params;
  std::vector<std::string> ParamNames; ///< empty strings where unknown
  /// format.h's PYUNBOX_PARAM_* bits and defaults, one per parameter.
  std::vector<uint8_t> ParamFlags;
  std::vector<uint64_t> ParamDefaults;
  ValueKind Return = ValueKind::Void;
  std::vector<ValueKind> Results; ///< a Tuple's items' kinds
  bool NeedsInterpreter = false;
  uint8_t Errors = PYUNBOX_ERRORS_NONE; ///< enum pyunbox_errors
};

/// "long pyunbox_core_demo_inc(long)", "double pyunbox_core_m_f(double, int *)",
/// "void pyunbox_core_m_divmod(long, long, int *, long *, long *)" (a tuple).
std::string cPrototype(llvm::StringRef CoreName, const CoreDescription &D);

/// Attach D to Core until emitRecords() writes it.
void describeCore(llvm::Function &Core, const CoreDescription &D);

/// Where records are written: at the end of a file's compile, or of a full
/// LTO link's pipeline, whose cores may replace the compile's
/// (LinkTimeMining.h).
enum class RecordPhase : uint8_t { Compile, Link };

/// Write one record per described core and drop the descriptions. Returns
/// how many records were written.
unsigned emitRecords(llvm::Module &M,
                     llvm::function_ref<const llvm::TargetLibraryInfo *(llvm::Function &)> GetTLI,
                     RecordPhase Phase = RecordPhase::Compile);

} // namespace pyunbox

#endif
