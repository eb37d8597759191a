//===- MethodTables.h - PyMethodDef entries of a module -------*- C++ -*-===//
//
// Where the search for wrappers starts: the PyMethodDef arrays in the module's
// constant data, and the PyModuleDef that names the module they belong to.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_METHODTABLES_H
#define PYUNBOX_PASSES_METHODTABLES_H

#include "pyunbox/passes/CallingConvention.h"
#include "pyunbox/passes/KeywordNames.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace llvm {
class Function;
class GlobalVariable;
class Module;
} // namespace llvm

namespace pyunbox {

// The PyMethodDef flags of CPython's methodobject.h.
struct MethodEntry {
  std::string PythonName;           ///< ml_name
  llvm::Function *Wrapper = nullptr; ///< ml_meth
  unsigned Flags = 0;               ///< ml_flags
  llvm::GlobalVariable *Table = nullptr;
  std::string ModuleName;           ///< m_name of the PyModuleDef, or ""
  /// tp_name of the type whose methods the table holds (a static
  /// PyTypeObject's tp_methods, a PyType_Spec's Py_tp_methods slot), or "".
  std::string TypeName;
  /// Where the entry may be changed at run time ("'PyInit_m' stores into
  /// it": a store into it, or a write the pass cannot place in the table),
  /// or "" where nothing but the interpreter's reads and loads use it (a
  /// constant global, one no code writes, only other entries written). Such
  /// an entry gets no core: the function Python calls by its name may not be
  /// the one the initializer names. (A table its static constructors fill is
  /// read from their stores, its only writers.)
  std::string TableWriter;
  /// The names the wrapper's keyword parser takes (Cython's
  /// __pyx_pyargnames), where it hands one an array of them.
  std::optional<KeywordNames> Keywords;
};

/// Every entry of every PyMethodDef array (or single PyMethodDef) initialised
/// in the module, in table order. Sentinels and entries whose ml_meth is not a
/// function of this module are left out.
llvm::SmallVector<MethodEntry, 16> findMethodEntries(llvm::Module &M);

/// The m_name of every PyModuleDef the module creates a module from; where
/// one is not a constant (set at import), or there is no PyModuleDef, the X
/// of the file's one PyInit_X, or else the file's name: never empty.
llvm::SmallVector<std::string, 1> findModuleNames(llvm::Module &M);

} // namespace pyunbox

#endif
