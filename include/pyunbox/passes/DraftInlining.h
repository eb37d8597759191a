//===- DraftInlining.h - Inlining a helper into a draft -*- C++ -*-===//
//
// A draft inlines the module's helpers (Drafting.cpp): posix, about 300
// calls into 160 drafts. llvm::InlineFunction was a fifth of the pass's
// instructions there, about 4,500 per instruction inlined: it maps values
// through a map of value handles and builds a ValueMapper for every
// instruction, and carries the call site's attributes and metadata into the
// callee's code. inlineIntoDraft gives the same code for the calls drafts
// make, for a fraction of that: the same pruned clone (CloneAndPrune's
// folding and simplification, in the same order) mapped through one
// DenseMap, the same splice into the caller. Calls that need more of what
// InlineFunction does go to it.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_DRAFTINLINING_H
#define PYUNBOX_PASSES_DRAFTINLINING_H

namespace llvm {
class CallBase;
} // namespace llvm

namespace pyunbox {

/// Inlines the call CB of a defined function into CB's function, as
/// llvm::InlineFunction does; false where it could not (the call stays).
/// Unlike InlineFunction it leaves out the callee's debug intrinsics,
/// records and locations (drafts strip their debug info); the lifetime
/// markers InlineFunction adds to the stack slots it moves (the draft
/// promotes most of those slots; one that stays loses only a hint to stack
/// colouring); and the call site's parameter and return attributes and
/// metadata InlineFunction copies onto the callee's code (facts the analysis
/// does not read; fewer facts are never wrong).
bool inlineIntoDraft(llvm::CallBase &CB);

} // namespace pyunbox

#endif
