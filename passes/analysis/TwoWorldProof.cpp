//===- analysis/TwoWorldProof.cpp - A wrapper run in two worlds, proven the same ===//
//
// The proof TwoWorldProof.h states, step for step.
//
//===----------------------------------------------------------------------===//
#include "analysis/TwoWorldProof.h"
#include "pyunbox/passes/Refusal.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

namespace {

// The longest stretch a world may run alone before the paths meet again.
constexpr unsigned MaxStretchBlocks = 64;

// A place a stretch writes: a stored value, or a converted value a call
// stores (Converted).
struct Write {
  const Value *Ptr;
  const Value *Stored = nullptr;
  std::optional<unsigned> Converted;
};

class TwoWorldProof {
public:
  TwoWorldProof(const FactPropagation &InCore, const FactPropagation &InOther,
                ArrayRef<Value *> Objects, const SmallPtrSetImpl<Value *> &Tests,
                const WorldValues &Values)
      : FP{&InCore, &InOther}, Tests(Tests), Values(Values),
        Differs(Objects.begin(), Objects.end()) {}

  bool prove(Function &F) {
    // What may differ grows as phis are met; walk again until it does not.
    for (unsigned Round = 0; Round != 8; ++Round) {
      size_t Before = Differs.size();
      Forwarded.clear();
      if (!walk(F))
        return false;
      if (Differs.size() == Before)
        return true;
    }
    return fail("what differs between them keeps growing");
  }
  /// Why the proof failed, for the refusal's message.
  std::string Why;

private:
  const FactPropagation *FP[2];
  const SmallPtrSetImpl<Value *> &Tests;
  const WorldValues &Values;
  // Values that may differ between the worlds.
  SmallPtrSet<const Value *, 16> Differs;
  // A stretch's loads of what it wrote: the write's value.
  DenseMap<const Value *, Write> Forwarded;

  bool fail(const Twine &Reason) {
    if (Why.empty())
      Why = Reason.str();
    return false;
  }

  const FactPropagation &in(World W) const { return *FP[W == World::Other]; }

  bool differs(const Value *V) const { return Tests.count(const_cast<Value *>(V)) || Differs.count(V); }

  // The successors a world's run may take from BB, each once. A block that
  // ends in unreachable (an assert's __assert_fail, abort()) is no run's
  // way on, as for the rest of the analysis (FailingPaths.cpp).
  SmallVector<BasicBlock *, 2> successors(BasicBlock *BB, World W) const {
    SmallVector<BasicBlock *, 2> Out;
    for (BasicBlock *S : llvm::successors(BB))
      if (in(W).isExecutableEdge(BB, S) && !isa<UnreachableInst>(S->getTerminator()) &&
          !is_contained(Out, S))
        Out.push_back(S);
    return Out;
  }

  // What a phi is in world W where every edge W may take into it brings the
  // same value (the stretch's `v = d` or undef after an error W never has),
  // and what a stretch's load of its own write is.
  const Value *resolve(const Value *V, World W) const {
    for (unsigned Steps = 0; Steps != 8; ++Steps) {
      auto Fw = Forwarded.find(V);
      if (Fw != Forwarded.end() && Fw->second.Stored) {
        V = Fw->second.Stored;
        continue;
      }
      auto *Phi = dyn_cast<PHINode>(V);
      if (!Phi)
        break;
      const Value *One = nullptr;
      for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K) {
        if (!in(W).isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()))
          continue;
        if (One && One != Phi->getIncomingValue(K))
          return V;
        One = Phi->getIncomingValue(K);
      }
      if (!One || One == Phi)
        return V;
      V = One;
    }
    return V;
  }

  // Which converted value V is in world W: one an instruction gives, or a
  // stretch's load of one a call stored.
  std::optional<unsigned> conversionOf(const Value *V, World W) const {
    auto Fw = Forwarded.find(V);
    if (Fw != Forwarded.end())
      return Fw->second.Converted;
    return Values.ConversionOf(V, W);
  }

  // Whether Vc in the core's world and Vo in the other are surely the same
  // value wherever both are used.
  bool same(const Value *Vc, const Value *Vo, unsigned Depth = 0) const {
    Vc = resolve(Vc, World::Core);
    Vo = resolve(Vo, World::Other);
    Constant *Cc = in(World::Core).constantOf(Vc), *Co = in(World::Other).constantOf(Vo);
    if (Cc || Co)
      return Cc && Co && Cc == Co;
    if (Vc == Vo)
      return !differs(Vc);
    std::optional<unsigned> Conv = conversionOf(Vc, World::Core), Cono = conversionOf(Vo, World::Other);
    if (Conv || Cono)
      return Conv && Cono && *Conv == *Cono;
    auto *Ic = dyn_cast<Instruction>(Vc), *Io = dyn_cast<Instruction>(Vo);
    if (!Ic || !Io || Depth == 8 || !Ic->isSameOperationAs(Io) || isa<PHINode>(Ic) ||
        isa<CallBase>(Ic) || Ic->mayReadOrWriteMemory() || Ic->mayHaveSideEffects())
      return false;
    for (unsigned K = 0, E = Ic->getNumOperands(); K != E; ++K)
      if (!same(Ic->getOperand(K), Io->getOperand(K), Depth + 1))
        return false;
    return true;
  }

  // Whether the core's world's write Wc and the other's Wo leave the same
  // value in the same place.
  bool sameWrite(const Write &Wc, const Write &Wo) const {
    if (!same(Wc.Ptr, Wo.Ptr))
      return false;
    std::optional<unsigned> Cc = Wc.Stored ? conversionOf(resolve(Wc.Stored, World::Core), World::Core)
                                           : Wc.Converted;
    std::optional<unsigned> Co = Wo.Stored ? conversionOf(resolve(Wo.Stored, World::Other), World::Other)
                                           : Wo.Converted;
    if (Cc || Co)
      return Cc && Co && *Cc == *Co;
    return Wc.Stored->getType() == Wo.Stored->getType() && same(Wc.Stored, Wo.Stored);
  }

  // Whether two stretches' writes leave the same values in the same places:
  // in the same order, or, where each goes to its own stack slot (which no
  // other write may alias), in any order.
  bool sameWrites(ArrayRef<Write> C, ArrayRef<Write> O) const {
    if (C.size() != O.size())
      return false;
    auto OwnSlots = [](ArrayRef<Write> Ws) {
      SmallPtrSet<const Value *, 4> Slots;
      for (const Write &W : Ws) {
        const Value *Slot = getUnderlyingObject(W.Ptr);
        if (!isa<AllocaInst>(Slot) || !Slots.insert(Slot).second)
          return false;
      }
      return true;
    };
    if (!OwnSlots(C) || !OwnSlots(O)) {
      for (unsigned K = 0, E = C.size(); K != E; ++K)
        if (!sameWrite(C[K], O[K]))
          return false;
      return true;
    }
    SmallVector<bool, 4> Matched(O.size(), false);
    for (const Write &Wc : C) {
      bool Found = false;
      for (unsigned K = 0, E = O.size(); K != E && !Found; ++K)
        if (!Matched[K] && sameWrite(Wc, O[K]))
          Found = Matched[K] = true;
      if (!Found)
        return false;
    }
    return true;
  }

  // Both worlds from the entry: blocks both run, and the stretches where
  // they part.
  bool walk(Function &F) {
    SmallVector<BasicBlock *, 16> Work{&F.getEntryBlock()};
    SmallPtrSet<BasicBlock *, 32> Seen;
    while (!Work.empty()) {
      BasicBlock *BB = Work.pop_back_val();
      if (!Seen.insert(BB).second)
        continue;
      if (!in(World::Core).isExecutable(BB) || !in(World::Other).isExecutable(BB))
        return fail("one of them runs a block the other does not");
      for (Instruction &I : *BB) {
        bool RunsC = in(World::Core).executes(I), RunsO = in(World::Other).executes(I);
        if (RunsC != RunsO)
          return fail("one of them stops where the other goes on");
        if (!RunsC || I.isTerminator())
          break;
        if (!jointInstruction(I))
          return fail("both run " + describe(&I) + " with what differs between them");
      }
      Instruction *T = BB->getTerminator();
      if (!in(World::Core).executes(*T))
        continue; // both stop before it (a bail)
      auto SuccC = successors(BB, World::Core), SuccO = successors(BB, World::Other);
      bool Parts = any_of(T->operands(), [&](Value *Op) { return differs(Op); });
      if (!Parts) {
        if (SuccC != SuccO)
          return fail("they branch apart on what is the same in both");
        append_range(Work, SuccC);
        continue;
      }
      if (isa<ReturnInst>(T) || SuccC.size() != 1 || SuccO.size() != 1)
        return fail("what differs between them decides a return or a branch that one of them "
                    "does not take one way");
      if (SuccC[0] == SuccO[0]) {
        Work.push_back(SuccC[0]);
        continue;
      }
      BasicBlock *Meet = stretches(BB, SuccC[0], SuccO[0]);
      if (!Meet)
        return false; // stretches() says why
      Work.push_back(Meet);
    }
    return true;
  }

  // The converted values a call stores in world W.
  SmallVector<std::pair<const Value *, unsigned>, 2> storesOf(const Instruction &I, World W) const {
    SmallVector<std::pair<const Value *, unsigned>, 2> Out;
    if (auto *CB = dyn_cast<CallBase>(&I))
      Values.StoresOf(*CB, W, Out);
    return Out;
  }

  // An instruction both worlds run: one that may differ between them is a
  // test, or pure (its users are judged in turn).
  bool jointInstruction(Instruction &I) {
    if (auto *Phi = dyn_cast<PHINode>(&I)) {
      for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K)
        if ((in(World::Core).isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()) ||
             in(World::Other).isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent())) &&
            differs(Phi->getIncomingValue(K)))
          Differs.insert(Phi);
      return true;
    }
    if (Tests.count(&I) || none_of(I.operands(), [&](Value *Op) { return differs(Op); }))
      return true;
    // PyFloat_AsDouble(o): the same value of the float and of the int.
    std::optional<unsigned> Conv = Values.ConversionOf(&I, World::Core);
    if (Conv && Conv == Values.ConversionOf(&I, World::Other) &&
        storesOf(I, World::Core).empty() && storesOf(I, World::Other).empty())
      return true;
    // Py_TYPE(o) and what is computed from it differ; a call that takes a
    // fact in both worlds (a float fast path's test) is a value too.
    bool Facts = in(World::Core).constantOf(&I) && in(World::Other).constantOf(&I);
    if (isa<CallBase>(I) || isa<LoadInst>(I) ? !Values.IsPureRead(&I) && !Facts
                                             : I.mayReadOrWriteMemory() || I.mayHaveSideEffects())
      return false;
    Differs.insert(&I);
    return true;
  }

  // One world's way from a block on: its blocks in order, the block through
  // which it enters each, and the blocks of the pure diamonds it steps over.
  struct Way {
    SmallVector<BasicBlock *, 8> Blocks;
    DenseMap<BasicBlock *, BasicBlock *> EnteredFrom;
    DenseMap<BasicBlock *, SmallVector<BasicBlock *, 4>> Diamonds; // by the block they leave
  };

  // The block W's way goes to after BB, setting Pred to the block through
  // which it enters it: BB's one successor, or where the two sides of a
  // branch W cannot decide (`x == -1.0 && PyErr_Occurred()`) meet again,
  // each side pure (writes nothing, calls nothing but tests, conversions
  // and pure reads) and handing the meeting block's phis the same value.
  BasicBlock *next(BasicBlock *BB, World W, Way &Into, BasicBlock *&Pred) {
    auto Succ = successors(BB, W);
    if (Succ.size() == 1) {
      Pred = BB;
      return Succ[0];
    }
    if (Succ.size() != 2)
      return nullptr;
    SmallVector<BasicBlock *, 4> A, B;
    DenseMap<BasicBlock *, unsigned> AtA;
    for (BasicBlock *X = Succ[0]; X && X != BB && !AtA.count(X) && A.size() != 8;) {
      AtA[X] = A.size();
      A.push_back(X);
      auto N = successors(X, W);
      X = N.size() == 1 ? N[0] : nullptr;
    }
    BasicBlock *Join = nullptr;
    SmallPtrSet<BasicBlock *, 4> OnB;
    for (BasicBlock *X = Succ[1]; X && X != BB && OnB.insert(X).second && B.size() != 8;) {
      if (AtA.count(X)) {
        Join = X;
        break;
      }
      B.push_back(X);
      auto N = successors(X, W);
      X = N.size() == 1 ? N[0] : nullptr;
    }
    if (!Join)
      return nullptr;
    A.resize(AtA[Join]);
    BasicBlock *LastA = A.empty() ? BB : A.back(), *LastB = B.empty() ? BB : B.back();
    for (PHINode &Phi : Join->phis()) {
      Value *VA = Phi.getIncomingValueForBlock(LastA), *VB = Phi.getIncomingValueForBlock(LastB);
      Constant *CA = in(W).constantOf(VA), *CB = in(W).constantOf(VB);
      if (VA != VB && !(CA && CA == CB))
        return nullptr;
    }
    SmallVector<Write, 1> Writes;
    A.append(B.begin(), B.end());
    if (!stretch(A, W, Writes) || !Writes.empty())
      return nullptr;
    Into.Diamonds[BB] = std::move(A);
    Pred = LastA;
    return Join;
  }

  // Each world's one way from StartC and StartO, until the first block of
  // the core's world's way that the other's reaches: that block, or null.
  BasicBlock *stretches(BasicBlock *From, BasicBlock *StartC, BasicBlock *StartO) {
    Way C, O;
    DenseMap<BasicBlock *, unsigned> AtC;
    BasicBlock *Pred = From;
    for (BasicBlock *BB = StartC; BB && BB != From && !AtC.count(BB) &&
                                  C.Blocks.size() != MaxStretchBlocks;
         BB = next(BB, World::Core, C, Pred)) {
      AtC[BB] = C.Blocks.size();
      C.Blocks.push_back(BB);
      C.EnteredFrom[BB] = Pred;
    }
    BasicBlock *Meet = nullptr;
    Pred = From;
    for (BasicBlock *BB = StartO; BB && BB != From && !O.EnteredFrom.count(BB) &&
                                  O.Blocks.size() != MaxStretchBlocks;
         BB = next(BB, World::Other, O, Pred)) {
      if (AtC.count(BB)) {
        Meet = BB;
        O.EnteredFrom[BB] = Pred;
        break;
      }
      O.Blocks.push_back(BB);
      O.EnteredFrom[BB] = Pred;
    }
    if (!Meet) {
      fail("their ways part and do not meet again");
      return nullptr;
    }
    C.Blocks.resize(AtC[Meet]);
    // The two stretches share no block (a value of one is never the other's).
    SmallPtrSet<BasicBlock *, 16> OfC;
    auto Blocks = [](Way &W, auto Each) {
      for (BasicBlock *BB : W.Blocks) {
        Each(BB);
        for (BasicBlock *D : W.Diamonds.lookup(BB))
          Each(D);
      }
    };
    Blocks(C, [&](BasicBlock *BB) { OfC.insert(BB); });
    bool Shared = false;
    Blocks(O, [&](BasicBlock *BB) { Shared |= OfC.count(BB) != 0; });
    if (Shared || OfC.count(Meet)) {
      fail("their ways part and cross");
      return nullptr;
    }
    SmallVector<Write, 4> WritesC, WritesO;
    if (!stretch(C.Blocks, World::Core, WritesC) || !stretch(O.Blocks, World::Other, WritesO))
      return nullptr;
    if (!sameWrites(WritesC, WritesO)) {
      fail("their ways part and store different things");
      return nullptr;
    }
    BasicBlock *LastC = C.EnteredFrom.lookup(Meet), *LastO = O.EnteredFrom.lookup(Meet);
    for (PHINode &Phi : Meet->phis())
      if (!same(Phi.getIncomingValueForBlock(LastC), Phi.getIncomingValueForBlock(LastO)))
        Differs.insert(&Phi);
    return Meet;
  }

  // Whether Ptr is a stack slot that no code outside Way reads: what a
  // stretch writes there leaves nothing behind.
  static bool privateSlot(const Value *Ptr, ArrayRef<BasicBlock *> Way) {
    auto *Slot = dyn_cast<AllocaInst>(Ptr);
    if (!Slot)
      return false;
    return all_of(Slot->users(), [&](const User *U) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I)
        return false;
      if (I->isLifetimeStartOrEnd())
        return true;
      if (auto *St = dyn_cast<StoreInst>(I))
        return St->getPointerOperand() == Slot;
      return (isa<LoadInst>(I) || isa<CallBase>(I)) && is_contained(Way, I->getParent());
    });
  }

  // Whether a write to A may change what B holds: unless both are distinct
  // stack slots.
  static bool mayAlias(const Value *A, const Value *B) {
    const Value *UA = getUnderlyingObject(A), *UB = getUnderlyingObject(B);
    return !(isa<AllocaInst>(UA) && isa<AllocaInst>(UB) && UA != UB);
  }

  // What one world's stretch does: writes (returned in order, less those
  // that leave nothing behind), conversions of the argument, tests, pure
  // reads and computations, loads of what it wrote, branches. Anything else
  // (a call, another load, a bail) fails the proof.
  bool stretch(ArrayRef<BasicBlock *> Way, World W, SmallVectorImpl<Write> &Writes) {
    for (BasicBlock *BB : Way)
      for (Instruction &I : *BB) {
        if (!in(W).executes(I))
          return fail("one of them stops on its own way");
        if (isa<DbgInfoIntrinsic>(I) || I.isLifetimeStartOrEnd())
          continue;
        if (I.isTerminator()) {
          if (!isa<BranchInst>(I) && !isa<SwitchInst>(I))
            return fail("one of them leaves on its own way (" + describe(&I) + ")");
          continue;
        }
        if (auto *St = dyn_cast<StoreInst>(&I)) {
          if (!St->isSimple())
            return fail("one of them stores on its own way (" + describe(&I) + ")");
          Writes.push_back({St->getPointerOperand(), St->getValueOperand(), std::nullopt});
          continue;
        }
        auto Stores = storesOf(I, W);
        if (Tests.count(&I) || Values.ConversionOf(&I, W) || Values.IsPureRead(&I) || !Stores.empty()) {
          for (auto [Ptr, Converted] : Stores)
            Writes.push_back({Ptr, nullptr, Converted});
          continue;
        }
        if (auto *L = dyn_cast<LoadInst>(&I); L && L->isSimple()) {
          // The last write to its place, with none after it that may alias.
          const Write *Last = nullptr;
          for (const Write &Wr : reverse(Writes)) {
            if (Wr.Ptr == L->getPointerOperand()) {
              Last = &Wr;
              break;
            }
            if (mayAlias(Wr.Ptr, L->getPointerOperand()))
              break;
          }
          if (Last && (Last->Converted || Last->Stored->getType() == L->getType())) {
            Forwarded[L] = *Last;
            continue;
          }
        }
        if (isa<CallBase>(I) || I.mayReadOrWriteMemory() || I.mayHaveSideEffects())
          return fail("one of them does more than test and convert on its own way (" +
                      describe(&I) + ")");
      }
    // What is overwritten later on the way, or written to a slot only the
    // way reads, leaves nothing behind.
    for (unsigned K = 0; K != Writes.size();) {
      bool Overwritten = any_of(make_range(Writes.begin() + K + 1, Writes.end()),
                                [&](const Write &Later) { return Later.Ptr == Writes[K].Ptr; });
      if (Overwritten || privateSlot(Writes[K].Ptr, Way))
        Writes.erase(Writes.begin() + K);
      else
        ++K;
    }
    return true;
  }
};

} // namespace

bool provenSameInBothWorlds(Function &F, const FactPropagation &InCore, const FactPropagation &InOther,
                            ArrayRef<Value *> Objects, const SmallPtrSetImpl<Value *> &Tests,
                            const WorldValues &Values, std::string &Why) {
  TwoWorldProof Proof(InCore, InOther, Objects, Tests, Values);
  if (Proof.prove(F))
    return true;
  Why = Proof.Why;
  return false;
}

} // namespace pyunbox
