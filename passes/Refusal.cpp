//===- Refusal.cpp - The names and meanings of the refusal keys -----------===//
#include "pyunbox/passes/Refusal.h"

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

} // namespace pyunbox
