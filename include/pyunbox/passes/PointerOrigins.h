//===- PointerOrigins.h - Where a pointer comes from -------------*- C++ -*-===//
//
// The analyses that ask whether a pointer reaches memory no one else can see
// (a string's bytes, the stack, a heap block of the core's own) follow it
// where LLVM's own tracking stops: through the variables -O0 keeps every
// pointer in, and out of the calls whose result points into one of their
// arguments (the C library's searches, a module's `skip_spaces(p, end)`).
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_POINTERORIGINS_H
#define PYUNBOX_PASSES_POINTERORIGINS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm {
class AllocaInst;
class CallBase;
class Function;
class TargetLibraryInfo;
class Value;
} // namespace llvm

namespace pyunbox {

/// Whether Slot is a variable whose address goes nowhere but to its own
/// plain loads and stores (and tools' annotations): then what it holds is
/// what was stored into it, appended to Stored, and no one else reads or
/// changes it. -O0 keeps every local so (`p.addr`).
bool privateVariableStores(const llvm::AllocaInst &Slot, llvm::SmallVectorImpl<const llvm::Value *> &Stored);

/// Whether Accept takes every object V may be based on: LLVM's underlying
/// objects, and where one is a load of a private variable of F, those of
/// every value stored into it (a variable met again while its stores are
/// checked, `p = p + 1` in a loop, holds only what the others give it).
bool everyOrigin(const llvm::Value *V, const llvm::Function &F,
                 llvm::function_ref<bool(const llvm::Value *)> Accept);

/// Whether every pointer F returns is NULL or based on its own pointer
/// parameters, through address arithmetic, phis, selects and F's private
/// variables: then those parameters' numbers are appended to Params.
bool returnsIntoParameters(const llvm::Function &F, llvm::SmallVectorImpl<unsigned> &Params);

/// Whether the result of CB is NULL or points into what some of its
/// arguments point to (their numbers appended to ArgNos): a C library search
/// TLI knows (memchr, strchr: the first), or a call of a function of the
/// module (one definition) that returnsIntoParameters.
bool resultPointsIntoArguments(const llvm::CallBase &CB, const llvm::TargetLibraryInfo *TLI,
                               llvm::SmallVectorImpl<unsigned> &ArgNos);

} // namespace pyunbox

#endif
