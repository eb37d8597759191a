//===- StringBytes.cpp - What a core does with its strings' bytes ---------===//
#include "pyunbox/passes/StringBytes.h"
#include "pyunbox/passes/Refusal.h"
#include "pyunbox/passes/ToolAnnotations.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Argument.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {
namespace {

// A variable of F's own (an -O0 local such as `const char *s`) whose every
// use is a load of it or a store into it: what is stored there comes back
// only through its loads.
bool isPlainVariable(const Value *Base, const Function &F) {
  auto *AI = dyn_cast<AllocaInst>(Base);
  if (!AI || AI->getFunction() != &F)
    return false;
  return all_of(AI->uses(), [](const Use &U) {
    const auto *I = cast<Instruction>(U.getUser());
    if (const auto *CB = dyn_cast<CallBase>(I))
      return isToolAnnotation(*CB) || CB->isLifetimeStartOrEnd();
    if (const auto *St = dyn_cast<StoreInst>(I))
      return U.getOperandNo() == StoreInst::getPointerOperandIndex() && St->isSimple();
    return isa<LoadInst>(I) && cast<LoadInst>(I)->isSimple();
  });
}

} // namespace

std::string whyStringBytesEscape(const Argument &Param, StringRef What, unsigned Depth) {
  const Function &F = *Param.getParent();
  SmallVector<const Value *, 8> Work{&Param};
  SmallPtrSet<const Value *, 16> Seen{&Param};
  auto Follow = [&](const Value *V) {
    if (Seen.insert(V).second)
      Work.push_back(V);
  };
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const auto *I = dyn_cast<Instruction>(U.getUser());
      if (!I)
        return (What + " are used by a constant").str();
      if (isa<LoadInst>(I) || isa<ICmpInst>(I))
        continue; // a read (V is its address), a comparison
      if (isa<GetElementPtrInst>(I) || isa<CastInst>(I) || isa<PHINode>(I) || isa<SelectInst>(I)) {
        if (const auto *P2I = dyn_cast<PtrToIntInst>(I)) {
          // end - begin: a length, which reaches no memory.
          if (all_of(P2I->users(), [](const User *W) {
                return isa<ICmpInst>(W) || (isa<BinaryOperator>(W) &&
                                            cast<BinaryOperator>(W)->getOpcode() == Instruction::Sub);
              }))
            continue;
          return ("it turns a pointer to " + What + " into an integer (" + describe(I) + ")").str();
        }
        if (isa<CastInst>(I) && !isa<BitCastInst>(I) && !isa<AddrSpaceCastInst>(I))
          return ("it converts a pointer to " + What + " (" + describe(I) + ")").str();
        Follow(I);
        continue;
      }
      if (const auto *St = dyn_cast<StoreInst>(I)) {
        if (U.getOperandNo() == StoreInst::getPointerOperandIndex())
          return ("it writes " + What + " (" + describe(I) + ")").str();
        const Value *Base = getUnderlyingObject(St->getPointerOperand());
        if (!isPlainVariable(Base, F))
          return ("it stores a pointer to " + What + " (" + describe(I) + ")").str();
        for (const User *W : Base->users())
          if (isa<LoadInst>(W))
            Follow(W);
        continue;
      }
      if (const auto *CB = dyn_cast<CallBase>(I)) {
        if (isToolAnnotation(*CB) || CB->isLifetimeStartOrEnd() || isa<AssumeInst>(CB))
          continue;
        if (!CB->isArgOperand(&U))
          return ("it calls through a pointer to " + What).str();
        unsigned ArgNo = CB->getArgOperandNo(&U);
        // readonly on the parameter, or a callee that reads memory only
        // (strlen's memory(argmem: read)).
        if (CB->doesNotCapture(ArgNo) && (CB->onlyReadsMemory(ArgNo) || CB->onlyReadsMemory()))
          continue;
        // A function of the module (one definition: not interposable) that
        // does nothing else with its parameter.
        if (const Function *Callee = CB->getCalledFunction();
            Depth && Callee && !Callee->isDeclaration() && !Callee->isInterposable() &&
            ArgNo < Callee->arg_size() && Callee->getFunctionType() == CB->getFunctionType() &&
            whyStringBytesEscape(*Callee->getArg(ArgNo), What, Depth - 1).empty())
          continue;
        return ("it passes a pointer to " + What + " to " + describe(I) +
                ", which LLVM does not know to only read them and keep no pointer to them")
            .str();
      }
      return ("it uses a pointer to " + What + " (" + describe(I) + ")").str();
    }
  }
  return "";
}

} // namespace pyunbox
