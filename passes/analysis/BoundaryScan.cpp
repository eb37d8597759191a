//===- analysis/BoundaryScan.cpp - The primitive calls of a wrapper ---------===//
//
// Step 1 of the analysis: every call the table of primitives
// (BoundaryPrimitives) gives a meaning is handed to the file of its concept;
// the unboxers themselves, reference counting of None/True/False and the GIL's
// release and reacquisition are handled here. After the scan, the facts the
// arity gives (nargs, the tuple's length, Clinic's positional checks) are set.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "pyunbox/passes/Drafting.h"

using namespace llvm;

namespace pyunbox {

std::optional<Refusal> WrapperAnalyzer::visitPrimitive(CallBase &CB, const BoundaryPrimitive &P) {
  Visitor Visit = nullptr;
  switch (P.Role) {
  case PrimitiveRole::Unbox:
  case PrimitiveRole::UnboxOrOverflow:
  case PrimitiveRole::UnboxOfNonNegative: Visit = &WrapperAnalyzer::visitUnbox; break;
  case PrimitiveRole::ParseTuple:
  case PrimitiveRole::ParseTupleAndKeywords:
  case PrimitiveRole::ParseStack:
  case PrimitiveRole::ParseStackAndKeywords:
  case PrimitiveRole::ParseObject:
  case PrimitiveRole::UnpackTuple:
  case PrimitiveRole::UnpackStack: Visit = &WrapperAnalyzer::visitParse; break;
  case PrimitiveRole::UnpackKeywords: Visit = &WrapperAnalyzer::visitUnpackKeywords; break;
  case PrimitiveRole::GetBuffer: Visit = &WrapperAnalyzer::visitGetBuffer; break;
  case PrimitiveRole::BytesData:
  case PrimitiveRole::BytesLength: Visit = &WrapperAnalyzer::visitBytesRead; break;
  case PrimitiveRole::BytesInto: Visit = &WrapperAnalyzer::visitBytesInto; break;
  case PrimitiveRole::CheckPositional: Visit = &WrapperAnalyzer::visitCheckPositional; break;
  case PrimitiveRole::ErrOccurred: Visit = &WrapperAnalyzer::visitErrOccurred; break;
  case PrimitiveRole::XDecRef:
  case PrimitiveRole::DecRef:
  case PrimitiveRole::IncRef: Visit = &WrapperAnalyzer::visitRefcount; break;
  case PrimitiveRole::NewRef: Visit = &WrapperAnalyzer::visitNewRef; break;
  case PrimitiveRole::TypeCheck: Visit = &WrapperAnalyzer::visitTypeCheck; break;
  case PrimitiveRole::IntCheck: Visit = &WrapperAnalyzer::visitIntCheck; break;
  case PrimitiveRole::BufferCheck:
  case PrimitiveRole::OtherTypeCheck: Visit = &WrapperAnalyzer::visitBufferCheck; break;
  case PrimitiveRole::Box:
  case PrimitiveRole::BoolFromLong: Visit = &WrapperAnalyzer::visitBox; break;
  case PrimitiveRole::BuildValue: Visit = &WrapperAnalyzer::visitBuildValue; break;
  case PrimitiveRole::ForeignBox: Visit = &WrapperAnalyzer::visitForeignBox; break;
  case PrimitiveRole::TupleNew: Visit = &WrapperAnalyzer::visitTupleNew; break;
  case PrimitiveRole::RaisesError: Visit = &WrapperAnalyzer::visitRaise; break;
  case PrimitiveRole::Converter:
  case PrimitiveRole::ConverterOfNonNegative:
  case PrimitiveRole::UnboxInto: Visit = &WrapperAnalyzer::visitConverter; break;
  case PrimitiveRole::IndexOf: Visit = &WrapperAnalyzer::visitIndexOf; break;
  case PrimitiveRole::TupleSize: Visit = &WrapperAnalyzer::visitTupleSize; break;
  case PrimitiveRole::TupleItem: Visit = &WrapperAnalyzer::visitTupleItem; break;
  case PrimitiveRole::TypeHasFeature: Visit = &WrapperAnalyzer::visitTypeHasFeature; break;
  case PrimitiveRole::ReleaseGil:
  case PrimitiveRole::EnsureGil: Visit = &WrapperAnalyzer::visitGilBracket; break;
  case PrimitiveRole::AcquireGil:   // with its ReleaseGil
  case PrimitiveRole::ReleaseEnsuredGil: // with its EnsureGil
  case PrimitiveRole::BufferIsContiguous: // with its Py_buffer unit (BufferUnits.cpp)
  case PrimitiveRole::ReleaseBuffer:
  case PrimitiveRole::ModuleCreate: // not in a wrapper's own code
  case PrimitiveRole::TupleSetItem: // with its tuple (resolveAssembledTuples)
  case PrimitiveRole::ReadsObject:  // pure reads: InterpreterUse decides
  case PrimitiveRole::TypeOf:
    return std::nullopt;
  }
  return Visit ? (this->*Visit)(CB, P) : std::nullopt;
}

// Whether V is None, True or False whichever way it was chosen: a
// singleton, or a select or phi of such (Cython 3.1's __Pyx_PyBool_FromLong
// is __Pyx_NewRef(b ? Py_True : Py_False)).
static bool isSomeSingleton(Value *V, SmallPtrSetImpl<Value *> &Seen) {
  if (singletonOf(V))
    return true;
  if (!Seen.insert(V).second)
    return true; // a cycle adds no other value
  if (auto *Sel = dyn_cast<SelectInst>(V))
    return isSomeSingleton(Sel->getTrueValue(), Seen) && isSomeSingleton(Sel->getFalseValue(), Seen);
  if (auto *Phi = dyn_cast<PHINode>(V))
    return all_of(Phi->incoming_values(), [&](Value *In) { return isSomeSingleton(In, Seen); });
  return false;
}

std::optional<Refusal> WrapperAnalyzer::findBoundary() {
  for (BasicBlock &BB : F) {
    for (Instruction &I : BB) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (const BoundaryPrimitive *P = calledPrimitive(CB))
          if (auto R = visitPrimitive(*CB, *P))
            return R;
        continue;
      }
      // Inline reference counting of None/True/False (PyPy's Py_INCREF is a
      // macro): the core returns no object, so it has nothing to count.
      Value *Ptr = getLoadStorePointerOperand(&I);
      SmallPtrSet<Value *, 4> Seen;
      if (Ptr && isSomeSingleton(Ptr, Seen) && (isa<LoadInst>(I) || isa<StoreInst>(I)) &&
          getLoadStoreType(&I)->isIntegerTy() && !InterpMode) {
        Sanctioned[&I] = Sanction::Refcount;
        if (isa<StoreInst>(I))
          S.RefcountOps.push_back(&I);
      }
    }
  }
  resolveAssembledTuples(); // its items are boxes, found above in any order
  collectInlineTypeChecks();
  collectInlineSizeReads();
  noteFloatValueReads();
  // A core stands for a call without keywords: Clinic's keyword-only
  // arguments are not among its parameters (settleSlotKinds refuses a read
  // of one that still runs).
  if (PositionalLimit && NumSlots > *PositionalLimit)
    NumSlots = *PositionalLimit;
  // A draft made for calls of Full arguments (a loop over a range of them
  // unrolled for the most, Drafting.h) is the wrapper for nothing else.
  if (std::optional<ArityAssumption> A = assumedArity(F); A && A->Full != NumSlots)
    return refuse(RefusalKey::ArgumentIndexNotConstant,
                  "reads its arguments in a loop over their count, which its checks let be " +
                      Twine(A->Fewest) + " to " + Twine(A->Full) + ", but reads " +
                      Twine(NumSlots) + " of them with " + Twine(A->Full));
  // The count is final here, before it becomes a fact (the arity checks
  // would otherwise fold to "never returns normally").
  if (NumSlots > PYUNBOX_MAX_PARAMS)
    return refuse(RefusalKey::TooManyArguments,
                  "takes more than " + Twine(PYUNBOX_MAX_PARAMS) + " arguments");
  if (NArgs)
    ArityFacts[NArgs] = ConstantInt::get(NArgs->getType(), NumSlots);
  if (ReadsTupleItems && FormatParsed)
    return refuse(RefusalKey::ParsesTwice, "both parses its argument tuple and reads its items");
  for (Value *Size : TupleSizes)
    ArityFacts[Size] = ConstantInt::get(Size->getType(), NumSlots);
  for (const PendingCheck &C : PositionalChecks)
    ArityFacts[C.Call] = ConstantInt::get(C.Call->getType(), C.Min <= NumSlots && NumSlots <= C.Max);
  for (const auto &[V, C] : ArityFacts)
    S.Facts[V] = C;
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitUnbox(CallBase &CB, const BoundaryPrimitive &P) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  auto It = SlotOf.find(Arg(0));
  if (It == SlotOf.end())
    return std::nullopt; // unboxes something else: refused if executed
  Type *T = CB.getType();
  if (T != abiType(P.Kind, CB.getContext()) && !(P.Kind == ValueKind::Bool && T->isIntegerTy()))
    return refuse(RefusalKey::UnexpectedType, "'" + Name + "' returns an unexpected IR type");
  if (P.Role == PrimitiveRole::UnboxOrOverflow) {
    SmallVector<LoadInst *, 2> Reads;
    if (CB.arg_size() != 2 || !overflowFlagReads(CB, Reads)) {
      Problems[&CB] = refuse(RefusalKey::OverflowFlagEscapes, "'" + Name +
                                                       "' reports overflow where the analysis "
                                                       "cannot follow it");
      return std::nullopt;
    }
    for (LoadInst *L : Reads)
      S.Facts[L] = ConstantInt::get(L->getType(), 0);
  }
  if (P.Role == PrimitiveRole::UnboxOfNonNegative && !noteFailsBelowZero(CB, Name))
    return std::nullopt;
  noteSlotKind(CB, It->second, P.Kind);
  S.Unboxes.push_back({&CB, It->second});
  Sanctioned[&CB] = Sanction::Unbox;
  // PyObject_IsTrue's -1 (error) cannot happen in the core: there the
  // value is a _Bool widened to int.
  if (P.Kind == ValueKind::Bool && !T->isIntegerTy(1))
    Models[&CB] = newBoolModel(T);
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitRefcount(CallBase &CB, const BoundaryPrimitive &P) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  if (noteArgumentReference(CB, P))
    return std::nullopt; // counted in pairs (ArgumentReferences.cpp)
  if (P.Role == PrimitiveRole::XDecRef) {
    // With the interpreter, reference counting stays as it is, and the core
    // releases the singleton it would have returned (Outliner).
    if (InterpMode)
      return std::nullopt;
    // Cython's __Pyx_XDECREF(r) of a still-NULL result does nothing.
    if (Arg(0) && isa<ConstantPointerNull>(Arg(0))) {
      S.RefcountOps.push_back(&CB);
      Sanctioned[&CB] = Sanction::Refcount;
      return std::nullopt;
    }
  }
  // The reference _PyNumber_Index gave: neither exists in the core.
  if (Arg(0) && IndexResults.count(Arg(0))) {
    S.RefcountOps.push_back(&CB);
    Sanctioned[&CB] = Sanction::Refcount;
    return std::nullopt;
  }
  // Of None, True or False, however chosen (PyPy's headers have no
  // Py_NewRef: Cython 3's __Pyx_NewRef(b ? Py_True : Py_False) is
  // Py_INCREF of the select, then the select).
  SmallPtrSet<Value *, 4> Seen;
  if (Arg(0) && isSomeSingleton(Arg(0), Seen) && !InterpMode) {
    S.RefcountOps.push_back(&CB);
    Sanctioned[&CB] = Sanction::Refcount;
  }
  return std::nullopt;
}


void WrapperAnalyzer::noteReleasesOfNull(const FactPropagation &FP) {
  // Py_XDECREF of what is NULL wherever it runs does nothing: Cython's
  // __Pyx_XDECREF(t) on an error path taken before t was set (a cdef
  // function's `except -1` result), whose phi the facts leave one NULL.
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      const BoundaryPrimitive *P = calledPrimitive(&I);
      auto *CB = dyn_cast<CallBase>(&I);
      if (!P || P->Role != PrimitiveRole::XDecRef || Sanctioned.count(CB) || !CB->arg_size() ||
          !FP.executes(I))
        continue;
      Constant *C = FP.constantOf(CB->getArgOperand(0));
      if (C && C->isNullValue()) {
        S.RefcountOps.push_back(CB);
        Sanctioned[CB] = Sanction::Refcount;
      }
    }
}

std::optional<Refusal> WrapperAnalyzer::visitNewRef(CallBase &CB, const BoundaryPrimitive &P) {
  if (noteArgumentReference(CB, P))
    return std::nullopt; // counted in pairs (ArgumentReferences.cpp)
  noteSingletonReference(CB);
  return std::nullopt;
}

// A new reference to None, True or False (Py_NewRef(Py_True), or
// Py_BuildValue("O", Py_True), which visitBuildValue hands here): in the
// core, the singleton itself.
bool WrapperAnalyzer::noteSingletonReference(CallBase &CB) {
  Value *Obj = newReferenceOperand(CB);
  SmallPtrSet<Value *, 4> Seen;
  if (!Obj || !isSomeSingleton(Obj, Seen) || CB.getType() != Obj->getType())
    return false;
  if (!InterpMode)
    S.NewRefs.push_back(&CB); // gone: its value is the singleton
  Sanctioned[&CB] = Sanction::NewRef;
  return true;
}

std::optional<Refusal> WrapperAnalyzer::visitGilBracket(CallBase &CB, const BoundaryPrimitive &P) {
  // Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS: the wrapper lets other
  // threads run meanwhile; a core has no GIL to let go of, and a caller
  // holding one is as free to keep it as any C call is. PyGILState_Ensure
  // ... PyGILState_Release: the wrapper takes the GIL for a moment (Cython
  // 3.0's check for an exception after a nogil function,
  // __Pyx_ErrOccurredWithGIL); the check is a fact, and a core that needs
  // the interpreter runs with the GIL held anyway. Both calls go when the
  // state the first returns goes nowhere but to the second.
  PrimitiveRole Closer =
      P.Role == PrimitiveRole::ReleaseGil ? PrimitiveRole::AcquireGil : PrimitiveRole::ReleaseEnsuredGil;
  bool Paired = all_of(CB.users(), [&](User *U) {
    const BoundaryPrimitive *R = calledPrimitive(U);
    return R && R->Role == Closer && cast<CallBase>(U)->arg_size() == 1;
  });
  if (!Paired || CB.arg_size() != 0)
    return std::nullopt;
  for (User *U : CB.users()) {
    Sanctioned[cast<Instruction>(U)] = Sanction::Gil;
    S.GilCalls.push_back(cast<CallBase>(U));
  }
  Sanctioned[&CB] = Sanction::Gil;
  S.GilCalls.push_back(&CB); // after its users: erased in order
  return std::nullopt;
}

} // namespace pyunbox
