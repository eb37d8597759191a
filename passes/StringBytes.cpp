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

// Whether an address turned into an integer stays a number: everything
// computed from it is arithmetic, a comparison or a branch on it (a loop's
// trip count, end - begin), never a pointer again, a store, a call's
// argument or a return value, so no pointer to the bytes comes of it.
bool staysANumber(const PtrToIntInst &P2I) {
  SmallVector<const Value *, 8> Work{&P2I};
  SmallPtrSet<const Value *, 16> Seen{&P2I};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      if (isa<ICmpInst>(U) || isa<SwitchInst>(U) || isa<BranchInst>(U))
        continue;
      if (isa<BinaryOperator>(U) || isa<PHINode>(U) || isa<SelectInst>(U) || isa<FreezeInst>(U) ||
          isa<TruncInst>(U) || isa<ZExtInst>(U) || isa<SExtInst>(U)) {
        if (Seen.insert(U).second)
          Work.push_back(U);
        continue;
      }
      return false;
    }
  }
  return true;
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
          if (staysANumber(*P2I))
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
