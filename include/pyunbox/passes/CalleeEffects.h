//===- CalleeEffects.h - Does a callee reach the interpreter? -*- C++ -*-===//
//
// A wrapper's own helpers are fine in a core as long as they, and everything
// they call, stay away from the interpreter. Declarations count only when the
// target library knows them (libm, libc): anything else may call back into
// Python, and then a core could not be proven equal to its wrapper.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CALLEEEFFECTS_H
#define PYUNBOX_PASSES_CALLEEEFFECTS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace llvm {
class Function;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

enum class CalleeClass : uint8_t {
  Clean,           ///< never reaches the interpreter
  UsesInterpreter, ///< Culprit names the C-API symbol it reaches
  Unknown,         ///< Culprit names what cannot be seen into
};

struct CalleeVerdict {
  CalleeClass Class;
  std::string Culprit;
};

class CalleeEffects {
public:
  explicit CalleeEffects(const llvm::TargetLibraryInfo *TLI) : TLI(TLI) {}
  CalleeVerdict classify(const llvm::Function &G);

private:
  CalleeVerdict localVerdict(const llvm::Function &G,
                             llvm::SmallVectorImpl<const llvm::Function *> &Callees);
  const llvm::TargetLibraryInfo *TLI;
  llvm::DenseMap<const llvm::Function *, CalleeVerdict> Memo;
};

} // namespace pyunbox

#endif
