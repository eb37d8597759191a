//===- Drafting.h - The private copy of a wrapper the analysis reads -*- C++ -*-===//
//
// First step of mining a wrapper (docs/PASS.md): a draft the analysis can
// read in one piece. The draft is a new private function of the module;
// nothing else changes.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_DRAFTING_H
#define PYUNBOX_PASSES_DRAFTING_H

#include "pyunbox/passes/MinerOptions.h"
#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

/// The draft of Wrapper (whose PyMethodDef flags are MethFlags). FAM, where
/// given, lets SROA and the loop unroller run on it.
llvm::Function *buildDraft(llvm::Function &Wrapper, unsigned MethFlags,
                           const llvm::TargetLibraryInfo *TLI,
                           llvm::FunctionAnalysisManager *FAM = nullptr,
                           const MinerOptions &Opts = {});

/// mem2reg over F's promotable entry-block allocas (the draft, and the core
/// after its returns are rewritten).
void promoteAllocas(llvm::Function &F);

} // namespace pyunbox

#endif
