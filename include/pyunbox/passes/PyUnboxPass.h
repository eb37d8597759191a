//===- PyUnboxPass.h - The pyunbox passes ---------------------*- C++ -*-===//
//
// CoreMinerPass finds the wrappers of a module's PyMethodDef tables and makes
// a core for each one the analysis accepts; RecordEmitterPass writes their
// records. "pyunbox" in a pipeline runs both; clang runs the miner at the
// start of its pipeline (before inlining blurs the wrappers) and the emitter
// at its end (after the cores are optimized). docs/PASS.md says why.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_PYUNBOXPASS_H
#define PYUNBOX_PASSES_PYUNBOXPASS_H

#include "pyunbox/passes/MinerOptions.h"
#include "pyunbox/passes/RecordEmitter.h"
#include "llvm/IR/PassManager.h"

namespace pyunbox {

class CoreMinerPass : public llvm::PassInfoMixin<CoreMinerPass> {
public:
  /// At a full-LTO link (Phase Link), a wrapper whose file's compile kept
  /// it pristine is read as that copy (PristineWrappers.h).
  explicit CoreMinerPass(MinerOptions Opts = {}, RecordPhase Phase = RecordPhase::Compile)
      : Opts(Opts), Phase(Phase) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; } // also at -O0 and under optnone

private:
  MinerOptions Opts;
  RecordPhase Phase;
};

class RecordEmitterPass : public llvm::PassInfoMixin<RecordEmitterPass> {
public:
  explicit RecordEmitterPass(RecordPhase Phase = RecordPhase::Compile) : Phase(Phase) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; }

private:
  RecordPhase Phase;
};

} // namespace pyunbox

#endif
