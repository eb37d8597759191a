// Helpers for the unit tests: IR modules from strings, with the C-API
// declarations a wrapper needs already in place.
#ifndef PYUNBOX_TEST_UNIT_IRTESTHELPERS_H
#define PYUNBOX_TEST_UNIT_IRTESTHELPERS_H

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include <memory>
#include <string>

namespace pyunbox::test {

/// Parse Body after a prelude declaring the C API; fails the test on errors.
std::unique_ptr<llvm::Module> parseWithPrelude(llvm::LLVMContext &Ctx, const std::string &Body);

/// Parse IR as it is; fails the test on errors.
std::unique_ptr<llvm::Module> parseIR(llvm::LLVMContext &Ctx, const std::string &IR);

} // namespace pyunbox::test

#endif
