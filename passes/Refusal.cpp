//===- Refusal.cpp - The names and meanings of the refusal keys -----------===//
#include "pyunbox/passes/Refusal.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalValue.h"
#include "llvm/IR/InstrTypes.h"

namespace pyunbox {

llvm::StringRef refusalKeyName(RefusalKey K) {
  static const char *const Names[] = {
#define PYUNBOX_REFUSAL(Key, Meaning) #Key,
#include "pyunbox/passes/RefusalKeys.def"
  };
  return Names[static_cast<unsigned>(K)];
}

llvm::StringRef refusalKeyMeaning(RefusalKey K) {
  static const char *const Meanings[] = {
#define PYUNBOX_REFUSAL(Key, Meaning) Meaning,
#include "pyunbox/passes/RefusalKeys.def"
  };
  return Meanings[static_cast<unsigned>(K)];
}

std::string sourceName(const llvm::GlobalValue &GV) {
  llvm::StringRef Name = GV.getName();
  if (!compat::startsWith(Name, "_Z"))
    return Name.str();
  return llvm::demangle(Name.split('.').first.str()); // no mangled name has a '.'
}

std::string describe(const llvm::Value *V) {
  if (auto *CB = llvm::dyn_cast<llvm::CallBase>(V))
    if (const llvm::Function *F = CB->getCalledFunction())
      return "a call of '" + sourceName(*F) + "'";
  if (auto *I = llvm::dyn_cast<llvm::Instruction>(V))
    return ("'" + llvm::StringRef(I->getOpcodeName()) + "'").str();
  return "a value";
}

Refusal argumentEscapes(unsigned Slot, llvm::StringRef Use) {
  return refuse(RefusalKey::ArgumentEscapes, "argument " + llvm::Twine(Slot + 1) +
                                                 " is used for more than unboxing (" + Use + ")");
}

} // namespace pyunbox
