//===- analysis/CallingConvention.cpp - The convention and the signature ----===//
//
// Which of CPython's calling conventions the ml_flags name (one, or a
// refusal), and that the function's IR signature is that convention's: the
// arguments the rest of the analysis reads (self, the object, tuple or array,
// nargs, the keywords) are where the convention puts them.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

using namespace llvm;

namespace pyunbox {

std::optional<Refusal> WrapperAnalyzer::decideConvention() {
  unsigned Call = S.MethFlags & (METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O |
                                 METH_FASTCALL | METH_METHOD);
  if (Call & METH_METHOD)
    return refuse(RefusalKey::DefiningClass, "METH_METHOD wrappers receive their defining class; not mined");
  // With METH_KEYWORDS a core stands for the calls without keywords; the
  // parameter names let a consumer map keywords onto positions.
  HasKeywords = Call & METH_KEYWORDS;
  switch (Call & ~unsigned(METH_KEYWORDS)) {
  case METH_NOARGS: S.Conv = Convention::NoArgs; return std::nullopt;
  case METH_O: S.Conv = Convention::O; return std::nullopt;
  case METH_FASTCALL: S.Conv = Convention::FastCall; return std::nullopt;
  case METH_VARARGS: S.Conv = Convention::VarArgs; return std::nullopt;
  case 0:
    if (HasKeywords) { // METH_KEYWORDS alone means METH_VARARGS | METH_KEYWORDS
      S.Conv = Convention::VarArgs;
      return std::nullopt;
    }
    [[fallthrough]];
  default:
    return refuse(RefusalKey::BadCallFlags, "ml_flags 0x" + Twine::utohexstr(S.MethFlags) +
                                      " name no single calling convention");
  }
}

std::optional<Refusal> WrapperAnalyzer::checkSignature() {
  // A function may declare fewer parameters than its convention passes:
  // METH_NOARGS ones are often `f(PyObject *self)`, even `f(void)`; an old
  // METH_VARARGS one that takes nothing is sometimes `f(PyObject *self)`, and
  // a METH_KEYWORDS one `f(self, args)`. Python calls it through a cast, and
  // the C calling convention drops what it does not declare, which it
  // therefore never reads. What it declares must be the convention's.
  unsigned Full = (S.Conv == Convention::FastCall ? 3 : 2) + HasKeywords;
  unsigned N = F.arg_size();
  auto Declared = [&](unsigned K) {
    Type *T = F.getArg(K)->getType();
    return S.Conv == Convention::FastCall && K == 2 ? T->isIntegerTy() : T->isPointerTy();
  };
  bool Ok = N <= Full && F.getReturnType()->isPointerTy() && !F.isVarArg();
  for (unsigned K = 0; Ok && K != N; ++K)
    Ok = Declared(K);
  // A METH_O function's core takes its object: one that does not declare it
  // has no core for a call of one argument. A METH_FASTCALL one that
  // declares its array without nargs reads items whose count it cannot know.
  if (Ok && S.Conv == Convention::O && N < 2)
    return refuse(RefusalKey::UnexpectedSignature,
                  "declares no parameter for METH_O's argument: no core stands for a call of one");
  if (Ok && S.Conv == Convention::FastCall && N == 2)
    return refuse(RefusalKey::UnexpectedSignature,
                  "declares METH_FASTCALL's array without nargs, so reads items it cannot count");
  if (!Ok)
    return refuse(RefusalKey::UnexpectedSignature, "its IR signature does not match " +
                                             conventionName(S.Conv));
  Self = N > 0 ? F.getArg(0) : nullptr;
  Second = N > 1 ? F.getArg(1) : nullptr;
  if (S.Conv == Convention::FastCall && N > 2)
    NArgs = F.getArg(2);
  // METH_NOARGS' argument is always NULL: CPython's call and PyPy's cpyext
  // pass NULL, and the core stands only for such calls (C code of the module
  // that calls the wrapper itself calls the wrapper). A wrapper that reads it
  // (`assert(args == NULL)` without -DNDEBUG) reads that constant.
  if (S.Conv == Convention::NoArgs && Second)
    S.Facts[Second] = ConstantPointerNull::get(cast<PointerType>(Second->getType()));
  if (HasKeywords && N == Full) // the dict or the kwnames tuple: a core's calls have none
    S.Facts[F.getArg(Full - 1)] = ConstantPointerNull::get(cast<PointerType>(F.getArg(Full - 1)->getType()));
  return std::nullopt;
}

} // namespace pyunbox
