//===- CoreMemory.h - What a core does to memory --------------*- C++ -*-===//
//
// The memory effect a record states: LLVM's own inference where it ran (the
// core's memory attribute after optimization), or a scan that ignores the
// core's stack and errno, whichever says less. Both are sound.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_COREMEMORY_H
#define PYUNBOX_PASSES_COREMEMORY_H

#include "pyunbox/format.h"

namespace llvm {
class Argument;
class Function;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

/// Bail: the core's int *bail parameter, if it has one (stores to it are the
/// caller's business, not the core's effect). errno does not count either
/// (ObservableEffects.h says why).
enum pyunbox_memory memoryOfCore(const llvm::Function &Core, const llvm::Argument *Bail,
                                 const llvm::TargetLibraryInfo *TLI);

} // namespace pyunbox

#endif
