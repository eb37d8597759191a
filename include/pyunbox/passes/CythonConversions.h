//===- CythonConversions.h - Cython's integer conversions -------*- C++ -*-===//
//
// Cython converts between Python ints and every C integer type with one
// template (its CIntFromPy and CIntToPy utility code), instantiated per type
// and named after it: __Pyx_PyInt_As_<type> and __Pyx_PyInt_From_<type> up
// to 3.0, __Pyx_PyLong_As_<type> and __Pyx_PyLong_From_<type> since 3.1.
// Every instance means the same for its type: for an int that fits, its
// value; otherwise -1 with OverflowError, or TypeError for a non-integer
// (the core's caller has unboxed it already, and calls the wrapper for any
// other value). So the template's name gives the role, and only the type's
// kind differs between instances.
//
// The kind of an instance whose body is in the module comes from that body
// (kindsFromBodies): its width is its IR integer type's, and whether it is
// signed is what the template decides itself (`is_unsigned = (T)-1 > 0`):
// once the body's constants are folded, the C-API readers an As_ instance
// calls are all signed (PyLong_AsLong) or all unsigned
// (PyLong_AsUnsignedLong), and the value a From_ instance hands a C-API
// boxer is its parameter sign- or zero-extended. That covers every type
// the same way: enums (int or unsigned int, by their values, which neither
// the name nor the IR type says), typedefs, each width. Only a declaration
// (no body here) is known by its type's spelling ("unsigned_int", "size_t",
// ...) or, for plain char, by the ABI extension of its i8.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CYTHONCONVERSIONS_H
#define PYUNBOX_PASSES_CYTHONCONVERSIONS_H

#include "pyunbox/passes/BoundaryPrimitives.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace pyunbox {

/// The conversion a name spells, where its type's spelling gives the kind
/// (CPython's spelling: canonicalSpelling has folded PyPy's), or nullptr.
const BoundaryPrimitive *cythonConversionBySpelling(llvm::StringRef Name);

/// The kinds of a module's Cython integer conversions, decided from their
/// bodies once per run. While one is installed, cythonConversion() on this
/// thread answers from it; the constructor installs it, the destructor
/// takes it away (the pass runs on several threads under ThinLTO).
class CythonConversionKinds {
public:
  explicit CythonConversionKinds(const llvm::Module &M);
  ~CythonConversionKinds();
  CythonConversionKinds(const CythonConversionKinds &) = delete;
  CythonConversionKinds &operator=(const CythonConversionKinds &) = delete;

  /// The instance's entry: from its body, where that decided one (nullptr
  /// where the body contradicts the type's spelling), or none known.
  std::optional<const BoundaryPrimitive *> lookup(const llvm::Function &F) const;

private:
  llvm::DenseMap<const llvm::Function *, const BoundaryPrimitive *> FromBodies;
  const CythonConversionKinds *Outer;
};

/// The conversion F is: by its body where the installed kinds decided it,
/// otherwise by its name's spelling or, for plain char, by its ABI
/// extension; nullptr where F is none or its kind is not known.
const BoundaryPrimitive *cythonConversion(const llvm::Function &F);

} // namespace pyunbox

#endif
