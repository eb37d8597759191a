//===- CoreOutliner.h - Build the unboxed core of a wrapper ---*- C++ -*-===//
//
// The one place that turns IR into a core. Drafting.h makes the draft, a
// private copy of the wrapper for the analysis to read; the outliner turns a
// draft the analysis accepted into the core: the argument objects become C
// parameters, the facts become constants, code that no longer runs is gone,
// and each return yields the scalar the wrapper boxed.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_COREOUTLINER_H
#define PYUNBOX_PASSES_COREOUTLINER_H

#include "pyunbox/passes/WrapperAnalysis.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

/// A copy of Wrapper for the analysis: its helpers that reach the interpreter
/// or receive an argument object inlined, its promotable stack slots in
/// registers, no debug info, and (METH_KEYWORDS) its keywords argument NULL,
/// as in every call a core stands for. The wrapper itself is left as it was.
/// FAM, when given, lets SROA scalarize the draft; without it, mem2reg does.
/// Turn Draft into the exported core Name, as Shape describes it. The draft is
/// consumed either way. Returns null (and says why in Why) if the result would
/// not be a valid core; nothing of it is left in the module then.
/// PythonName: the function's name in Python, for the messages of a core
/// that checks its result (a module's function: "<built-in function NAME>").
llvm::Function *outlineCore(llvm::Function &Draft, const WrapperShape &Shape,
                            llvm::StringRef Name, llvm::StringRef PythonName, std::string &Why);

} // namespace pyunbox

#endif
