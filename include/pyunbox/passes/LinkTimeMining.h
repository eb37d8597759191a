//===- LinkTimeMining.h - What full LTO's link mines again -----*- C++ -*-===//
//
// Under full LTO the plugin runs twice: on each file when it is compiled
// (the pre-link pipeline) and on the merged module when lld links it
// (docs/PASS.md, "Whole programs under LTO"). A wrapper mined when its file
// was compiled carries !pyunbox.mined and is not mined again, unless its
// core calls a function of another file: there the compile saw only a
// declaration (the core needs the interpreter, or a string core was dropped
// because nothing said what the callee does with the bytes), and the link
// sees the body. Such a wrapper is left to the link's mining; a core that
// the compile kept is marked provisional, and the link's core replaces it,
// name and record, only where it is better: where it does not need the
// interpreter. Otherwise the compile's stays. A link without the plugin
// keeps every core and record of the compile: nothing is lost.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_LINKTIMEMINING_H
#define PYUNBOX_PASSES_LINKTIMEMINING_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <string>

namespace llvm {
class Function;
class GlobalValue;
class Module;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

/// Whether W's entry named PythonName has a core already (this run's, or
/// the compile's under LTO), and the mark that says so.
bool alreadyMined(const llvm::Function &W, llvm::StringRef PythonName);
void markMined(llvm::Function &W, llvm::StringRef PythonName);

/// Whether M is a file compiled for full LTO (clang's "ThinLTO" module flag
/// is 0 there, and in the merged module of the link).
bool preparesFullLTO(const llvm::Module &M);

/// The first function of another file or library that Core calls, directly
/// or through this module's functions: a declaration nothing here knows
/// (CalleeSummaries.h, isOutsideDeclaration). "" if none.
std::string calleeOfAnotherFile(const llvm::Function &Core, const llvm::TargetLibraryInfo *TLI);

/// At a full-LTO file's compile: leaves W's PythonName to the link's mining
/// and, where the compile keeps Core (with its record), marks Core as the
/// provisional core of that entry.
void leaveToLink(llvm::Function &W, llvm::StringRef PythonName, llvm::Function *Core);

/// At the link: the compile's provisional cores of M, found in one look
/// over its functions (a look per wrapper made the miner quadratic in the
/// number of functions: 50,000 wrappers took 7.5 times a plain compile).
/// Built where a pass starts; the cores it finds stay until that pass ends.
class ProvisionalCores {
public:
  explicit ProvisionalCores(llvm::Module &M);
  /// The compile's provisional core of W's PythonName, if any.
  llvm::Function *find(const llvm::Function &W, llvm::StringRef PythonName) const;

private:
  llvm::DenseMap<const llvm::Function *, llvm::SmallVector<std::pair<std::string, llvm::Function *>, 1>> Of;
};

/// At the link: the remark (KeptCompiledCore) that W's PythonName keeps
/// Provisional, the compile's core, because the link's attempt Why (a
/// refusal, or a core that needs the interpreter or is dropped).
void remarkKeptCompiledCore(llvm::Function &W, llvm::StringRef PythonName,
                            const llvm::Function &Provisional, const llvm::Twine &Why);

/// Whether W has a core already for any of its entries.
bool anyMined(const llvm::Function &W);

/// Drops the entries of llvm.used and llvm.compiler.used that are in Gone.
void removeFromUsed(llvm::Module &M, const llvm::SmallPtrSetImpl<llvm::GlobalValue *> &Gone);

/// Whether nothing but its record and their aliases refers to Core, and
/// retireCore may erase them all.
bool retirable(llvm::Function &Core);
/// Erases Core, its record and their references from llvm.used.
void retireCore(llvm::Function &Core);

} // namespace pyunbox

#endif
