//===- analysis/TwoWorldProof.h - A wrapper run in two worlds, proven the same -*- C++ -*-===//
//
// Where a wrapper tests an argument's type and converts it on each of two
// ways (a float or an int for a double, FloatIntDispatch.cpp; a bytes or a
// str for a string's bytes and length, BytesStrDispatch.cpp), a core that
// takes one way (the core's world) stands for the other's objects too only
// if the wrapper does the same with the other's (the other world):
//  - where both worlds run a block, they run the same instructions; a value
//    that may differ between them (a type test's result, and what is computed
//    from it) feeds only pure instructions, phis and branches;
//  - where such a branch goes one way in one world and another in the other,
//    each world follows its one way until the paths meet again; the two
//    stretches leave the same values in the same places, in the same order,
//    and hand the meeting block's phis the same values (or a value that may
//    differ, which that block then carries as such). A conversion of the
//    argument is the same value in both worlds where the two are the same
//    converted value (the caller numbers them: the double; the bytes, their
//    length), whether an instruction gives it or a call stores it (the
//    length PyUnicode_AsUTF8AndSize stores through its second argument).
//    Within a stretch a load of a place the stretch wrote is what it wrote,
//    and a write the stretch overwrites, or to a stack slot no code outside
//    the stretch reads, leaves nothing behind. Writes each to a stack slot
//    of its own may come in any order.
// Anything else (a stretch that calls, loads or bails, a branch one world
// cannot decide) fails the proof, with the reason.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_ANALYSIS_TWOWORLDPROOF_H
#define PYUNBOX_PASSES_ANALYSIS_TWOWORLDPROOF_H

#include "pyunbox/passes/FactPropagation.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include <optional>
#include <string>
#include <utility>

namespace pyunbox {

/// The world whose way the core takes, and the other one.
enum class World : uint8_t { Core, Other };

/// What a proof knows of one argument in each world.
struct WorldValues {
  /// Which converted value of the argument V is in a world (a number the
  /// caller gives each: the same number is the same value in both), if any.
  llvm::function_ref<std::optional<unsigned>(const llvm::Value *, World)> ConversionOf;
  /// The converted values a call stores through its pointer arguments in a
  /// world: (pointer, number) each.
  llvm::function_ref<void(const llvm::CallBase &, World,
                          llvm::SmallVectorImpl<std::pair<const llvm::Value *, unsigned>> &)>
      StoresOf;
  /// A call or load that only reads and changes nothing (Py_TYPE, a type's
  /// flags, a field of the argument object).
  llvm::function_ref<bool(const llvm::Value *)> IsPureRead;
};

/// Whether F does the same in the core's world (InCore: the propagation of
/// its facts) as in the other (InOther); Objects are the argument's values,
/// Tests its type tests (facts in each world). Where not, Why says why.
bool provenSameInBothWorlds(llvm::Function &F, const FactPropagation &InCore,
                            const FactPropagation &InOther, llvm::ArrayRef<llvm::Value *> Objects,
                            const llvm::SmallPtrSetImpl<llvm::Value *> &Tests,
                            const WorldValues &Values, std::string &Why);

} // namespace pyunbox

#endif
