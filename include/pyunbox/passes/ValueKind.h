//===- ValueKind.h - C types of core parameters and results ----*- C++ -*-===//
//
// The kinds of format.h seen from LLVM: the IR type and ABI extension a core
// uses for each kind, and its C spelling in prototypes.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_VALUEKIND_H
#define PYUNBOX_PASSES_VALUEKIND_H

#include "pyunbox/format.h"
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
};

/// The C spelling used in prototypes and by pyunbox-dump ("long", "_Bool", ...).
llvm::StringRef cSpelling(ValueKind K);

/// The IR type of a value of this kind at the C ABI (i1 for _Bool, void for Void).
llvm::Type *abiType(ValueKind K, llvm::LLVMContext &Ctx);

/// The extension attribute the C ABI puts on a narrow integer (zeroext for
/// _Bool and unsigned narrow types, signext for short), or None.
llvm::Attribute::AttrKind abiExtension(ValueKind K);

bool isFloatingPoint(ValueKind K);
bool isSigned(ValueKind K);

} // namespace pyunbox

#endif
