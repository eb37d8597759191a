//===- ToolAnnotations.cpp - Instructions that only record for tools ------===//
#include "pyunbox/passes/ToolAnnotations.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

bool isToolAnnotation(const Instruction &I) {
  if (isa<DbgInfoIntrinsic>(I) || isa<PseudoProbeInst>(I))
    return true;
  // By name: LLVM 15's InstrProfInstBase has no classof of its own (isa<>
  // would take every intrinsic for one), and each version adds kinds
  // (cover, timestamp, mcdc.*).
  auto *II = dyn_cast<IntrinsicInst>(&I);
  return II && compat::startsWith(II->getCalledFunction()->getName(), "llvm.instrprof.");
}

bool isProfileCounter(const Value *Ptr) {
  auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(Ptr));
  if (!GV)
    return false;
  // ELF's sections (InstrProfData.inc; cores are made for ELF only:
  // TargetSupport), and the lowering's names, whatever the section.
  StringRef Section = GV->getSection();
  return Section == "__llvm_prf_cnts" || Section == "__llvm_prf_bits" ||
         compat::startsWith(GV->getName(), "__profc_") ||
         compat::startsWith(GV->getName(), "__profbm_");
}

void eraseToolAnnotations(Function &F) {
  for (BasicBlock &BB : F)
    for (Instruction &I : make_early_inc_range(BB))
      if (isToolAnnotation(I))
        I.eraseFromParent();
}

} // namespace pyunbox
