//===- analysis/FloatIntDispatch.cpp - A float argument tested for its type ===//
//
// SWIG's SWIG_AsVal_double, and hand-written code like it, converts a double
// argument by its type:
//
//   if (PyFloat_Check(o))      v = PyFloat_AsDouble(o);
//   else if (PyLong_Check(o)) { v = PyLong_AsDouble(o); if (PyErr_Occurred()) ... }
//   else                       raise TypeError;
//
// A core's double parameter stands for an exact float and for an exact int
// below 2**1023 in magnitude (accelerate passes float(i) for it): the wrapper
// must do for the int what it does for that float. So the analysis runs the
// wrapper in two worlds, the argument an exact float (its float tests true,
// its int tests false) and an exact int (the other way round), and proves the
// two runs the same, step for step:
//  - where both worlds run a block, they run the same instructions; a value
//    that may differ between them (a type test's result, and what is computed
//    from it) feeds only pure instructions, phis and branches;
//  - where such a branch goes one way in one world and another in the other,
//    each world follows its one way until the paths meet again; the two
//    stretches store the same values in the same places, in the same order,
//    and hand the meeting block's phis the same values (or a value that may
//    differ, which that block then carries as such). A double conversion of
//    the argument is the same value in both: PyFloat_AsDouble of the float,
//    PyFloat_AsDouble or PyLong_AsDouble of the int, neither failing there.
// Where that holds the core takes the float world, with the type tests as
// facts; anything else (a stretch that calls, loads or bails, a branch one
// world cannot decide) leaves the tests as they were, and the later
// predicates refuse them.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

namespace {

// The longest stretch a world may run alone before the paths meet again.
constexpr unsigned MaxStretchBlocks = 64;

enum class World : uint8_t { Float, Int };

// The proof for one argument (the file's comment says what it proves).
class DispatchProof {
public:
  /// Objects: the argument object's values (a float in one world, an int
  /// in the other). Tests: its type tests (facts in each world).
  /// IsConversion: a double conversion of the argument, the same value in
  /// both worlds. IsPureRead: a call that only reads (Py_TYPE, ...).
  DispatchProof(const FactPropagation &InFloat, const FactPropagation &InInt,
                ArrayRef<Value *> Objects, const SmallPtrSetImpl<Value *> &Tests,
                function_ref<bool(const Value *, World)> IsConversion,
                function_ref<bool(const Value *)> IsPureRead)
      : FP{&InFloat, &InInt}, Tests(Tests), IsConversion(IsConversion),
        IsPureRead(IsPureRead), Differs(Objects.begin(), Objects.end()) {}

  bool prove(Function &F) {
    // What may differ grows as phis are met; walk again until it does not.
    for (unsigned Round = 0; Round != 8; ++Round) {
      size_t Before = Differs.size();
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
  function_ref<bool(const Value *, World)> IsConversion;
  function_ref<bool(const Value *)> IsPureRead;
  // Values that may differ between the worlds.
  SmallPtrSet<const Value *, 16> Differs;

  bool fail(const Twine &Reason) {
    if (Why.empty())
      Why = Reason.str();
    return false;
  }

  const FactPropagation &in(World W) const { return *FP[W == World::Int]; }

  bool differs(const Value *V) const { return Tests.count(const_cast<Value *>(V)) || Differs.count(V); }

  // The successors a world's run may take from BB, each once.
  SmallVector<BasicBlock *, 2> successors(BasicBlock *BB, World W) const {
    SmallVector<BasicBlock *, 2> Out;
    for (BasicBlock *S : llvm::successors(BB))
      if (in(W).isExecutableEdge(BB, S) && !is_contained(Out, S))
        Out.push_back(S);
    return Out;
  }

  // What a phi is in world W where every edge W may take into it brings the
  // same value (the stretch's `v = d` or undef after an error W never has).
  const Value *resolve(const Value *V, World W) const {
    for (unsigned Steps = 0; Steps != 8; ++Steps) {
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

  // Whether Vf in the float world and Vi in the int world are surely the
  // same value wherever both are used.
  bool same(const Value *Vf, const Value *Vi, unsigned Depth = 0) const {
    Vf = resolve(Vf, World::Float);
    Vi = resolve(Vi, World::Int);
    Constant *Cf = in(World::Float).constantOf(Vf), *Ci = in(World::Int).constantOf(Vi);
    if (Cf || Ci)
      return Cf && Ci && Cf == Ci;
    if (Vf == Vi)
      return !differs(Vf);
    if (IsConversion(Vf, World::Float) && IsConversion(Vi, World::Int))
      return true;
    auto *If = dyn_cast<Instruction>(Vf), *Ii = dyn_cast<Instruction>(Vi);
    if (!If || !Ii || Depth == 8 || !If->isSameOperationAs(Ii) || isa<PHINode>(If) ||
        isa<CallBase>(If) || If->mayReadOrWriteMemory() || If->mayHaveSideEffects())
      return false;
    for (unsigned K = 0, E = If->getNumOperands(); K != E; ++K)
      if (!same(If->getOperand(K), Ii->getOperand(K), Depth + 1))
        return false;
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
      if (!in(World::Float).isExecutable(BB) || !in(World::Int).isExecutable(BB))
        return fail("one of them runs a block the other does not");
      for (Instruction &I : *BB) {
        bool RunsF = in(World::Float).executes(I), RunsI = in(World::Int).executes(I);
        if (RunsF != RunsI)
          return fail("one of them stops where the other goes on");
        if (!RunsF || I.isTerminator())
          break;
        if (!jointInstruction(I))
          return fail("both run " + describe(&I) + " with what differs between them");
      }
      Instruction *T = BB->getTerminator();
      if (!in(World::Float).executes(*T))
        continue; // both stop before it (a bail)
      auto SuccF = successors(BB, World::Float), SuccI = successors(BB, World::Int);
      bool Parts = any_of(T->operands(), [&](Value *Op) { return differs(Op); });
      if (!Parts) {
        if (SuccF != SuccI)
          return fail("they branch apart on what is the same in both");
        append_range(Work, SuccF);
        continue;
      }
      if (isa<ReturnInst>(T) || SuccF.size() != 1 || SuccI.size() != 1)
        return fail("what differs between them decides a return or a branch that one of them "
                    "does not take one way");
      if (SuccF[0] == SuccI[0]) {
        Work.push_back(SuccF[0]);
        continue;
      }
      BasicBlock *Meet = stretches(BB, SuccF[0], SuccI[0]);
      if (!Meet)
        return false; // stretches() says why
      Work.push_back(Meet);
    }
    return true;
  }

  // An instruction both worlds run: one that may differ between them is a
  // test, or pure (its users are judged in turn).
  bool jointInstruction(Instruction &I) {
    if (auto *Phi = dyn_cast<PHINode>(&I)) {
      for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K)
        if ((in(World::Float).isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()) ||
             in(World::Int).isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent())) &&
            differs(Phi->getIncomingValue(K)))
          Differs.insert(Phi);
      return true;
    }
    if (Tests.count(&I) || none_of(I.operands(), [&](Value *Op) { return differs(Op); }))
      return true;
    // PyFloat_AsDouble(o): the same value of the float and of the int.
    if (IsConversion(&I, World::Float) && IsConversion(&I, World::Int))
      return true;
    // Py_TYPE(o) and what is computed from it differ; a call that takes a
    // fact in both worlds (a float fast path's test) is a value too.
    bool Facts = in(World::Float).constantOf(&I) && in(World::Int).constantOf(&I);
    if (isa<CallBase>(I) || isa<LoadInst>(I) ? !IsPureRead(&I) && !Facts
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
  // each side pure (stores nothing, calls nothing but tests, conversions
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
    SmallVector<StoreInst *, 1> Stores;
    A.append(B.begin(), B.end());
    if (!stretch(A, W, Stores) || !Stores.empty())
      return nullptr;
    Into.Diamonds[BB] = std::move(A);
    Pred = LastA;
    return Join;
  }

  // Each world's one way from StartF and StartI, until the first block of
  // the float world's way that the int world's reaches: that block, or null.
  BasicBlock *stretches(BasicBlock *From, BasicBlock *StartF, BasicBlock *StartI) {
    Way F, I;
    DenseMap<BasicBlock *, unsigned> AtF;
    BasicBlock *Pred = From;
    for (BasicBlock *BB = StartF; BB && BB != From && !AtF.count(BB) &&
                                  F.Blocks.size() != MaxStretchBlocks;
         BB = next(BB, World::Float, F, Pred)) {
      AtF[BB] = F.Blocks.size();
      F.Blocks.push_back(BB);
      F.EnteredFrom[BB] = Pred;
    }
    BasicBlock *Meet = nullptr;
    Pred = From;
    for (BasicBlock *BB = StartI; BB && BB != From && !I.EnteredFrom.count(BB) &&
                                  I.Blocks.size() != MaxStretchBlocks;
         BB = next(BB, World::Int, I, Pred)) {
      if (AtF.count(BB)) {
        Meet = BB;
        I.EnteredFrom[BB] = Pred;
        break;
      }
      I.Blocks.push_back(BB);
      I.EnteredFrom[BB] = Pred;
    }
    if (!Meet) {
      fail("their ways part and do not meet again");
      return nullptr;
    }
    F.Blocks.resize(AtF[Meet]);
    // The two stretches share no block (a value of one is never the other's).
    SmallPtrSet<BasicBlock *, 16> OfF;
    auto Blocks = [](Way &W, auto Each) {
      for (BasicBlock *BB : W.Blocks) {
        Each(BB);
        for (BasicBlock *D : W.Diamonds.lookup(BB))
          Each(D);
      }
    };
    Blocks(F, [&](BasicBlock *BB) { OfF.insert(BB); });
    bool Shared = false;
    Blocks(I, [&](BasicBlock *BB) { Shared |= OfF.count(BB) != 0; });
    if (Shared || OfF.count(Meet)) {
      fail("their ways part and cross");
      return nullptr;
    }
    SmallVector<StoreInst *, 4> StoresF, StoresI;
    if (!stretch(F.Blocks, World::Float, StoresF) || !stretch(I.Blocks, World::Int, StoresI))
      return nullptr;
    bool SameStores = StoresF.size() == StoresI.size();
    for (unsigned K = 0, E = StoresF.size(); K != E && SameStores; ++K)
      SameStores = same(StoresF[K]->getPointerOperand(), StoresI[K]->getPointerOperand()) &&
                   same(StoresF[K]->getValueOperand(), StoresI[K]->getValueOperand()) &&
                   StoresF[K]->getValueOperand()->getType() ==
                       StoresI[K]->getValueOperand()->getType();
    if (!SameStores) {
      fail("their ways part and store different things");
      return nullptr;
    }
    BasicBlock *LastF = F.EnteredFrom.lookup(Meet), *LastI = I.EnteredFrom.lookup(Meet);
    for (PHINode &Phi : Meet->phis())
      if (!same(Phi.getIncomingValueForBlock(LastF), Phi.getIncomingValueForBlock(LastI)))
        Differs.insert(&Phi);
    return Meet;
  }

  // What one world's stretch does: stores (returned in order), conversions
  // of the argument, tests, pure reads and computations, branches. Anything
  // else (a call, another load, a bail) fails the proof.
  bool stretch(ArrayRef<BasicBlock *> Way, World W, SmallVectorImpl<StoreInst *> &Stores) {
    for (BasicBlock *BB : Way)
      for (Instruction &I : *BB) {
        if (!in(W).executes(I))
          return fail("one of them stops on its own way");
        if (isa<DbgInfoIntrinsic>(I))
          continue;
        if (I.isTerminator()) {
          if (!isa<BranchInst>(I) && !isa<SwitchInst>(I))
            return fail("one of them leaves on its own way (" + describe(&I) + ")");
          continue;
        }
        if (auto *St = dyn_cast<StoreInst>(&I)) {
          if (!St->isSimple())
            return fail("one of them stores on its own way (" + describe(&I) + ")");
          Stores.push_back(St);
          continue;
        }
        if (Tests.count(&I) || IsConversion(&I, W) || IsPureRead(&I))
          continue;
        if (isa<CallBase>(I) || I.mayReadOrWriteMemory() || I.mayHaveSideEffects())
          return fail("one of them does more than test and convert on its own way (" +
                      describe(&I) + ")");
      }
    return true;
  }
};

} // namespace

// A float's value read from an argument object (PyFloat_AS_DOUBLE after a
// float test, as kiwisolver's convert_to_double reads it) gives the
// argument the kind double, as an unboxer would. It is the argument's value
// only where the argument's float-or-int dispatch is proven (then
// settleFloatIntDispatches makes it an unboxing); anywhere else it is a use
// of the object that refuses the wrapper.
void WrapperAnalyzer::noteFloatValueReads() {
  for (Instruction &I : instructions(F)) {
    if (!I.getType()->isDoubleTy() || !(isa<LoadInst>(I) || isa<CallBase>(I)))
      continue;
    Value *Obj = floatValueReadOf(&I);
    auto It = Obj ? SlotOf.find(Obj) : SlotOf.end();
    if (It == SlotOf.end())
      continue;
    noteSlotKind(I, It->second, ValueKind::Double);
    FloatValueReads.push_back({&I, It->second});
  }
}

// The float tests of an argument and the value each has where it is an
// exact float: Py_IS_TYPE(o, &PyFloat_Type), PyObject_TypeCheck(o,
// &PyFloat_Type) kept as a call, PyType_IsSubtype(Py_TYPE(o), &PyFloat_Type),
// and PyPy's inline Py_TYPE(o) == &PyFloat_Type. Tests the analysis already
// decided (a float fast path) are not among them.
void WrapperAnalyzer::collectFloatTests(unsigned Slot, DenseMap<Value *, Constant *> &InFloat) {
  auto OfSlot = [&](Value *Obj) {
    auto It = Obj ? SlotOf.find(Obj) : SlotOf.end();
    return It != SlotOf.end() && It->second == Slot;
  };
  std::optional<ObjectLayout> Layout = objectLayout(*F.getParent());
  for (Instruction &I : instructions(F)) {
    if (S.Facts.count(&I) || !I.getType()->isIntegerTy())
      continue;
    // PyPy's PyFloat_Check(o): Py_TYPE(o)->tp_pypy_flags & FLOAT_SUBCLASS.
    auto *Mask = dyn_cast<BinaryOperator>(&I);
    auto *Bits = Mask && Mask->getOpcode() == Instruction::And
                     ? dyn_cast<ConstantInt>(Mask->getOperand(1)) : nullptr;
    if (Bits && Layout && Layout->PyPyFlagsOffset &&
        (Bits->getZExtValue() & pypyFloatSubclassFlag()) == Bits->getZExtValue()) {
      Value *Type = nullptr;
      if (fieldOffset(Mask->getOperand(0), Type) == *Layout->PyPyFlagsOffset &&
          OfSlot(objectOfType(Type)))
        InFloat[Mask] = Bits;
      continue;
    }
    if (auto *Cmp = dyn_cast<ICmpInst>(&I)) {
      for (unsigned K = 0; K != 2 && Cmp->isEquality(); ++K)
        if (isFloatType(Cmp->getOperand(K)) && OfSlot(objectOfType(Cmp->getOperand(1 - K))))
          InFloat[Cmp] = ConstantInt::get(Cmp->getType(), Cmp->getPredicate() == ICmpInst::ICMP_EQ);
      continue;
    }
    auto *CB = dyn_cast<CallBase>(&I);
    Function *Callee = CB ? CB->getCalledFunction() : nullptr;
    if (!Callee || CB->arg_size() != 2 || !isFloatType(CB->getArgOperand(1)))
      continue;
    const BoundaryPrimitive *P = calledPrimitive(CB);
    Value *Obj = (P && P->Role == PrimitiveRole::TypeCheck) || isObjectTypeCheck(apiName(*Callee))
                     ? CB->getArgOperand(0)
                 : isSubtypeCheck(apiName(*Callee)) ? objectOfType(CB->getArgOperand(0))
                                                     : nullptr;
    if (OfSlot(Obj))
      InFloat[CB] = ConstantInt::get(CB->getType(), 1);
  }
}

bool WrapperAnalyzer::settleFloatIntDispatches(
    function_ref<std::unique_ptr<FactPropagation>(const DenseMap<Value *, Constant *> &)> Propagate) {
  // Per argument of a floating-point kind that has float tests: its tests'
  // values in the float world and in the int world. An int test is true of
  // an exact int (its fact) and false of a float.
  struct Tests {
    unsigned Slot;
    DenseMap<Value *, Constant *> InFloat, InInt;
  };
  SmallVector<Tests, 2> Candidates;
  for (unsigned Slot = 0; Slot != SlotKinds.size(); ++Slot) {
    if (!SlotKinds[Slot] || !isFloatingPoint(*SlotKinds[Slot]))
      continue;
    Tests T;
    T.Slot = Slot;
    collectFloatTests(Slot, T.InFloat);
    if (T.InFloat.empty())
      continue;
    for (auto &[Test, InFloat] : T.InFloat)
      T.InInt[Test] = Constant::getNullValue(InFloat->getType());
    for (const IntCheckSite &C : IntChecks)
      if (C.Slot == Slot) {
        Constant *InInt = S.Facts.lookup(C.Call);
        if (!InInt)
          continue; // no fact (left out): nothing to choose
        T.InInt[C.Call] = InInt;
        T.InFloat[C.Call] = ConstantInt::get(InInt->getType(), InInt->isNullValue());
      }
    Candidates.push_back(std::move(T));
  }
  if (Candidates.empty())
    return false;
  // The other arguments' tests are unknown in each proof: it then holds
  // whatever their objects are.
  DenseMap<Value *, Constant *> Base = S.Facts;
  for (Tests &T : Candidates)
    for (auto &Entry : T.InFloat)
      Base.erase(Entry.first);
  bool Settled = false;
  for (Tests &T : Candidates) {
    DenseMap<Value *, Constant *> InFloat = Base, InInt = Base;
    SmallPtrSet<Value *, 8> Sites;
    for (auto &[Test, Value] : T.InFloat) {
      InFloat[Test] = Value;
      InInt[Test] = T.InInt[Test];
      Sites.insert(Test);
    }
    std::unique_ptr<FactPropagation> Float = Propagate(InFloat), Int = Propagate(InInt);
    SmallVector<Value *, 4> Objects;
    for (auto &[V, Slot] : SlotOf)
      if (Slot == T.Slot)
        Objects.push_back(V);
    Value *Obj = Objects.empty() ? nullptr : Objects.front(); // sameArgument: any of them
    auto IsConversion = [&](const Value *V, World W) {
      // PyFloat_AS_DOUBLE(o): a double read from the float.
      if (readsFloatValue(V, Obj))
        return W == World::Float;
      auto *CB = dyn_cast<CallBase>(V);
      if (CB && CB->arg_size() == 1 && sameArgument(CB->getArgOperand(0), Obj)) {
        const BoundaryPrimitive *P = calledPrimitive(CB);
        if (P && isUnboxer(P->Role) && P->Kind == ValueKind::Double)
          return true; // PyFloat_AsDouble: of the float, of the int alike
        const Function *Callee = CB->getCalledFunction();
        return W == World::Int && Callee && isIntAsDouble(apiName(*Callee));
      }
      return false;
    };
    std::optional<ObjectLayout> Layout = objectLayout(*F.getParent());
    auto IsPureRead = [&](const Value *V) {
      // Py_TYPE(o), PyType_HasFeature(type, flags), PyErr_Occurred(): reads
      // that change nothing (the last a fact, NULL in both worlds); PyPy's
      // macros read o->ob_type and the type's tp_flags, tp_pypy_flags.
      // Nothing else is read.
      const BoundaryPrimitive *P = calledPrimitive(V);
      if (P)
        return P->Role == PrimitiveRole::TypeOf || P->Role == PrimitiveRole::TypeHasFeature ||
               P->Role == PrimitiveRole::ErrOccurred;
      // An argument read again (args[k], a tuple's item): the call's own
      // arguments do not change.
      if (SlotOf.count(const_cast<Value *>(V)) || ArrayReads.count(const_cast<Value *>(V)))
        return true;
      Value *Base = nullptr;
      uint64_t Offset = fieldOffset(const_cast<Value *>(V), Base);
      if (!Layout || !Base)
        return false;
      if (Offset == Layout->TypeOffset)
        return sameArgument(Base, Obj);
      return (Offset == Layout->FlagsOffset || Offset == Layout->PyPyFlagsOffset) &&
             objectOfType(Base) && sameArgument(objectOfType(Base), Obj);
    };
    if (Objects.empty())
      continue;
    DispatchProof Proof(*Float, *Int, Objects, Sites, IsConversion, IsPureRead);
    if (!Proof.prove(F)) {
      DispatchDoubts[T.Slot] = Proof.Why;
      continue;
    }
    for (auto &[Test, Value] : T.InFloat) {
      S.Facts[Test] = Value;
      if (auto *I = dyn_cast<Instruction>(Test))
        Sanctioned[I] = Sanction::Fact;
    }
    // The float's value read on the float's way is the argument's value,
    // as PyFloat_AsDouble's is: the core's parameter.
    for (const FloatValueRead &R : FloatValueReads)
      if (R.Slot == T.Slot && Float->executes(*R.Read)) {
        S.Unboxes.push_back({R.Read, R.Slot});
        Sanctioned[R.Read] = Sanction::Unbox;
      }
    DispatchedSlots.insert(T.Slot);
    Settled = true;
  }
  return Settled;
}

} // namespace pyunbox
