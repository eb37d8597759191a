//===- analysis/ArgumentIdioms.cpp - How wrappers look at their arguments ---===//
//
// The idioms around an unboxer that a core can take as facts: the float
// fast path (PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o)),
// int checks of an argument (calls, PyPy's inline ones, PyType_HasFeature),
// PyLong_AsLongAndOverflow's flag, _PyNumber_Index, and the converters that
// raise for negative values. Each is recognised by its exact shape; anything
// else stays a call the later predicates judge.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IntrinsicInst.h"
#include <functional>

using namespace llvm;

namespace pyunbox {

namespace {

bool isZeroConstant(const Value *V) {
  auto *C = dyn_cast<ConstantInt>(V);
  return C && C->isZero();
}

} // namespace

// An unboxer or converter that raises for a negative value. A core that
// raises itself redoes that raise (Outliner) only if it checks its result as
// CPython does; any other would have to prove that only the failure returns
// NULL.
bool WrapperAnalyzer::noteFailsBelowZero(CallBase &CB, StringRef Name) {
  if (PyErrMode && !S.ChecksResult) {
    Problems[&CB] = refuse(RefusalKey::FallibleConverter,
                           "'" + Name + "' raises for negative values, which only a core that "
                                        "checks its result as CPython does can redo");
    return false;
  }
  S.FailsBelowZero.push_back(&CB);
  return true;
}

void WrapperAnalyzer::noteIntCheck(Instruction &I, unsigned Slot, bool Exact, uint64_t Value) {
  if (!I.getType()->isIntegerTy() || Sanctioned.count(&I))
    return; // (noted already: the inline checks are looked for again, followSlotsThroughPhis)
  S.Facts[&I] = ConstantInt::get(I.getType(), Value);
  Sanctioned[&I] = Sanction::Fact;
  IntChecks.push_back({&I, Slot, Exact});
}

void WrapperAnalyzer::noteBytesCheck(Instruction &I, unsigned Slot, uint64_t OfBytes, bool AnyKind,
                                     std::optional<uint64_t> OfStr) {
  if (!I.getType()->isIntegerTy() || Sanctioned.count(&I))
    return;
  S.Facts[&I] = ConstantInt::get(I.getType(), OfBytes);
  Sanctioned[&I] = Sanction::Fact;
  BytesChecks.push_back({&I, Slot, AnyKind, OfStr});
}

// PyPy's PyLong_CheckExact(op) is `op->ob_type == &PyPyLong_Type` and its
// PyLong_Check(op) `(op->ob_type->tp_flags & Py_TPFLAGS_LONG_SUBCLASS) != 0`:
// loads, not calls. So are its PyBytes_Check and PyUnicode_Check (their
// flags), and PyObject_CheckBuffer(op), `op->ob_type->tp_as_buffer != NULL
// && op->ob_type->tp_as_buffer->bf_getbuffer != NULL` (both hold for
// PyPy's exact bytes). Of an argument object, the compares and the masked
// flags are facts as the calls are; the loads then feed nothing the core
// needs.
void WrapperAnalyzer::collectInlineTypeChecks() {
  std::optional<ObjectLayout> Layout = objectLayout(*F.getParent());
  if (!Layout)
    return;
  auto OffsetOf = [&](Value *V, Value *&Base) {
    APInt Off(DL.getIndexTypeSizeInBits(V->getType()), 0);
    Base = V->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
    return Off.isNegative() ? ~0ULL : Off.getZExtValue();
  };
  // A pointer read from an argument's type tested against NULL: not NULL
  // for an exact bytes.
  auto NoteNonNullTests = [&](Value &P, unsigned Slot) {
    for (User *U : P.users())
      if (auto *Cmp = dyn_cast<ICmpInst>(U); Cmp && Cmp->isEquality() &&
                                             isa<ConstantPointerNull>(Cmp->getOperand(Cmp->getOperand(0) == &P)))
        noteBytesCheck(*Cmp, Slot, Cmp->getPredicate() == ICmpInst::ICMP_NE, false, std::nullopt);
  };
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      // PyObject_TypeCheck(o, &T) kept as a call (Cython 3's
      // PyByteArray_Check): of a bytes, true only for bytes and object. Int's
      // and float's are the int and float idioms'.
      if (auto *Check = dyn_cast<CallBase>(&I);
          Check && Check->getCalledFunction() && Check->arg_size() == 2 &&
          isObjectTypeCheck(apiName(*Check->getCalledFunction())) && SlotOf.count(Check->getArgOperand(0))) {
        auto *T = dyn_cast<GlobalValue>(Check->getArgOperand(1)->stripPointerCasts());
        if (isOtherTypeTest(T))
          noteBytesCheck(*Check, SlotOf[Check->getArgOperand(0)], bytesIsInstanceOf(T->getName()),
                         isForeignType(T->getName()), unicodeIsInstanceOf(T->getName()));
        continue;
      }
      // Py_IS_TYPE(box, &PyLong_Type) of a box the core makes.
      if (auto *Check = dyn_cast<CallBase>(&I)) {
        const BoundaryPrimitive *P = calledPrimitive(Check);
        auto *Box = P && P->Role == PrimitiveRole::TypeCheck && Check->arg_size() == 2
                        ? dyn_cast<CallBase>(Check->getArgOperand(0))
                        : nullptr;
        if (Box && BoxKinds.count(Box)) {
          noteBoxTypeTests(*Check, *Box);
          continue;
        }
      }
      // PyPy's inline o->ob_type, or CPython's Py_TYPE(o) compared with a
      // type by hand (Cython 0.29's __Pyx_ArgTypeTest: Py_TYPE(obj) == type).
      Instruction *TypeRead = &I;
      Value *Obj = I.getType()->isPointerTy() && (isa<LoadInst>(I) || isa<CallBase>(I))
                       ? objectOfType(&I)
                       : nullptr;
      if (auto *Box = dyn_cast_or_null<CallBase>(Obj); Box && BoxKinds.count(Box)) {
        noteBoxTypeTests(*TypeRead, *Box);
        continue;
      }
      if (!Obj || !SlotOf.count(Obj))
        continue;
      unsigned Slot = SlotOf[Obj];
      for (User *U : TypeRead->users()) {
        if (auto *Cmp = dyn_cast<ICmpInst>(U); Cmp && Cmp->isEquality()) {
          auto *GV = dyn_cast<GlobalValue>(Cmp->getOperand(Cmp->getOperand(0) == TypeRead)->stripPointerCasts());
          if (GV && isLongTypeObject(GV->getName()))
            noteIntCheck(*Cmp, Slot, /*Exact=*/true, Cmp->getPredicate() == ICmpInst::ICMP_EQ);
          // PyPy's PyBytes_CheckExact (true of a bytes), and a test for any
          // other type (false).
          if (isOtherTypeTest(GV))
            noteBytesCheck(*Cmp, Slot,
                           (Cmp->getPredicate() == ICmpInst::ICMP_EQ) == isBytesTypeObject(GV->getName()),
                           isForeignType(GV->getName()),
                           (Cmp->getPredicate() == ICmpInst::ICMP_EQ) == isUnicodeTypeObject(GV->getName()));
          // PyFloat_CheckExact(o) of the float fast path: the slow arm's way.
          if (GV && isFloatTypeObject(GV->getName()) && isFloatFastPath(*Cmp, Obj)) {
            S.Facts[Cmp] = ConstantInt::get(Cmp->getType(), Cmp->getPredicate() == ICmpInst::ICMP_NE);
            Sanctioned[Cmp] = Sanction::Fact;
          }
          continue;
        }
        // PyType_IsSubtype(Py_TYPE(o), &T), the second half of
        // PyObject_TypeCheck (Cython's PyByteArray_Check): of a bytes, true
        // only for bytes and object.
        auto *Sub = dyn_cast<CallBase>(U);
        const Function *Callee = Sub ? Sub->getCalledFunction() : nullptr;
        if (Callee && isSubtypeCheck(apiName(*Callee)) && Sub->arg_size() == 2 &&
            Sub->getArgOperand(0) == TypeRead) {
          auto *Base = dyn_cast<GlobalValue>(Sub->getArgOperand(1)->stripPointerCasts());
          if (isOtherTypeTest(Base))
            noteBytesCheck(*Sub, Slot, bytesIsInstanceOf(Base->getName()), isForeignType(Base->getName()),
                           unicodeIsInstanceOf(Base->getName()));
          continue;
        }
        for (User *V : U->users()) {
          auto *FieldRead = dyn_cast<LoadInst>(V);
          Value *Type = nullptr;
          if (!FieldRead || !FieldRead->isSimple())
            continue;
          uint64_t Field = OffsetOf(FieldRead->getPointerOperand(), Type);
          if (Type != TypeRead)
            continue;
          // The buffer procs, and their bf_getbuffer, each tested against NULL.
          if (Field == Layout->BufferProcsOffset && FieldRead->getType()->isPointerTy()) {
            NoteNonNullTests(*FieldRead, Slot);
            SmallVector<LoadInst *, 2> Reads; // at offset 0, directly or through a GEP
            for (User *P : FieldRead->users()) {
              if (auto *L = dyn_cast<LoadInst>(P))
                Reads.push_back(L);
              else if (isa<GetElementPtrInst>(P))
                for (User *Q : P->users())
                  if (auto *L = dyn_cast<LoadInst>(Q))
                    Reads.push_back(L);
            }
            for (LoadInst *Read : Reads) {
              Value *Procs = nullptr;
              if (Read->isSimple() && Read->getType()->isPointerTy() &&
                  OffsetOf(Read->getPointerOperand(), Procs) == 0 && Procs == FieldRead)
                NoteNonNullTests(*Read, Slot);
            }
            continue;
          }
          // The flags: a load at tp_flags of this type, masked by the bit.
          if (Field != Layout->FlagsOffset || !FieldRead->getType()->isIntegerTy(64))
            continue;
          for (User *W : FieldRead->users()) {
            auto *Mask = dyn_cast<BinaryOperator>(W);
            auto *Bit = Mask ? dyn_cast<ConstantInt>(Mask->getOperand(1)) : nullptr;
            if (!Mask || Mask->getOpcode() != Instruction::And || !Bit)
              continue;
            if (Bit->getZExtValue() == longSubclassFlag())
              noteIntCheck(*Mask, Slot, /*Exact=*/false, longSubclassFlag());
            // An exact bytes has the bytes bit and not the str one; an
            // exact str the other way round.
            if (Bit->getZExtValue() == bytesSubclassFlag())
              noteBytesCheck(*Mask, Slot, bytesSubclassFlag(), false, 0);
            if (Bit->getZExtValue() == unicodeSubclassFlag())
              noteBytesCheck(*Mask, Slot, 0, false, unicodeSubclassFlag());
          }
        }
      }
    }
}

// A core's caller passes a value of the parameter's kind, which stands for
// its box: an exact int for an integer kind, a bool for _Bool, a float for
// double, a str or bytes for a string kind. The check is true of the first
// two (PyLong_CheckExact of the first only); a wrapper that checks a float
// argument for an int would refuse the very objects the record promises it
// takes, and one that checks a string's object (a Py_buffer's, PyArg_Parse's
// of METH_O) has its answer false, not the fact's true.
// (Unless it does the same for the int as for its float: FloatIntDispatch.cpp.)
std::optional<Refusal> WrapperAnalyzer::checkIntChecks(const FactPropagation &FP) const {
  for (const IntCheckSite &C : IntChecks) {
    if (!FP.executes(*C.Call) || C.Slot >= SlotKinds.size() || !SlotKinds[C.Slot] ||
        DispatchedSlots.count(C.Slot))
      continue;
    ValueKind K = *SlotKinds[C.Slot];
    bool Holds = !isFloatingPoint(K) && !isString(K) && !(C.Exact && K == ValueKind::Bool);
    if (Holds)
      continue;
    auto Doubt = DispatchDoubts.find(C.Slot);
    return refuse(RefusalKey::IntCheckOfNonInt,
                  "checks that argument " + Twine(C.Slot + 1) + " is an int, but unboxes it as " +
                      cSpelling(K) +
                      (Doubt == DispatchDoubts.end()
                           ? ""
                           : "; for an int it was not proven to do what it does for a float "
                             "of the same value: " + Doubt->second));
  }
  return std::nullopt;
}


// A core's caller passes an exact bytes for a bytes kind ("y", "y#", and a
// Py_buffer unit's, whose other objects go to the wrapper): PyBytes_Check
// and PyObject_CheckBuffer are true of it, PyUnicode_Check false, as noted.
// Of a str's kind ("s#", "s*": a str or a bytes) or a number's they are not.
// A test for a type no consumer passes an object of (a module's own type,
// bytearray: AnyKind) is false of every kind's objects (a subtype test of
// object true), so it holds whatever the kind.
std::optional<Refusal> WrapperAnalyzer::checkBytesChecks(const FactPropagation &FP) const {
  for (const BytesCheckSite &C : BytesChecks) {
    if (!FP.executes(*C.Call) || C.Slot >= SlotKinds.size() || !SlotKinds[C.Slot] || C.AnyKind)
      continue;
    ValueKind K = *SlotKinds[C.Slot];
    if (K == ValueKind::Bytes || K == ValueKind::BytesSize || StrDispatchedSlots.count(C.Slot))
      continue;
    return refuse(RefusalKey::TypeCheckOfOtherKind,
                  "tests the type of argument " + Twine(C.Slot + 1) + " (" +
                      (isa<CallBase>(C.Call) ? describe(C.Call) : "its type's fields, read inline") +
                      "), which a core could only answer for a bytes, but unboxes it as " +
                      cSpelling(K));
  }
  return std::nullopt;
}

// The reads of PyLong_AsLongAndOverflow's flag, when they can only see what
// such calls wrote: a local int whose address goes nowhere else, written by
// no other code, each read after a call. In a core they read 0. A store
// whose next use of the flag, in its own block, is such a call is
// overwritten before anything reads it: -ftrivial-auto-var-init's store at
// the declaration (`int overflow;` then the call).
bool WrapperAnalyzer::overflowFlagReads(CallBase &CB, SmallVectorImpl<LoadInst *> &Reads) {
  auto *Flag = dyn_cast<AllocaInst>(CB.getArgOperand(1)->stripPointerCasts());
  if (!Flag || Flag->getFunction() != &F || Flag->isArrayAllocation())
    return false;
  SmallVector<CallBase *, 2> Writers;
  SmallVector<StoreInst *, 1> Initializers;
  for (User *U : Flag->users()) {
    auto *I = dyn_cast<Instruction>(U);
    if (auto *L = dyn_cast_or_null<LoadInst>(I); L && L->isSimple() && L->getType()->isIntegerTy()) {
      Reads.push_back(L);
      continue;
    }
    if (auto *S = dyn_cast_or_null<StoreInst>(I); S && S->isSimple() && S->getPointerOperand() == Flag) {
      Initializers.push_back(S);
      continue;
    }
    auto *Call = dyn_cast_or_null<CallBase>(I);
    if (!Call)
      return false; // its address taken
    if (Call->isLifetimeStartOrEnd())
      continue;
    const BoundaryPrimitive *P = calledPrimitive(Call);
    if (!P || P->Role != PrimitiveRole::UnboxOrOverflow || Call->arg_size() != 2 ||
        Call->getArgOperand(0) == Flag || Call->getArgOperand(1)->stripPointerCasts() != Flag)
      return false;
    Writers.push_back(Call);
  }
  auto Overwritten = [&](StoreInst *S) {
    for (Instruction *I = S->getNextNode(); I; I = I->getNextNode())
      if (is_contained(I->operands(), Flag)) {
        auto *Call = dyn_cast<CallBase>(I);
        if (Call && Call->isLifetimeStartOrEnd())
          continue;
        return Call && is_contained(Writers, Call);
      }
    return false;
  };
  if (!all_of(Initializers, Overwritten))
    return false;
  const DominatorTree &DT = dominators();
  return all_of(Reads, [&](LoadInst *L) {
    return any_of(Writers, [&](CallBase *W) { return DT.dominates(W, L); });
  });
}

// Whether the slow arm of a float fast path, from Start to Merge, does for a
// float what the fast arm does: nothing but read its value. Each block
// holds only the PyFloat_AsDouble of Obj, PyErr_Occurred, and code without
// effects; each way out goes to Merge or is taken only where
// PyErr_Occurred() is not NULL (the error exit, which no float takes); no
// cycle. Anything else would run in the core for every float (a count of
// conversions, a warning, an early return).
bool WrapperAnalyzer::isSlowArmOnlyUnboxing(BasicBlock *Start, BasicBlock *Merge, Value *Obj) const {
  // An edge taken only after an error: `PyErr_Occurred() != NULL` true (or
  // `== NULL` false).
  auto ErrorEdge = [](const BranchInst &Br, unsigned Succ) {
    auto *Cmp = dyn_cast<ICmpInst>(Br.getCondition());
    const BoundaryPrimitive *P = Cmp ? calledPrimitive(Cmp->getOperand(0)) : nullptr;
    if (!P || P->Role != PrimitiveRole::ErrOccurred || !Cmp->isEquality() ||
        !isa<ConstantPointerNull>(Cmp->getOperand(1)))
      return false;
    return Succ == (Cmp->getPredicate() == ICmpInst::ICMP_NE ? 0u : 1u);
  };
  SmallVector<BasicBlock *, 4> Order{Start};
  SmallPtrSet<BasicBlock *, 4> Arm{Start};
  DenseMap<BasicBlock *, SmallVector<BasicBlock *, 2>> Within; // the arm's own edges
  for (unsigned K = 0; K != Order.size(); ++K) {
    BasicBlock *BB = Order[K];
    if (BB == Merge || Order.size() > 16)
      return false;
    for (Instruction &I : *BB) {
      if (isa<DbgInfoIntrinsic>(I) || ArrayReads.count(&I))
        continue;
      if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->isLifetimeStartOrEnd())
        continue;
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        const BoundaryPrimitive *P = calledPrimitive(CB);
        bool Unboxes = P && isUnboxer(P->Role) && P->Kind == ValueKind::Double &&
                       CB->arg_size() && sameArgument(CB->getArgOperand(0), Obj);
        if (!Unboxes && !(P && P->Role == PrimitiveRole::ErrOccurred))
          return false;
        continue;
      }
      if (I.isTerminator() ? !isa<BranchInst>(I) : I.mayHaveSideEffects())
        return false;
    }
    auto *Br = cast<BranchInst>(BB->getTerminator());
    for (unsigned Succ = 0; Succ != Br->getNumSuccessors(); ++Succ) {
      BasicBlock *Next = Br->getSuccessor(Succ);
      if (Next == Merge || ErrorEdge(*Br, Succ))
        continue;
      Within[BB].push_back(Next);
      if (Arm.insert(Next).second)
        Order.push_back(Next);
    }
  }
  // No cycle: every block of the arm is left for good once its successors
  // are (a depth-first walk that never meets a block on its own path).
  DenseMap<BasicBlock *, bool> OnPath; // false once finished
  std::function<bool(BasicBlock *)> Acyclic = [&](BasicBlock *BB) {
    auto [It, New] = OnPath.try_emplace(BB, true);
    if (!New)
      return !It->second;
    for (BasicBlock *Next : Within.lookup(BB))
      if (!Acyclic(Next))
        return false;
    OnPath[BB] = false;
    return true;
  };
  return Acyclic(Start);
}

// PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o): both
// arms yield o's value, so the core may take the PyFloat_AsDouble arm. The
// shape is checked exactly: the fast arm only reads the float and rejoins
// where every phi merges equal values or the two readings of o, and the slow
// arm does nothing else a float would see (isSlowArmOnlyUnboxing). The check
// is CPython's Py_IS_TYPE call (tested != 0) or PyPy's inline compare of
// o->ob_type with &PyFloat_Type (== or !=).
bool WrapperAnalyzer::isFloatFastPath(Instruction &Check, Value *Obj) const {
  Value *Cond = &Check;
  bool FastIfTrue = true;
  if (auto *TypeCmp = dyn_cast<ICmpInst>(&Check))
    FastIfTrue = TypeCmp->getPredicate() == ICmpInst::ICMP_EQ;
  else if (Check.hasOneUse())
    if (auto *Cmp = dyn_cast<ICmpInst>(Check.user_back()))
      if (Cmp->getPredicate() == ICmpInst::ICMP_NE && isZeroConstant(Cmp->getOperand(1)))
        Cond = Cmp;
  if (!Cond->hasOneUse())
    return false;
  auto *Br = dyn_cast<BranchInst>(Cond->user_back());
  if (!Br || !Br->isConditional() || Br->getCondition() != Cond)
    return false;
  BasicBlock *Fast = Br->getSuccessor(FastIfTrue ? 0 : 1);
  if (Fast == Br->getSuccessor(FastIfTrue ? 1 : 0) || !Fast->getSinglePredecessor())
    return false;
  Instruction *Read = nullptr;
  for (Instruction &I : *Fast) {
    if (ArrayReads.count(&I))
      continue; // Argument Clinic reads args[k] again
    if (readsFloatValue(&I, Obj)) {
      if (Read)
        return false;
      Read = &I;
    } else if (!isa<GetElementPtrInst>(I) && !I.isTerminator()) {
      return false;
    }
  }
  auto *Jump = dyn_cast<BranchInst>(Fast->getTerminator());
  if (!Read || !Jump || Jump->isConditional())
    return false;
  BasicBlock *Merge = Jump->getSuccessor(0);
  if (!isSlowArmOnlyUnboxing(Br->getSuccessor(FastIfTrue ? 1 : 0), Merge, Obj))
    return false;
  // Every other way into the merge carries the slow arm's reading of o (Argument
  // Clinic checks it for an error first, so there may be several such edges).
  for (PHINode &Phi : Merge->phis()) {
    Value *FromFast = Phi.getIncomingValueForBlock(Fast);
    for (unsigned K = 0, E = Phi.getNumIncomingValues(); K != E; ++K) {
      Value *FromSlow = Phi.getIncomingValue(K);
      if (Phi.getIncomingBlock(K) == Fast || FromSlow == FromFast)
        continue;
      auto *Slow = dyn_cast<CallBase>(FromSlow);
      const BoundaryPrimitive *P = calledPrimitive(FromSlow);
      if (FromFast != Read || !P || !isUnboxer(P->Role) ||
          P->Kind != ValueKind::Double || !sameArgument(Slow->getArgOperand(0), Obj))
        return false;
    }
  }
  return true;
}

Value *WrapperAnalyzer::floatValueReadOf(const Value *V) const {
  if (!V->getType()->isDoubleTy())
    return nullptr;
  if (auto *L = dyn_cast<LoadInst>(V)) {
    int64_t Offset = 0;
    const Value *Base = GetPointerBaseWithConstantOffset(L->getPointerOperand(), Offset, DL);
    std::optional<ObjectLayout> Layout = L->isSimple() ? objectLayout(*F.getParent()) : std::nullopt;
    return Layout && Offset >= 0 && uint64_t(Offset) == Layout->FloatValueOffset
               ? const_cast<Value *>(Base)
               : nullptr;
  }
  auto *CB = dyn_cast<CallBase>(V);
  const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  return Callee && isFloatValueRead(apiName(*Callee)) && CB->arg_size() == 1
             ? CB->getArgOperand(0)
             : nullptr;
}

bool WrapperAnalyzer::readsFloatValue(const Value *V, const Value *Obj) const {
  Value *Read = floatValueReadOf(V);
  return Read && sameArgument(Read, Obj);
}

std::optional<Refusal> WrapperAnalyzer::visitTypeCheck(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  Value *Obj = Arg(0);
  if (Obj && SlotOf.count(Obj) && Arg(1) && isFloatType(Arg(1)) &&
      CB.getType()->isIntegerTy() && isFloatFastPath(CB, Obj)) {
    S.Facts[&CB] = ConstantInt::get(CB.getType(), 0);
    Sanctioned[&CB] = Sanction::Fact;
  }
  // PyLong_CheckExact(arg)
  auto *GV = Arg(1) ? dyn_cast<GlobalValue>(Arg(1)->stripPointerCasts()) : nullptr;
  if (Obj && SlotOf.count(Obj) && GV && isLongTypeObject(GV->getName()))
    noteIntCheck(CB, SlotOf[Obj], /*Exact=*/true);
  // PyBytes_CheckExact(arg): of a bytes, true; a test for any other type
  // (PyUnicode_CheckExact, Cython's PyByteArray_Check) false.
  if (Obj && SlotOf.count(Obj) && isOtherTypeTest(GV))
    noteBytesCheck(CB, SlotOf[Obj], isBytesTypeObject(GV->getName()), isForeignType(GV->getName()),
                   isUnicodeTypeObject(GV->getName()));
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitIntCheck(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  if (Arg(0) && SlotOf.count(Arg(0)))
    noteIntCheck(CB, SlotOf[Arg(0)], /*Exact=*/false);
  return std::nullopt;
}

// The object a type is the type of: Py_TYPE(o) as a call, or PyPy's inline
// o->ob_type.
Value *WrapperAnalyzer::objectOfType(Value *Type) const {
  if (auto *CB = dyn_cast<CallBase>(Type)) {
    const BoundaryPrimitive *P = calledPrimitive(CB);
    return P && P->Role == PrimitiveRole::TypeOf && CB->arg_size() == 1 ? CB->getArgOperand(0)
                                                                         : nullptr;
  }
  std::optional<ObjectLayout> Layout = objectLayout(*F.getParent());
  Value *Obj = nullptr;
  return Layout && fieldOffset(Type, Obj) == Layout->TypeOffset ? Obj : nullptr;
}

// A simple load's offset from its base (set in Base), or ~0 for anything else.
// Whether GV is a type object whose test of an argument is a bytes check
// (checkBytesChecks): any global variable but int's and float's, whose
// tests the int and float idioms answer. An exact bytes' type is
// PyBytes_Type, and no other global has its address.
bool WrapperAnalyzer::isOtherTypeTest(const GlobalValue *GV) {
  return GV && isa<GlobalVariable>(GV) && !isLongTypeObject(GV->getName()) &&
         !isFloatTypeObject(GV->getName()) && !singletonOf(GV);
}

uint64_t WrapperAnalyzer::fieldOffset(Value *V, Value *&Base) const {
  auto *L = dyn_cast<LoadInst>(V);
  if (!L || !L->isSimple())
    return ~0ULL;
  int64_t Offset = 0;
  Base = GetPointerBaseWithConstantOffset(L->getPointerOperand(), Offset, DL);
  return Offset >= 0 ? uint64_t(Offset) : ~0ULL;
}

// Reads that change nothing: Py_TYPE(o), PyType_HasFeature(type, flags),
// PyErr_Occurred() (a fact where a proof asks); PyPy's macros read o->ob_type
// and the type's tp_flags, tp_pypy_flags. An argument read again (args[k], a
// tuple's item): the call's own arguments do not change. PyPy's
// PyObject_CheckBuffer reads the type's tp_as_buffer and that one's
// bf_getbuffer. With ObjectFields, any field of the object too (a str's
// length: CPython's PyUnicode_GET_LENGTH, inlined, and PyPy's macro).
bool WrapperAnalyzer::isPureReadOf(const Value *V, const Value *Obj, bool ObjectFields) const {
  if (const BoundaryPrimitive *P = calledPrimitive(V))
    return P->Role == PrimitiveRole::TypeOf || P->Role == PrimitiveRole::TypeHasFeature ||
           P->Role == PrimitiveRole::ErrOccurred;
  if (SlotOf.count(const_cast<Value *>(V)) || ArrayReads.count(const_cast<Value *>(V)))
    return true;
  std::optional<ObjectLayout> Layout = objectLayout(*F.getParent());
  Value *Base = nullptr;
  uint64_t Offset = fieldOffset(const_cast<Value *>(V), Base);
  if (!Layout || !Base || Offset == ~0ULL)
    return false;
  if (Offset == Layout->TypeOffset || ObjectFields)
    if (sameArgument(Base, Obj))
      return true;
  auto OfObjType = [&](Value *Type) { return objectOfType(Type) && sameArgument(objectOfType(Type), Obj); };
  if (Offset == Layout->FlagsOffset || Offset == Layout->PyPyFlagsOffset || Offset == Layout->BufferProcsOffset)
    return OfObjType(Base);
  Value *Type = nullptr;
  return Offset == 0 && fieldOffset(Base, Type) == Layout->BufferProcsOffset && Type && OfObjType(Type);
}

Value *WrapperAnalyzer::typeTestedObject(CallBase &HasFeature) const {
  return HasFeature.arg_size() ? objectOfType(HasFeature.getArgOperand(0)) : nullptr;
}

std::optional<Refusal> WrapperAnalyzer::visitTypeHasFeature(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  // PyTuple_Check(args): PyType_HasFeature(Py_TYPE(args), TUPLE_SUBCLASS).
  Value *Obj = typeTestedObject(CB);
  auto *Flags = dyn_cast_or_null<ConstantInt>(Arg(1));
  if (!Obj || !Flags || Flags->isZero())
    return std::nullopt;
  if (S.Conv == Convention::VarArgs && Obj == Second &&
      (Flags->getZExtValue() & ~tupleSubclassFlag()) == 0 && CB.getType()->isIntegerTy()) {
    S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
    Sanctioned[&CB] = Sanction::Fact;
  }
  // PyLong_Check(arg): PyType_HasFeature(Py_TYPE(arg), LONG_SUBCLASS).
  if (SlotOf.count(Obj) && (Flags->getZExtValue() & ~longSubclassFlag()) == 0)
    noteIntCheck(CB, SlotOf[Obj], /*Exact=*/false);
  // PyBytes_Check(arg), PyUnicode_Check(arg): of a bytes, true and false.
  if (SlotOf.count(Obj) && (Flags->getZExtValue() == bytesSubclassFlag() ||
                            Flags->getZExtValue() == unicodeSubclassFlag()))
    noteBytesCheck(CB, SlotOf[Obj], Flags->getZExtValue() == bytesSubclassFlag(), false,
                   Flags->getZExtValue() == unicodeSubclassFlag());
  return std::nullopt;
}

// PyObject_CheckBuffer(arg): of a bytes, true; PyPy's PyByteArray_Check
// and the like (OtherTypeCheck): false. Of a str (no buffer), both false.
std::optional<Refusal> WrapperAnalyzer::visitBufferCheck(CallBase &CB, const BoundaryPrimitive &P) {
  if (CB.arg_size() == 1 && SlotOf.count(CB.getArgOperand(0)))
    noteBytesCheck(CB, SlotOf[CB.getArgOperand(0)], P.Role == PrimitiveRole::BufferCheck,
                   /*AnyKind=*/P.Role == PrimitiveRole::OtherTypeCheck, /*OfStr=*/0);
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitIndexOf(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  auto It = SlotOf.find(Arg(0));
  if (It == SlotOf.end() || CB.getType() != Arg(0)->getType())
    return std::nullopt;
  SlotOf[&CB] = It->second;
  IndexResults.insert(&CB);
  // Only an int's is the argument itself: of a float or a string it raises,
  // so it checks the argument as PyLong_Check does (checkIntChecks).
  IntChecks.push_back({&CB, It->second, /*Exact=*/false});
  S.ArgumentReads.push_back(&CB);
  Sanctioned[&CB] = Sanction::Fact;
  return std::nullopt;
}

} // namespace pyunbox
