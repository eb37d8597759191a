//===- KeptParameters.h - Which helpers keep the object they are handed -*- C++ -*-===//
//
// Part of the first look at a wrapper before its draft (KeptArguments.cpp):
// whether a helper of the module, handed an object as parameter P, surely
// keeps it: on a path that runs whatever its other inputs are, it passes
// the object to a call the boundary never gives a meaning for an argument
// object (keepsArgumentObject: a reference taken, a call out of the module),
// directly or through a helper of its own. posix's path_converter takes a
// reference to its argument first thing; asked once, the answer spares the
// drafts of the 38 wrappers that would inline it only to be refused for
// that reference.
//
// Read on the helper's prepared copy (HelperBodies), where the parameter
// flows in registers; memoized per pass run.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_KEPTPARAMETERS_H
#define PYUNBOX_PASSES_KEPTPARAMETERS_H

#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>

namespace llvm {
class CallBase;
class Function;
class Instruction;
} // namespace llvm

namespace pyunbox {

class HelperBodies;

/// Whether control may not come back from I, to the first look: a call of
/// a helper of the module (the draft inlines it; it may end in a raise) or
/// a raise (the core bails there).
bool mayNotComeBack(const llvm::Instruction &I);

/// Whether CB, handed an argument object, keeps it in the full draft too:
/// the boundary gives it no meaning (keepsArgumentObject), and it has side
/// effects, so no folding of the draft deletes it as dead.
bool surelyKeeps(const llvm::CallBase &CB);

/// Whether CB, handed an argument object, may keep it: it surely does, or
/// it is a helper of the module that might.
bool mayKeep(const llvm::CallBase &CB);

class KeptParameters {
public:
  /// MaxDepth: how deep helpers of helpers are asked (the miner's
  /// inline-rounds: no deeper than drafting inlines).
  KeptParameters(HelperBodies &Bodies, unsigned MaxDepth) : Bodies(Bodies), MaxDepth(MaxDepth) {}
  /// The use that keeps parameter P of Helper ("a call of 'Py_INCREF'"), or
  /// none if no such use surely runs (or the question goes too deep).
  std::optional<std::string> keptBy(llvm::Function &Helper, unsigned P);

private:
  std::optional<std::string> keptBy(llvm::Function &Helper, unsigned P, unsigned Depth);
  HelperBodies &Bodies;
  unsigned MaxDepth;
  /// Answers so far; a question still open (recursion) reads as "not kept".
  llvm::DenseMap<std::pair<const llvm::Function *, unsigned>, std::optional<std::string>> Known;
};

} // namespace pyunbox

#endif
