//===- ValueKind.h - C types of core parameters and results ----*- C++ -*-===//
//
// The kinds of format.h seen from LLVM: the IR type and ABI extension a core
// uses for each kind, and its C spelling in prototypes.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_VALUEKIND_H
#define PYUNBOX_PASSES_VALUEKIND_H

#include "pyunbox/format.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Attributes.h"

namespace llvm {
class LLVMContext;
class Type;
} // namespace llvm

namespace pyunbox {

enum class ValueKind : uint8_t {
  Void = PYUNBOX_KIND_VOID,
  Bool = PYUNBOX_KIND_BOOL,
  UChar = PYUNBOX_KIND_UCHAR,
  Short = PYUNBOX_KIND_SHORT,
  UShort = PYUNBOX_KIND_USHORT,
  Int = PYUNBOX_KIND_INT,
  UInt = PYUNBOX_KIND_UINT,
  Long = PYUNBOX_KIND_LONG,
  ULong = PYUNBOX_KIND_ULONG,
  LongLong = PYUNBOX_KIND_LONGLONG,
  ULongLong = PYUNBOX_KIND_ULONGLONG,
  SSizeT = PYUNBOX_KIND_SSIZE_T,
  Float = PYUNBOX_KIND_FLOAT,
  Double = PYUNBOX_KIND_DOUBLE,
  SChar = PYUNBOX_KIND_SCHAR,
  Utf8 = PYUNBOX_KIND_UTF8,
  Utf8Size = PYUNBOX_KIND_UTF8_SIZE,
  Bytes = PYUNBOX_KIND_BYTES,
  BytesSize = PYUNBOX_KIND_BYTES_SIZE,
  /// A tuple of scalars (WrapperShape::Results): the core returns void and
  /// stores the items through pointers, its last parameters.
  Tuple = PYUNBOX_KIND_TUPLE,
};

/// The C spelling used in prototypes and by pyunbox-dump ("long", "_Bool", ...).
llvm::StringRef cSpelling(ValueKind K);

/// The IR type of a value of this kind at the C ABI (i1 for _Bool, void for
/// Void; a string kind's pointer, the first of a _SIZE kind's two parameters).
llvm::Type *abiType(ValueKind K, llvm::LLVMContext &Ctx);

/// A string kind (format.h's 15..18): the bytes of an argument, which the
/// core reads through a pointer and must neither write nor keep.
bool isString(ValueKind K);
/// How many C parameters a parameter of this kind is: 2 for a _SIZE kind
/// (the pointer, then its length as Py_ssize_t), else 1.
unsigned cParameterCount(ValueKind K);
/// The core's C parameter where the parameter Slot of a core whose
/// parameters have kinds Params starts; Params.size() gives the `bail` flag's.
unsigned cParameterIndex(llvm::ArrayRef<ValueKind> Params, unsigned Slot);

/// The extension attribute the C ABI puts on a narrow integer (zeroext for
/// _Bool and unsigned narrow types, signext for short), or None.
llvm::Attribute::AttrKind abiExtension(ValueKind K);

bool isFloatingPoint(ValueKind K);
bool isSigned(ValueKind K);

} // namespace pyunbox

#endif
