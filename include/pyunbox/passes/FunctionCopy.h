//===- FunctionCopy.h - A private copy of a function, without debug info -*- C++ -*-===//
//
// Drafting copies every wrapper it looks at and every helper it prepares
// (posix: about 200 functions per build). llvm::CloneFunction does more than
// these copies need, at a cost: it remaps each instruction through a fresh
// ValueMapper and keeps every value it maps in a map of value handles, and
// it copies debug info, which the draft strips anyway. copyFunction is the
// same copy (blocks, instructions, attributes, names) within the module,
// without debug info or the other annotations for tools (ToolAnnotations.h),
// at about a third of the instructions.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_FUNCTIONCOPY_H
#define PYUNBOX_PASSES_FUNCTIONCOPY_H

#include "llvm/ADT/Twine.h"

namespace llvm {
class Function;
} // namespace llvm

namespace pyunbox {

/// A private copy of F in F's module named Name: the same blocks and
/// instructions (their operands mapped to the copy's), attributes and
/// metadata, without debug info (no debug intrinsics, records or
/// locations). A function whose blocks have their address taken is copied
/// by CloneFunction, which maps the block addresses too.
llvm::Function *copyFunction(llvm::Function &F, const llvm::Twine &Name);

} // namespace pyunbox

#endif
