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

std::string passedOn(StringRef What, const CallBase &CB) {
  return ("it passes a pointer to " + What + " to " + describe(&CB) +
          ", which LLVM does not know to only read them and keep no pointer to them")
      .str();
}

// The check of whyStringBytesEscape, for Roots: parameters of one function
// that all point into the same bytes (a helper's `p` and `end`).
std::string whyBytesEscape(ArrayRef<const Argument *> Roots, StringRef What, unsigned Depth) {
  const Function &F = *Roots.front()->getParent();
  SmallVector<const Value *, 8> Work(Roots.begin(), Roots.end());
  SmallPtrSet<const Value *, 16> Seen(Roots.begin(), Roots.end());
  auto Follow = [&](const Value *V) {
    if (Seen.insert(V).second)
      Work.push_back(V);
  };
  // Comparisons, and the calls of the module's functions that take the
  // bytes, judged once every pointer into them is known.
  SmallVector<const Use *, 4> Compared;
  SmallVector<const CallBase *, 2> Helpers;
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const auto *I = dyn_cast<Instruction>(U.getUser());
      if (!I)
        return (What + " are used by a constant").str();
      if (isa<LoadInst>(I))
        continue; // a read (V is its address)
      if (isa<ICmpInst>(I)) {
        Compared.push_back(&U);
        continue;
      }
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
            ArgNo < Callee->arg_size() && Callee->getFunctionType() == CB->getFunctionType()) {
          if (!is_contained(Helpers, CB))
            Helpers.push_back(CB);
          continue;
        }
        return passedOn(What, *CB);
      }
      return ("it uses a pointer to " + What + " (" + describe(I) + ")").str();
    }
  }
  // A pointer into the bytes compared with NULL or with another into the
  // same bytes (`p < s + n`) says the same of a copy. Compared with any
  // other (another string's, a default's literal), it tells the argument's
  // own memory from a copy: a consumer encodes each str apart, and may pass
  // one bytes' buffer for two equal arguments.
  for (const Use *U : Compared) {
    const Value *Other = U->getUser()->getOperand(1 - U->getOperandNo());
    if (!isa<ConstantPointerNull>(Other) && !Seen.count(Other))
      return ("it compares a pointer to " + What + " with another pointer (" +
              describe(U->getUser()) + ")")
          .str();
  }
  // A helper's parameters that get pointers into the bytes, checked together.
  for (const CallBase *CB : Helpers) {
    const Function &Callee = *CB->getCalledFunction();
    SmallVector<const Argument *, 2> Into;
    for (unsigned K = 0; K != CB->arg_size(); ++K)
      if (Seen.count(CB->getArgOperand(K)))
        Into.push_back(Callee.getArg(K));
    if (!whyBytesEscape(Into, What, Depth - 1).empty())
      return passedOn(What, *CB);
  }
  return "";
}

} // namespace

std::string whyStringBytesEscape(const Argument &Param, StringRef What, unsigned Depth) {
  return whyBytesEscape({&Param}, What, Depth);
}

} // namespace pyunbox
