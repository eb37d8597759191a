//===- HelperBodies.cpp - The module's helpers, ready to inline -----------===//
#include "pyunbox/passes/HelperBodies.h"
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/FunctionCopy.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"

using namespace llvm;

namespace pyunbox {

Function &HelperBodies::of(Function &Helper) {
  if (Function *Copy = Copies.lookup(&Helper))
    return *Copy;
  Function *Copy = copyFunction(Helper, "pyunbox.body." + Helper.getName());
  promoteAllocas(*Copy);
  Copies[&Helper] = Copy;
  Originals[Copy] = &Helper;
  return *Copy;
}

Function &HelperBodies::toInline(Function &Helper, const Function &Wrapper,
                                 const Function &Draft) {
  if (Copies.count(&Helper))
    return *Copies.lookup(&Helper);
  bool OnlyThisWrapper = all_of(Helper.users(), [&](const User *U) {
    auto *CB = dyn_cast<CallBase>(U);
    return CB && CB->getCalledOperand() == &Helper &&
           (CB->getFunction() == &Wrapper || CB->getFunction() == &Draft);
  });
  return OnlyThisWrapper ? Helper : of(Helper);
}

bool HelperBodies::keeps(const Function &F) const { return Originals.count(&F); }

void HelperBodies::eraseAll(FunctionAnalysisManager *FAM) {
  for (auto &[Helper, Copy] : Copies) {
    if (FAM)
      FAM->clear(*Copy, Copy->getName());
    // No call is left (Drafting points failed inlines back at the helper);
    // were one left by a fault, it goes to the helper itself.
    Copy->replaceAllUsesWith(const_cast<Function *>(Helper));
    Copy->eraseFromParent();
  }
  Copies.clear();
  Originals.clear();
}

} // namespace pyunbox
