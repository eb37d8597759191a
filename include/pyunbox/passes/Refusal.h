//===- Refusal.h - Why a wrapper gets no core ---------------------*- C++ -*-===//
//
// A refusal is a key from RefusalKeys.def and one line for the user. Code
// compares keys, never the text; remarks carry the key as their name.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_REFUSAL_H
#define PYUNBOX_PASSES_REFUSAL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <cstdint>
#include <string>

namespace llvm {
class GlobalValue;
class Value;
} // namespace llvm

namespace pyunbox {

enum class RefusalKey : uint8_t {
#define PYUNBOX_REFUSAL(Key, Meaning) Key,
#include "pyunbox/passes/RefusalKeys.def"
};

constexpr unsigned NumRefusalKeys = 0
#define PYUNBOX_REFUSAL(Key, Meaning) +1
#include "pyunbox/passes/RefusalKeys.def"
    ;

/// "UsesSelf": the remark's name.
llvm::StringRef refusalKeyName(RefusalKey K);
/// The key's meaning in one line, from RefusalKeys.def.
llvm::StringRef refusalKeyMeaning(RefusalKey K);

struct Refusal {
  RefusalKey Key = RefusalKey::InternalError;
  std::string Reason; ///< one line for the user, about this wrapper
};

inline Refusal refuse(RefusalKey Key, const llvm::Twine &Reason) { return {Key, Reason.str()}; }

/// A function or a global by its name in the source, for a remark: a C++
/// one (or a C file's static one under -funique-internal-linkage-names)
/// demangled, 'Py_IS_TYPE(_object*, _typeobject*)' for
/// '_ZL10Py_IS_TYPEP7_objectP11_typeobject.__uniq.1489...'.
std::string sourceName(const llvm::GlobalValue &GV);

/// "a call of 'PyObject_Hash'", "'store'": an instruction, for a refusal.
std::string describe(const llvm::Value *V);

/// Argument Slot (from 0) goes to Use (describe()), which gives it no
/// meaning the boundary knows: the analysis' refusal, and the first look's.
Refusal argumentEscapes(unsigned Slot, llvm::StringRef Use);

} // namespace pyunbox

#endif
