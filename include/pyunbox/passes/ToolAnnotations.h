//===- ToolAnnotations.h - Instructions that only record for tools -*- C++ -*-===//
//
// Instructions a compiler option adds for a tool, which compute nothing the
// program sees: debug records (-g), profile counter updates
// (-fprofile-instr-generate, -fcoverage-mapping, -fcoverage-mcdc: clang
// emits llvm.instrprof.* intrinsics that are lowered after pyunbox has
// mined) and pseudo probes (-fpseudo-probe-for-profiling). A draft leaves
// them out, so the analysis sees the wrapper's computation whatever was
// asked for: a counter bump in a float fast path's block is neither a
// state change before a raise nor an extra step of one of a dispatch's two
// ways. A core therefore counts nothing in the profile; its wrapper still
// counts every call it runs.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_TOOLANNOTATIONS_H
#define PYUNBOX_PASSES_TOOLANNOTATIONS_H

namespace llvm {
class Function;
class Instruction;
class Value;
} // namespace llvm

namespace pyunbox {

/// Whether I only records for a debugger or a profiler.
bool isToolAnnotation(const llvm::Instruction &I);

/// Whether Ptr addresses a profile's counters or bitmaps (__profc_*,
/// __profbm_*): what -fprofile-generate's instrumentation, which runs after
/// pyunbox and so reaches the cores too, updates in every block. Like errno,
/// they are no state of the program's: they never count as a core's memory
/// effect, nor as a change before a raise.
bool isProfileCounter(const llvm::Value *Ptr);

/// Takes them out of a draft that LLVM's own cloning or inlining filled.
void eraseToolAnnotations(llvm::Function &F);

} // namespace pyunbox

#endif
