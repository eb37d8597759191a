//===- MinerOptions.h - The limits of the miner, named in one place -*- C++ -*-===//
//
// Every limit the miner applies, with its default and its name as a pass
// parameter: `opt -passes='pyunbox-mine<max-draft-insts=40000;inline-rounds=6>'`
// (also `pyunbox<...>`). clang's -fpass-plugin takes the defaults.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_MINEROPTIONS_H
#define PYUNBOX_PASSES_MINEROPTIONS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace pyunbox {

struct MinerOptions {
  /// screen-depth: how deep the first look follows the module's helpers for
  /// an unboxer before a wrapper that takes arguments is refused undrafted.
  unsigned ScreenDepth = 4;
  /// inline-rounds: rounds of inlining the module's helpers into a draft
  /// (helpers of helpers; the analysis refuses what is left).
  unsigned InlineRounds = 4;
  /// max-helper-insts: a helper larger than this stays a call in the draft.
  unsigned MaxHelperInsts = 2000;
  /// max-draft-insts: no more inlining once a draft is this large.
  unsigned MaxDraftInsts = 20000;
  /// max-interp-core-insts: the most work (instructions that run for
  /// well-typed arguments) a core that needs the interpreter may copy: about
  /// a system call with its argument parsing and error handling.
  unsigned MaxInterpreterCoreInsts = 250;
};

/// Parse "max-draft-insts=40000;inline-rounds=6" into Opts; on an unknown
/// name or a bad number, false and Error says which.
bool parseMinerOptions(llvm::StringRef Params, MinerOptions &Opts, std::string &Error);

} // namespace pyunbox

#endif
