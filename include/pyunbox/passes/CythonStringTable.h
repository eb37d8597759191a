//===- CythonStringTable.h - The str objects of Cython 3.1+'s module state -*- C++ -*-===//
//
// Cython 3.1+ keeps its Python string constants (the parameter names among
// them) in its module state, __pyx_mstate_global->__pyx_string_tab[k], which
// are NULL until its import-time code (__Pyx_InitConstants) creates them from
// constant texts (3.1) or one constant byte string cut at constant lengths
// (3.2+). What the text of a slot is, is proven by replaying that code
// (ConstantReplay.h).
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CYTHONSTRINGTABLE_H
#define PYUNBOX_PASSES_CYTHONSTRINGTABLE_H

#include "pyunbox/passes/ConstantReplay.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class GlobalVariable;
class Module;
} // namespace llvm

namespace pyunbox {

/// The text of a slot, or why there is none (one line, for a remark).
struct SlotText {
  std::optional<std::string> Text;
  std::string WhyNot;
};

/// The replays of the module's string-table fillers: its functions that
/// make str objects (PyUnicode_DecodeUTF8, PyUnicode_InternFromString, ...),
/// each replayed once, on first use, with the arguments every one of its
/// callers is proven to pass (a constant, or the constant a local last
/// stored on every path to the call); where an argument it uses is not
/// proven so, its callers instead.
/// A slot's text is that of the str the replays stored there; slots that two
/// replays fill differently, or that one fills with something else, have
/// none. Cython writes each slot once, at import, before any of the module's
/// functions can run; the replay proves which str that write is.
class CythonStringTable {
public:
  explicit CythonStringTable(llvm::Module &M) : M(M) {}
  SlotText textAt(const llvm::GlobalVariable &State, uint64_t Offset);

private:
  void replayFillers();
  llvm::Module &M;
  bool Replayed = false;
  std::vector<std::pair<std::string, ConstantReplay>> Replays; ///< by the filler's name
};

} // namespace pyunbox

#endif
