//===- HelperBodies.h - The module's helpers, ready to inline -*- C++ -*-===//
//
// Drafting inlines the same helpers into many drafts (math's
// math_1_to_whatever into 23 of them). The pass runs at the start of the
// pipeline, where a helper still keeps its locals in stack slots: inlined as
// it is, every draft would clone those loads and stores and then promote
// them again. A helper's body is instead prepared once per pass run: a
// private copy of it with its promotable stack slots in registers (mem2reg,
// the step every round of drafting applies anyway). A draft inlines the
// copy; what it ends up as is what inlining the helper itself and promoting
// its slots in the draft would give. A helper only the wrapper calls is
// inlined once: it goes in as it is (toInline).
//
// The copies are the pass's own: no call to one survives a draft (a call
// that could not be inlined is pointed back at its helper), a rollback
// leaves them alone (keeps()), and the pass erases them all before it
// returns (eraseAll()).
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_HELPERBODIES_H
#define PYUNBOX_PASSES_HELPERBODIES_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
} // namespace llvm

namespace pyunbox {

class HelperBodies {
public:
  HelperBodies() = default;
  HelperBodies(const HelperBodies &) = delete;
  HelperBodies &operator=(const HelperBodies &) = delete;

  /// The prepared copy of Helper (a definition of the module), made on
  /// first use. It enters the table only once complete: a fault while it is
  /// made leaves a half copy to the rollback, never to the next draft.
  llvm::Function &of(llvm::Function &Helper);
  /// What a draft of Wrapper inlines for Helper: its prepared copy, or the
  /// helper itself where no other function calls it (a Clinic wrapper's
  /// _impl): inlined once, a copy would cost a clone more than it saves.
  llvm::Function &toInline(llvm::Function &Helper, const llvm::Function &Wrapper,
                           const llvm::Function &Draft);
  /// Whether F is one of the copies (a rollback keeps them).
  bool keeps(const llvm::Function &F) const;
  /// Erase every copy (the pass is done with them).
  void eraseAll(llvm::FunctionAnalysisManager *FAM);

private:
  llvm::DenseMap<const llvm::Function *, llvm::Function *> Copies;
  llvm::DenseMap<const llvm::Function *, const llvm::Function *> Originals;
};

} // namespace pyunbox

#endif
