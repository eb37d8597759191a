//===- ValueKind.cpp - C types of core parameters and results -------------===//
#include "pyunbox/passes/ValueKind.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Type.h"

using namespace llvm;

namespace pyunbox {

StringRef cSpelling(ValueKind K) {
  switch (K) {
  case ValueKind::Void:
  case ValueKind::Tuple: return "void";
  case ValueKind::Bool: return "_Bool";
  case ValueKind::UChar: return "unsigned char";
  case ValueKind::Short: return "short";
  case ValueKind::UShort: return "unsigned short";
  case ValueKind::Int: return "int";
  case ValueKind::UInt: return "unsigned int";
  case ValueKind::Long: return "long";
  case ValueKind::ULong: return "unsigned long";
  case ValueKind::LongLong: return "long long";
  case ValueKind::ULongLong: return "unsigned long long";
  case ValueKind::SSizeT: return "Py_ssize_t";
  case ValueKind::Float: return "float";
  case ValueKind::Double: return "double";
  case ValueKind::SChar: return "signed char";
  case ValueKind::Utf8:
  case ValueKind::Bytes: return "const char *";
  case ValueKind::Utf8Size:
  case ValueKind::BytesSize: return "const char *, Py_ssize_t";
  }
  return "?";
}

// pyunbox targets LP64 ELF platforms: long and Py_ssize_t are 64 bits wide.
Type *abiType(ValueKind K, LLVMContext &Ctx) {
  switch (K) {
  case ValueKind::Void:
  case ValueKind::Tuple: return Type::getVoidTy(Ctx);
  case ValueKind::Bool: return Type::getInt1Ty(Ctx);
  case ValueKind::UChar:
  case ValueKind::SChar: return Type::getInt8Ty(Ctx);
  case ValueKind::Short:
  case ValueKind::UShort: return Type::getInt16Ty(Ctx);
  case ValueKind::Int:
  case ValueKind::UInt: return Type::getInt32Ty(Ctx);
  case ValueKind::Long:
  case ValueKind::ULong:
  case ValueKind::LongLong:
  case ValueKind::ULongLong:
  case ValueKind::SSizeT: return Type::getInt64Ty(Ctx);
  case ValueKind::Float: return Type::getFloatTy(Ctx);
  case ValueKind::Double: return Type::getDoubleTy(Ctx);
  case ValueKind::Utf8:
  case ValueKind::Utf8Size:
  case ValueKind::Bytes:
  case ValueKind::BytesSize: return PointerType::get(Ctx, 0);
  }
  return Type::getVoidTy(Ctx);
}

bool isString(ValueKind K) {
  return K == ValueKind::Utf8 || K == ValueKind::Utf8Size || K == ValueKind::Bytes ||
         K == ValueKind::BytesSize;
}

unsigned cParameterCount(ValueKind K) {
  return K == ValueKind::Utf8Size || K == ValueKind::BytesSize ? 2 : 1;
}

unsigned cParameterIndex(ArrayRef<ValueKind> Params, unsigned Slot) {
  unsigned Index = 0;
  for (ValueKind K : Params.take_front(Slot))
    Index += cParameterCount(K);
  return Index;
}

Attribute::AttrKind abiExtension(ValueKind K) {
  switch (K) {
  case ValueKind::Bool:
  case ValueKind::UChar:
  case ValueKind::UShort: return Attribute::ZExt;
  case ValueKind::SChar:
  case ValueKind::Short: return Attribute::SExt;
  default: return Attribute::None;
  }
}

bool isFloatingPoint(ValueKind K) {
  return K == ValueKind::Float || K == ValueKind::Double;
}

bool isSigned(ValueKind K) {
  switch (K) {
  case ValueKind::SChar:
  case ValueKind::Short:
  case ValueKind::Int:
  case ValueKind::Long:
  case ValueKind::LongLong:
  case ValueKind::SSizeT: return true;
  default: return false;
  }
}

} // namespace pyunbox
