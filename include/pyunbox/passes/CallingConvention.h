//===- CallingConvention.h - How CPython calls a PyMethodDef function -*- C++ -*-===//
//
// The ml_flags bits of CPython's methodobject.h and the four conventions a
// core can stand for (format.h's enum pyunbox_convention): one small header
// for everyone who reads a method table, analyses a wrapper or writes a
// record.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CALLINGCONVENTION_H
#define PYUNBOX_PASSES_CALLINGCONVENTION_H

#include "pyunbox/format.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace pyunbox {

enum MethFlags : unsigned {
  METH_VARARGS = 0x1,
  METH_KEYWORDS = 0x2,
  METH_NOARGS = 0x4,
  METH_O = 0x8,
  METH_CLASS = 0x10,
  METH_STATIC = 0x20,
  METH_COEXIST = 0x40,
  METH_FASTCALL = 0x80,
  METH_METHOD = 0x200,
};

enum class Convention : uint8_t {
  NoArgs = PYUNBOX_CONV_NOARGS,
  O = PYUNBOX_CONV_O,
  FastCall = PYUNBOX_CONV_FASTCALL,
  VarArgs = PYUNBOX_CONV_VARARGS,
};

inline llvm::StringRef conventionName(Convention C) {
  switch (C) {
  case Convention::NoArgs: return "METH_NOARGS";
  case Convention::O: return "METH_O";
  case Convention::FastCall: return "METH_FASTCALL";
  case Convention::VarArgs: return "METH_VARARGS";
  }
  return "?";
}

} // namespace pyunbox

#endif
