//===- TargetSupport.h - The targets pyunbox makes cores for ---*- C++ -*-===//
//
// Cores are made for 64-bit ELF targets where C's long is 64 bits and the
// argument passing is known: x86-64 (not x32) and AArch64 (either byte
// order, not ILP32). What rests on that:
//   - ValueKind's ABI types: a record's `long` and `Py_ssize_t` are i64
//     (on i686 or ARMv7 they are i32, and a core would take the wrong type);
//   - the record's layout: its addresses are 64-bit fields, which a 32-bit
//     object cannot relocate (i686: "unsupported relocation type", a broken
//     build);
//   - Py_BuildValue's varargs: every integer fills an 8-byte slot and va_arg
//     of a narrower type reads its low-order bytes (ReturnNetwork);
//   - the cores' small integer results need no sign or zero extension by
//     the callee (PowerPC64, s390x and RISC-V require it of the callee);
//   - the section the runtime reads is an ELF section.
// Elsewhere every wrapper is left as it was, with a remark that says so.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_TARGETSUPPORT_H
#define PYUNBOX_PASSES_TARGETSUPPORT_H

#include <optional>
#include <string>

namespace llvm {
class Module;
} // namespace llvm

namespace pyunbox {

/// Why no core can be made for the module's target, or nothing where it is
/// one pyunbox makes cores for. A module without a target triple is compiled
/// for the default one (LLVM's, as llc and clang -c of IR do).
std::optional<std::string> unsupportedTarget(const llvm::Module &M);

} // namespace pyunbox

#endif
