//===- StringBytes.cpp - What a core does with its strings' bytes ---------===//
#include "pyunbox/passes/StringBytes.h"
#include "pyunbox/passes/LibcRoles.h"
#include "pyunbox/passes/PointerOrigins.h"
#include "pyunbox/passes/Refusal.h"
#include "pyunbox/passes/ToolAnnotations.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Argument.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <optional>

using namespace llvm;

namespace pyunbox {
namespace {

// A variable of F's own (an -O0 local such as `const char *s`): what is
// stored there comes back only through its loads.
bool isPlainVariable(const Value *Base, const Function &F) {
  auto *AI = dyn_cast<AllocaInst>(Base);
  SmallVector<const Value *, 4> Stored;
  return AI && AI->getFunction() == &F && privateVariableStores(*AI, Stored);
}

// How many times the bytes' address is a term of an integer computed from
// pointers into them (Into): none in `(intptr_t)at - (intptr_t)s`, a
// length, the same for a copy; one in `(intptr_t)s + 4`. nullopt where
// the address enters otherwise than as a sum (a mask, a shift right, a
// sign extension): such a value may tell the address itself.
class AddressTerms {
public:
  explicit AddressTerms(const SmallPtrSetImpl<const Value *> &Into) : Into(Into) {}

  std::optional<int64_t> of(const Value *V, unsigned Depth = 0) {
    const auto *I = dyn_cast<Instruction>(V);
    if (!I)
      return 0; // a constant or a parameter: no address of the bytes
    if (auto It = Memo.find(I); It != Memo.end())
      return It->second;
    Memo[I] = std::nullopt; // a cycle of phis: not a sum known here
    std::optional<int64_t> Terms = Depth > 32 ? std::nullopt : compute(*I, Depth + 1);
    Memo[I] = Terms;
    return Terms;
  }

private:
  std::optional<int64_t> compute(const Instruction &I, unsigned Depth) {
    if (const auto *P2I = dyn_cast<PtrToIntInst>(&I))
      return Into.count(P2I->getOperand(0)) ? 1 : 0;
    if (Into.count(&I)) // a pointer loaded back as an integer: not a sum known here
      return std::nullopt;
    auto Same = [&](ArrayRef<const Value *> Vs) -> std::optional<int64_t> {
      std::optional<int64_t> First = of(Vs.front(), Depth);
      for (const Value *V : Vs.drop_front())
        if (of(V, Depth) != First)
          return std::nullopt;
      return First;
    };
    if (const auto *Phi = dyn_cast<PHINode>(&I)) {
      SmallVector<const Value *, 4> In(Phi->incoming_values().begin(), Phi->incoming_values().end());
      return In.empty() ? std::optional<int64_t>(0) : Same(In);
    }
    if (const auto *Sel = dyn_cast<SelectInst>(&I))
      return Same({Sel->getTrueValue(), Sel->getFalseValue()});
    if (isa<TruncInst>(I) || isa<FreezeInst>(I)) // a sum modulo 2^n is one still
      return of(I.getOperand(0), Depth);
    const auto *BO = dyn_cast<BinaryOperator>(&I);
    if (!BO) {
      // A load, a call's result: address-dependent integers reach no memory
      // and no call (the walk below refuses them), so none come back.
      if (!isa<CastInst>(I))
        return 0;
      return of(I.getOperand(0), Depth) == std::optional<int64_t>(0) ? std::optional<int64_t>(0)
                                                                      : std::nullopt;
    }
    std::optional<int64_t> L = of(BO->getOperand(0), Depth), R = of(BO->getOperand(1), Depth);
    if (!L || !R)
      return std::nullopt;
    const auto *K = dyn_cast<ConstantInt>(BO->getOperand(1));
    // Small counts only: no overflow, and a sum's terms are a handful.
    auto Small = [](int64_t T) -> std::optional<int64_t> {
      return T > -64 && T < 64 ? std::optional<int64_t>(T) : std::nullopt;
    };
    switch (BO->getOpcode()) {
    case Instruction::Add:
      return Small(*L + *R);
    case Instruction::Sub:
      return Small(*L - *R);
    case Instruction::Mul:
      if (const auto *K0 = dyn_cast<ConstantInt>(BO->getOperand(0)); K0 && K0->getValue().isSignedIntN(8))
        return Small(K0->getSExtValue() * *R);
      if (K && K->getValue().isSignedIntN(8))
        return Small(*L * K->getSExtValue());
      break;
    case Instruction::Shl:
      if (K && K->getValue().ult(6))
        return Small(*L * (int64_t(1) << K->getZExtValue()));
      break;
    case Instruction::Xor:
      // ~x is -x - 1 (modulo 2^n, as every sum here): how -O2 spells
      // `~(at - s)`, and `s - at - 1`.
      if (K && K->isMinusOne())
        return Small(-*L);
      break;
    default:
      break;
    }
    return *L == 0 && *R == 0 ? std::optional<int64_t>(0) : std::nullopt;
  }

  const SmallPtrSetImpl<const Value *> &Into;
  DenseMap<const Value *, std::optional<int64_t>> Memo;
};

// Whether an address turned into an integer stays a number: everything
// computed from it is arithmetic, a comparison or a branch on it (a loop's
// trip count), never a pointer again, a store, a call's argument or a
// return value, so no pointer to the bytes comes of it; or a value in which
// the address cancels out (end - begin, memchr's result - s), which is
// the same for a copy and may go anywhere.
bool staysANumber(const PtrToIntInst &P2I, AddressTerms &Terms) {
  SmallVector<const Value *, 8> Work{&P2I};
  SmallPtrSet<const Value *, 16> Seen{&P2I};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      if (isa<ICmpInst>(U) || isa<SwitchInst>(U) || isa<BranchInst>(U))
        continue;
      if (isa<BinaryOperator>(U) || isa<PHINode>(U) || isa<SelectInst>(U) || isa<FreezeInst>(U) ||
          isa<TruncInst>(U) || isa<ZExtInst>(U) || isa<SExtInst>(U)) {
        // Where the address cancels out, what follows is a plain number.
        if (Terms.of(U) != std::optional<int64_t>(0) && Seen.insert(U).second)
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

// What a function does with the bytes some of its parameters point into.
struct BytesUse {
  std::string Why;       ///< why they may be written or kept, or ""
  bool Returned = false; ///< it may return a pointer into them
};

// The check of whyStringBytesEscape, for Roots: parameters of one function
// that all point into the same bytes (a helper's `p` and `end`). Only a
// helper (Returnable) may return a pointer into them: its caller follows
// the call's result as one more.
BytesUse bytesUse(ArrayRef<const Argument *> Roots, StringRef What, const TargetLibraryInfo *TLI,
                  unsigned Depth, bool Returnable) {
  const Function &F = *Roots.front()->getParent();
  BytesUse Result;
  auto Escapes = [&](const Twine &Why) {
    Result.Why = Why.str();
    return Result;
  };
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
  SmallVector<const PtrToIntInst *, 4> Numbers;
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const auto *I = dyn_cast<Instruction>(U.getUser());
      if (!I)
        return Escapes(What + " are used by a constant");
      if (isa<LoadInst>(I))
        continue; // a read (V is its address)
      if (isa<ICmpInst>(I)) {
        Compared.push_back(&U);
        continue;
      }
      if (isa<GetElementPtrInst>(I) || isa<CastInst>(I) || isa<PHINode>(I) || isa<SelectInst>(I)) {
        if (const auto *P2I = dyn_cast<PtrToIntInst>(I)) {
          // Judged once every pointer into the bytes is known.
          Numbers.push_back(P2I);
          continue;
        }
        if (isa<CastInst>(I) && !isa<BitCastInst>(I) && !isa<AddrSpaceCastInst>(I))
          return Escapes("it converts a pointer to " + What + " (" + describe(I) + ")");
        Follow(I);
        continue;
      }
      if (const auto *St = dyn_cast<StoreInst>(I)) {
        if (U.getOperandNo() == StoreInst::getPointerOperandIndex())
          return Escapes("it writes " + What + " (" + describe(I) + ")");
        const Value *Base = getUnderlyingObject(St->getPointerOperand());
        if (!isPlainVariable(Base, F))
          return Escapes("it stores a pointer to " + What + " (" + describe(I) + ")");
        for (const User *W : Base->users())
          if (isa<LoadInst>(W))
            Follow(W);
        continue;
      }
      if (const auto *CB = dyn_cast<CallBase>(I)) {
        if (isToolAnnotation(*CB) || CB->isLifetimeStartOrEnd() || isa<AssumeInst>(CB))
          continue;
        if (!CB->isArgOperand(&U))
          return Escapes("it calls through a pointer to " + What);
        unsigned ArgNo = CB->getArgOperandNo(&U);
        // The C library's functions by what C says they do: memchr's result
        // is one more pointer into the bytes, followed as the others are.
        if (PointeeUse Use = libcPointeeUse(*CB, ArgNo, TLI); Use != PointeeUse::Unknown) {
          if (Use == PointeeUse::ReadsInto)
            Follow(CB);
          continue;
        }
        // readonly on the parameter, or a callee that reads memory only
        // (strlen's memory(argmem: read)).
        if (CB->doesNotCapture(ArgNo) && (CB->onlyReadsMemory(ArgNo) || CB->onlyReadsMemory()))
          continue;
        // A function of the module (one definition: not interposable) that
        // does nothing else with its parameter. Where its result is based
        // on this parameter (`p = skip_spaces(p, end)`), the result is one
        // more pointer into the bytes.
        if (const Function *Callee = CB->getCalledFunction();
            Depth && Callee && !Callee->isDeclaration() && !Callee->isInterposable() &&
            ArgNo < Callee->arg_size() && Callee->getFunctionType() == CB->getFunctionType()) {
          if (!is_contained(Helpers, CB))
            Helpers.push_back(CB);
          SmallVector<unsigned, 2> Returned;
          if (returnsIntoParameters(*Callee, Returned) && is_contained(Returned, ArgNo))
            Follow(CB);
          continue;
        }
        return Escapes(passedOn(What, *CB));
      }
      // A helper's pointer into the bytes that it returns: its caller
      // follows the result.
      if (isa<ReturnInst>(I) && Returnable) {
        Result.Returned = true;
        continue;
      }
      return Escapes("it uses a pointer to " + What + " (" + describe(I) + ")");
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
      return Escapes("it compares a pointer to " + What + " with another pointer (" +
                     describe(U->getUser()) + ")");
  }
  // end - begin: a length, which reaches no memory.
  AddressTerms Terms(Seen);
  for (const PtrToIntInst *P2I : Numbers)
    if (!staysANumber(*P2I, Terms))
      return Escapes("it turns a pointer to " + What + " into an integer (" + describe(P2I) + ")");
  // A helper's parameters that get pointers into the bytes, checked
  // together. One that may return such a pointer must be one whose result
  // the walk followed.
  for (const CallBase *CB : Helpers) {
    const Function &Callee = *CB->getCalledFunction();
    SmallVector<const Argument *, 2> Into;
    for (unsigned K = 0; K != CB->arg_size(); ++K)
      if (Seen.count(CB->getArgOperand(K)))
        Into.push_back(Callee.getArg(K));
    BytesUse Inner = bytesUse(Into, What, TLI, Depth - 1, /*Returnable=*/true);
    if (!Inner.Why.empty() || (Inner.Returned && !Seen.count(CB)))
      return Escapes(passedOn(What, *CB));
  }
  return Result;
}

} // namespace

std::string whyStringBytesEscape(const Argument &Param, StringRef What, const TargetLibraryInfo *TLI,
                                 unsigned Depth) {
  return bytesUse({&Param}, What, TLI, Depth, /*Returnable=*/false).Why;
}

} // namespace pyunbox
