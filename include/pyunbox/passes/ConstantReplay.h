//===- ConstantReplay.h - What import-time code stores, run on constants -*- C++ -*-===//
//
// Runs a function of the module at compile time, from its entry, on constant
// arguments, for as long as what it does follows from constants alone, and
// tells what it had stored into the module's globals by then. Cython 3.1+
// fills its string table so (CythonStringTable.h): at import, from constant
// texts, or constant bytes cut at constant lengths (decompressed first where
// Cython compressed them with its own LZSS).
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CONSTANTREPLAY_H
#define PYUNBOX_PASSES_CONSTANTREPLAY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace llvm {
class Constant;
class DataLayout;
class Function;
class GlobalVariable;
} // namespace llvm

namespace pyunbox {

/// The replay follows the one path the function takes, into the calls of
/// the module's own functions, and stops at the first step whose outcome it
/// does not know: a call it has no model of (it models the intrinsics that
/// move bytes, and the C API's calls that make str and bytes objects from
/// bytes, PyUnicode_InternInPlace, PyBytes_AsString and PyObject_Hash of
/// those objects), a branch on a value it has no bytes of (but where one way
/// ends the process, a failed assert, it goes the other), a store through
/// such a pointer, undefined behaviour (a flagged overflow, an access outside
/// its object), or too many steps. Every store before that point happens, in
/// this order, on every run of the function that gets there; nothing after
/// it is claimed. A maker's call counts as succeeding: where it fails, the
/// function takes its error path, and the import fails with it.
class ConstantReplay {
public:
  /// What a pointer-sized slot of a global held when the replay stopped.
  struct Slot {
    enum Kind { Untouched, Str, Other } K = Untouched;
    std::string Text; ///< Str: the text of the str object the replay decoded
  };

  explicit ConstantReplay(const llvm::DataLayout &DL, uint64_t MaxSteps = 4000000);
  ~ConstantReplay();
  ConstantReplay(ConstantReplay &&);

  /// Runs F from its entry; Args[k] is argument k, or nullptr where unknown.
  void run(const llvm::Function &F, llvm::ArrayRef<const llvm::Constant *> Args);
  Slot slotAt(const llvm::GlobalVariable &G, uint64_t Offset) const;
  /// Why the replay stopped ("a call of 'f'"), or "" where it returned.
  const std::string &stoppedAt() const;
  /// Whether Name is a C API call the replay models as making a str from
  /// bytes (PyUnicode_DecodeUTF8, PyUnicode_InternFromString, ...).
  static bool makesStr(llvm::StringRef Name);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace pyunbox

#endif
