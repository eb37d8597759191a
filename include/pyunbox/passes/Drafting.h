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
} // namespace llvm

namespace pyunbox {

class CalleeSummaries;
class HelperBodies;

/// The draft of Wrapper (whose PyMethodDef flags are MethFlags). Summaries
/// say which helpers to inline (the module's, shared by all drafts). FAM,
/// where given, lets SROA and the loop unroller run on it. Bodies, where
/// given, are the helpers' prepared copies to inline (the same draft, for
/// less work).
llvm::Function *buildDraft(llvm::Function &Wrapper, unsigned MethFlags,
                           CalleeSummaries &Summaries,
                           llvm::FunctionAnalysisManager *FAM = nullptr,
                           const MinerOptions &Opts = {}, HelperBodies *Bodies = nullptr);

/// The two halves of buildDraft, for a look in between (findKeptArgument):
/// the wrapper's clone with its stack slots in registers and the keyword
/// path folded away; then the helpers inlined, arity tests propagated,
/// argument loops unrolled and the slots scalarized again.
llvm::Function *startDraft(llvm::Function &Wrapper, unsigned MethFlags,
                           CalleeSummaries &Summaries,
                           llvm::FunctionAnalysisManager *FAM = nullptr);
void finishDraft(llvm::Function &Wrapper, llvm::Function *Draft, unsigned MethFlags,
                 CalleeSummaries &Summaries, llvm::FunctionAnalysisManager *FAM = nullptr,
                 const MinerOptions &Opts = {}, HelperBodies *Bodies = nullptr);

/// mem2reg over F's promotable entry-block allocas (the draft, and the core
/// after its returns are rewritten).
void promoteAllocas(llvm::Function &F);

} // namespace pyunbox

#endif
