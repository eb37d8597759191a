//===- TargetSupport.cpp - The targets pyunbox makes cores for ------------===//
#include "pyunbox/passes/TargetSupport.h"

#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/IR/Module.h"

using namespace llvm;

namespace pyunbox {

std::optional<std::string> unsupportedTarget(const Module &M) {
  Triple T(M.getTargetTriple()); // a string up to LLVM 20, a Triple since
  if (T.str().empty())
    T = Triple(sys::getDefaultTargetTriple());
  bool X86_64 = T.getArch() == Triple::x86_64 && !T.isX32();
  bool AArch64 = (T.getArch() == Triple::aarch64 || T.getArch() == Triple::aarch64_be) &&
                 T.getEnvironment() != Triple::GNUILP32;
  if ((X86_64 || AArch64) && T.isOSBinFormatELF())
    return std::nullopt;
  return "pyunbox makes cores for 64-bit ELF targets where long is 64 bits (x86-64, AArch64), "
         "not '" + T.str() + "'";
}

} // namespace pyunbox
