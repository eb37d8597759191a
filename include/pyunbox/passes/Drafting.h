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

#include <optional>

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

/// The count of arguments a draft was made for where the wrapper lets a
/// range through a loop over its arguments (SWIG_Python_UnpackTuple(args,
/// name, 1, 2, objs) for a default argument: `for (i = 0; i < l; ++i)`
/// with l of 1 or 2). The loop is unrolled for Full, the most the wrapper's
/// checks let into it: the draft is then the wrapper for calls of Full
/// arguments only, which the analysis checks is its count of arguments;
/// calls of Fewest and more may pass fewer, and take the wrapper.
struct ArityAssumption {
  unsigned Fewest, Full;
};
/// The assumption Draft was made under, if any (an attribute of the draft's,
/// which the core does not keep).
std::optional<ArityAssumption> assumedArity(const llvm::Function &Draft);
/// The attribute's name, for the outliner to drop it.
inline constexpr const char *AssumedArityAttribute = "pyunbox-assumed-arity";

/// Whether the wrapper Draft was made from uses its keywords argument for
/// more than handing it to PyArg_ParseTupleAndKeywords as the keywords (the
/// draft, which stands for calls without keywords, has NULL there): then a
/// call with keywords, or with an empty dict of them, need not do what the
/// draft does. An attribute of the draft's, which the core does not keep.
bool readsKeywordsBeyondParse(const llvm::Function &Draft);
inline constexpr const char *ReadsKeywordsAttribute = "pyunbox-reads-keywords";

/// Where Wrapper parses with Argument Clinic's _PyArg_UnpackKeywords: the
/// least count of arguments a call must pass by position for the wrapper to
/// do with a call that names the others what it does with the same values
/// all passed by position (its own reads of nargs and kwnames agree then);
/// none where no count does. 0 for other wrappers. (KeywordCallArity.cpp)
std::optional<unsigned> leastPositionalForKeywordCalls(llvm::Function &Wrapper,
                                                       unsigned MethFlags);
/// The same, as the draft keeps it (an attribute the core does not keep).
std::optional<unsigned> leastPositionalForKeywordCalls(const llvm::Function &Draft);
inline constexpr const char *KeywordCallArityAttribute = "pyunbox-keyword-call-arity";

/// mem2reg over F's promotable entry-block allocas (the draft, and the core
/// after its returns are rewritten).
void promoteAllocas(llvm::Function &F);

} // namespace pyunbox

#endif
