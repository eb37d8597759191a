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
  // METH_NOARGS functions are often defined without the unused argument
  // (`f(PyObject *self)`, even `f(void)`), and called through a cast: the
  // C calling convention drops what they do not declare.
  if (S.Conv == Convention::NoArgs && F.arg_size() < 2) {
    if (!F.getReturnType()->isPointerTy() || F.isVarArg() ||
        (F.arg_size() == 1 && !F.getArg(0)->getType()->isPointerTy()))
      return refuse(RefusalKey::UnexpectedSignature, "its IR signature does not match METH_NOARGS");
    Self = F.arg_size() ? F.getArg(0) : nullptr;
    return std::nullopt;
  }
  unsigned Want = (S.Conv == Convention::FastCall ? 3 : 2) + HasKeywords;
  bool Ok = F.arg_size() == Want && F.getReturnType()->isPointerTy() && !F.isVarArg() &&
            F.getArg(0)->getType()->isPointerTy() && F.getArg(1)->getType()->isPointerTy() &&
            (S.Conv != Convention::FastCall || F.getArg(2)->getType()->isIntegerTy()) &&
            (!HasKeywords || F.getArg(Want - 1)->getType()->isPointerTy());
  if (!Ok)
    return refuse(RefusalKey::UnexpectedSignature, "its IR signature does not match " +
                                             conventionName(S.Conv));
  Self = F.getArg(0);
  Second = F.getArg(1);
  if (S.Conv == Convention::FastCall)
    NArgs = F.getArg(2);
  if (HasKeywords) // the dict or the kwnames tuple: a core's calls have none
    S.Facts[F.getArg(Want - 1)] = ConstantPointerNull::get(cast<PointerType>(F.getArg(Want - 1)->getType()));
  return std::nullopt;
}

} // namespace pyunbox
