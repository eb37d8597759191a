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
// its int tests false: the core's) and an exact int (the other way round),
// and proves the two runs the same (TwoWorldProof.h). A double conversion of
// the argument is the same value in both: PyFloat_AsDouble of the float,
// PyFloat_AsDouble or PyLong_AsDouble of the int, neither failing there.
// Where that holds the core takes the float world, with the type tests as
// facts; anything else leaves the tests as they were, and the later
// predicates refuse them.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "analysis/TwoWorldProof.h"
#include "llvm/IR/InstIterator.h"

using namespace llvm;

namespace pyunbox {

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

bool WrapperAnalyzer::settleFloatIntDispatches(WorldPropagation Propagate) {
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
    std::unique_ptr<FactPropagation> Float = Propagate(InFloat, nullptr), Int = Propagate(InInt, nullptr);
    SmallVector<Value *, 4> Objects;
    for (auto &[V, Slot] : SlotOf)
      if (Slot == T.Slot)
        Objects.push_back(V);
    Value *Obj = Objects.empty() ? nullptr : Objects.front(); // sameArgument: any of them
    // The one converted value, the double: the float world is the core's.
    auto ConversionOf = [&](const Value *V, World W) -> std::optional<unsigned> {
      // PyFloat_AS_DOUBLE(o): a double read from the float.
      if (readsFloatValue(V, Obj))
        return W == World::Core ? std::optional<unsigned>(0) : std::nullopt;
      auto *CB = dyn_cast<CallBase>(V);
      if (CB && CB->arg_size() == 1 && sameArgument(CB->getArgOperand(0), Obj)) {
        const BoundaryPrimitive *P = calledPrimitive(CB);
        if (P && isUnboxer(P->Role) && P->Kind == ValueKind::Double)
          return 0; // PyFloat_AsDouble: of the float, of the int alike
        const Function *Callee = CB->getCalledFunction();
        if (W == World::Other && Callee && isIntAsDouble(apiName(*Callee)))
          return 0;
      }
      return std::nullopt;
    };
    auto StoresNothing = [](const CallBase &, World, SmallVectorImpl<std::pair<const Value *, unsigned>> &) {};
    auto IsPureRead = [&](const Value *V) { return isPureReadOf(V, Obj, /*ObjectFields=*/false); };
    if (Objects.empty())
      continue;
    std::string Why;
    if (!provenSameInBothWorlds(F, *Float, *Int, Objects, Sites, {ConversionOf, StoresNothing, IsPureRead},
                                Why)) {
      DispatchDoubts[T.Slot] = Why;
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
