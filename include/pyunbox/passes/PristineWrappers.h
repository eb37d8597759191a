//===- PristineWrappers.h - Wrappers as their file's compile saw them -*- C++ -*-===//
//
// Under full LTO the link mines again the wrappers whose work is in another
// file (LinkTimeMining.h), but it reads the merged module after each file's
// pre-link pipeline: the C API's inline helpers and Cython's conversions are
// inlined into the wrappers by then (a Py_DECREF is a call of _Py_Dealloc, a
// Cython 3 `int` argument a walk over a PyLong's digits), which the analysis,
// made for the code as written, refuses. So the compile keeps a copy of each
// such wrapper as it was before anything optimized it, out of the
// optimizer's way (optnone, noinline) and alive (llvm.compiler.used) until
// the link, which analyzes it in the wrapper's stead and then erases every
// copy. A copy whose wrapper keeps its compile's core is erased at the
// compile's end. A link without the plugin keeps the copies as dead code.
//
// The parameter names of a Cython 3.1+ wrapper are the texts its import-time
// code decodes into the module state's string table (CythonStringTable.h);
// the link reads that code optimized (inlined into larger functions, past
// calls the replay cannot follow), so the compile also keeps the names it
// proved, on the wrapper, for the link to use where its own replay proves
// none: the same source, the same texts.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_PRISTINEWRAPPERS_H
#define PYUNBOX_PASSES_PRISTINEWRAPPERS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/IR/PassManager.h"

#include <optional>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace pyunbox {

struct KeywordNames;

/// At a full-LTO file's compile, before the pre-link pipeline: a pristine
/// copy of each of Wrappers (none of an optnone one, which nothing changes).
void keepPristineCopies(llvm::ArrayRef<llvm::Function *> Wrappers);

/// At the link, once: each wrapper's pristine copy, given the wrapper's
/// attributes (which hold of the copy: the same code), and the helpers'
/// copies without optnone and noinline, to be inlined into drafts as the
/// originals were.
llvm::DenseMap<const llvm::Function *, llvm::Function *> readyPristineCopies(llvm::Module &M);

/// Whether F is a pristine copy (a wrapper's or a helper's): code as its
/// file's front end wrote it.
bool isPristineCopy(const llvm::Function &F);

/// Erases the pristine copies of the wrappers for which Erase says so (and
/// what FAM holds of them: a function made later may take the address).
void erasePristineCopies(llvm::Module &M, llvm::function_ref<bool(const llvm::Function &W)> Erase,
                         llvm::FunctionAnalysisManager *FAM);

/// At a full-LTO file's compile, for every wrapper not mined there: Names,
/// proven of Wrapper, kept on it for the link, which takes them where it
/// proves none or finds no array of them (only names proven in full).
void keepCompiledNames(llvm::Function &Wrapper, const KeywordNames &Names);

/// At the link: the names Wrapper's compile proved, if it kept any.
std::optional<KeywordNames> compiledNames(const llvm::Function &Wrapper);

/// At the link's end: the kept names go, read or not.
void dropCompiledNames(llvm::Function &Wrapper);

} // namespace pyunbox

#endif
