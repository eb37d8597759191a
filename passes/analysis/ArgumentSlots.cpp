//===- analysis/ArgumentSlots.cpp - Which values are argument k -------------===//
//
// Argument slots: for each value that is an argument object, its position.
// METH_O's object; METH_FASTCALL's args[k] (also through Clinic's unpack,
// which hands the array back); METH_VARARGS's PyTuple_GET_ITEM(args, k) and
// its length; Cython's values[] merged through phis. Reads at a non-constant
// index are noted (a loop the draft could not unroll). The kinds the running
// unboxers give each slot settle the core's parameters.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

using namespace llvm;

namespace pyunbox {

void WrapperAnalyzer::collectArgumentSlots() {
  if (!Second) // it declares no argument object (checkSignature), so reads none
    return;
  if (S.Conv == Convention::O) {
    SlotOf[Second] = 0;
    NumSlots = 1;
    return;
  }
  if (S.Conv == Convention::VarArgs)
    return collectTupleReads();
  if (S.Conv != Convention::FastCall)
    return;
  unsigned PtrSize = DL.getPointerSize();
  auto AddLoad = [&](Value *U, uint64_t Slot) {
    auto *L = dyn_cast<LoadInst>(U);
    if (!L || !L->isSimple() || !L->getType()->isPointerTy())
      return;
    SlotOf[L] = Slot;
    ArrayReads.insert(L);
    NumSlots = std::max<unsigned>(NumSlots, Slot + 1);
  };
  // Argument Clinic's `args = _PyArg_UnpackKeywords(args, ...)` returns args
  // itself for a call without keywords: reads through the merge of the two
  // are reads of the array.
  SmallVector<Value *, 4> Arrays{Second};
  SmallPtrSet<Value *, 4> IsArray{Second};
  auto FromArray = [&](Value *V) {
    if (IsArray.count(V))
      return true;
    const BoundaryPrimitive *P = calledPrimitive(V);
    return P && P->Role == PrimitiveRole::UnpackKeywords &&
           IsArray.count(cast<CallBase>(V)->getArgOperand(0));
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (Value *A : SmallVector<Value *, 4>(Arrays))
      for (User *U : A->users()) {
        auto *I = dyn_cast<Instruction>(U);
        if (!I || IsArray.count(I) || !(isa<PHINode>(I) || isa<SelectInst>(I)))
          continue;
        auto Incoming = isa<PHINode>(I) ? SmallVector<Value *, 2>(cast<PHINode>(I)->incoming_values())
                                        : SmallVector<Value *, 2>{cast<SelectInst>(I)->getTrueValue(),
                                                                  cast<SelectInst>(I)->getFalseValue()};
        if (all_of(Incoming, FromArray)) {
          IsArray.insert(I);
          ArrayAliases.insert(I);
          Arrays.push_back(I);
          ArrayReads.insert(I);
          Changed = true;
        }
      }
  }
  for (Value *Array : Arrays)
    for (User *U : Array->users()) {
      if (auto *L = dyn_cast<LoadInst>(U)) {
        if (L->getPointerOperand() == Array)
          AddLoad(L, 0);
        continue;
      }
      auto *GEP = dyn_cast<GetElementPtrInst>(U);
      APInt Off(DL.getIndexTypeSizeInBits(Second->getType()), 0);
      if (GEP && GEP->getPointerOperand() == Array)
        noteVariableIndexRead(*GEP);
      if (!GEP || GEP->getPointerOperand() != Array || !GEP->accumulateConstantOffset(DL, Off) ||
          Off.isNegative() || Off.urem(PtrSize) != 0)
        continue;
      ArrayReads.insert(GEP);
      for (User *GU : GEP->users())
        AddLoad(GU, slotFor(Off.udiv(PtrSize).getLimitedValue()));
    }
}

// Cython unpacks the argument tuple itself: PyTuple_GET_SIZE(args) and
// PyTuple_GET_ITEM(args, k), a load at ob_item[k] (PyPy's Py_SIZE is a load
// of ob_size too). A GEP of the tuple counts only if every use under it is
// such a read; anything else (a store, ob_refcnt) is left for checkOperand.
void WrapperAnalyzer::collectTupleReads() {
  std::optional<TupleLayout> Layout = tupleLayout(*F.getParent());
  if (!Layout)
    return;
  unsigned PtrSize = DL.getPointerSize();
  APInt Zero(DL.getIndexTypeSizeInBits(Second->getType()), 0);
  // The GEPs and loads under V (the tuple plus Off), or false if some other
  // use or an offset that is not ob_size or ob_item[k] is among them.
  std::function<bool(Value *, const APInt &, SmallVectorImpl<Value *> &,
                     SmallVectorImpl<std::pair<LoadInst *, uint64_t>> &)>
      Collect = [&](Value *V, const APInt &Off, auto &GEPs, auto &Loads) {
        for (User *U : V->users()) {
          if (auto *L = dyn_cast<LoadInst>(U); L && L->isSimple() && L->getPointerOperand() == V) {
            Loads.push_back({L, Off.getZExtValue()});
            continue;
          }
          auto *GEP = dyn_cast<GetElementPtrInst>(U);
          APInt More = Zero;
          if (GEP && GEP->getPointerOperand() == V)
            noteVariableIndexRead(*GEP); // PyTuple_GET_ITEM(args, i)
          if (!GEP || GEP->getPointerOperand() != V || !GEP->accumulateConstantOffset(DL, More) ||
              (Off + More).isNegative())
            return false;
          GEPs.push_back(GEP);
          if (!Collect(GEP, Off + More, GEPs, Loads))
            return false;
        }
        return true;
      };
  auto ItemSlot = [&](LoadInst *L, uint64_t O) -> std::optional<unsigned> {
    if (O < Layout->ItemOffset || (O - Layout->ItemOffset) % PtrSize != 0 ||
        !L->getType()->isPointerTy())
      return std::nullopt;
    return slotFor((O - Layout->ItemOffset) / PtrSize);
  };
  auto IsSize = [&](LoadInst *L, uint64_t O) {
    return O == Layout->SizeOffset && L->getType()->isIntegerTy();
  };
  for (User *U : Second->users()) {
    auto *GEP = dyn_cast<GetElementPtrInst>(U);
    APInt Off = Zero;
    SmallVector<Value *, 4> GEPs{GEP};
    SmallVector<std::pair<LoadInst *, uint64_t>, 4> Loads;
    if (GEP && GEP->getPointerOperand() == Second)
      noteVariableIndexRead(*GEP);
    if (!GEP || GEP->getPointerOperand() != Second || !GEP->accumulateConstantOffset(DL, Off) ||
        Off.isNegative() || !Collect(GEP, Off, GEPs, Loads) ||
        !all_of(Loads, [&](auto &LO) { return IsSize(LO.first, LO.second) || ItemSlot(LO.first, LO.second); }))
      continue;
    ArrayReads.insert(GEPs.begin(), GEPs.end());
    for (auto [L, O] : Loads) {
      ArrayReads.insert(L);
      if (IsSize(L, O)) {
        TupleSizes.push_back(L);
        continue;
      }
      unsigned Slot = *ItemSlot(L, O);
      SlotOf[L] = Slot;
      NumSlots = std::max(NumSlots, Slot + 1);
      ReadsTupleItems = true;
    }
  }
}

void WrapperAnalyzer::noteSlotKind(Instruction &Site, unsigned Slot, ValueKind K) {
  SlotUses.push_back({&Site, Slot, K});
}

std::optional<Refusal> WrapperAnalyzer::visitTupleSize(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  if (S.Conv == Convention::VarArgs && Arg(0) == Second && CB.getType()->isIntegerTy()) {
    TupleSizes.push_back(&CB);
    Sanctioned[&CB] = Sanction::Fact;
  }
  // Py_SIZE of an argument object: of a bytes, its count (BytesObjectReads.cpp).
  auto It = Arg(0) ? SlotOf.find(Arg(0)) : SlotOf.end();
  if (It != SlotOf.end() && CB.arg_size() == 1 &&
      CB.getType() == abiType(ValueKind::SSizeT, CB.getContext()))
    noteBytesObjectRead(CB, It->second, /*Length=*/true, /*AnyObject=*/true);
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitTupleItem(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  auto *Index = dyn_cast_or_null<ConstantInt>(Arg(1));
  if (S.Conv == Convention::VarArgs && Arg(0) == Second && Index && !Index->isNegative() &&
      CB.getType()->isPointerTy()) {
    unsigned Slot = slotFor(Index->getLimitedValue());
    SlotOf[&CB] = Slot;
    NumSlots = std::max(NumSlots, Slot + 1);
    ReadsTupleItems = true;
    S.ArgumentReads.push_back(&CB);
    Sanctioned[&CB] = Sanction::Fact;
  }
  return std::nullopt;
}


// Only the unboxers that run matter: posix's _Py_Uid_Converter unboxes its
// argument as unsigned long too, on a path (past LONG_MAX) no core takes.
std::optional<Refusal> WrapperAnalyzer::settleSlotKinds(const FactPropagation &FP) {
  // The lowest such argument, so that the remark is the same on every run
  // (SlotOf is a hash map).
  std::optional<unsigned> PastArity;
  for (const auto &[V, Slot] : SlotOf)
    if (auto *I = dyn_cast<Instruction>(V); I && Slot >= NumSlots && FP.executes(*I))
      PastArity = std::min(PastArity.value_or(Slot), Slot);
  if (PastArity)
    return refuse(RefusalKey::ArgumentEscapes,
                  "reads argument " + Twine(*PastArity + 1) + " of its array, past the " +
                      Twine(NumSlots) + " a call without keywords passes");
  for (const SlotUse &U : SlotUses) {
    if (!FP.executes(*U.Site))
      continue;
    if (SlotKinds.size() <= U.Slot)
      SlotKinds.resize(U.Slot + 1);
    std::optional<ValueKind> &Known = SlotKinds[U.Slot];
    if (Known && *Known != U.Kind)
      return refuse(RefusalKey::ConflictingUnboxers, "argument " + Twine(U.Slot + 1) +
                                               " is unboxed both as " + cSpelling(*Known) +
                                               " and as " + cSpelling(U.Kind));
    Known = U.Kind;
  }
  erase_if(S.Unboxes, [&](const UnboxSite &U) { return !FP.executes(*U.Call); });
  erase_if(S.Parses, [&](const ParseSite &P) { return !FP.executes(*P.Call); });
  return std::nullopt;
}

// Cython 3 gathers its arguments in values[] (a phi once SROA has run): a
// phi whose executable incomings all are argument k is argument k, and an
// unboxer of it is an unbox site.
std::optional<Refusal> WrapperAnalyzer::followSlotsThroughPhis(const FactPropagation &FP,
                                                        bool &NewFacts) {
  size_t SlotsBefore = SlotOf.size();
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock &BB : F) {
      if (!FP.isExecutable(&BB))
        continue;
      for (PHINode &Phi : BB.phis()) {
        if (SlotOf.count(&Phi) || !Phi.getType()->isPointerTy())
          continue;
        std::optional<unsigned> Slot;
        bool Same = true;
        for (unsigned K = 0; K != Phi.getNumIncomingValues() && Same; ++K) {
          if (!FP.isExecutableEdge(Phi.getIncomingBlock(K), &BB))
            continue;
          auto It = SlotOf.find(Phi.getIncomingValue(K));
          Same = It != SlotOf.end() && (!Slot || *Slot == It->second);
          if (Same)
            Slot = It->second;
        }
        if (Same && Slot) {
          SlotOf[&Phi] = *Slot;
          Changed = true;
        }
      }
    }
  }
  size_t FactsBefore = S.Facts.size();
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *CB = dyn_cast<CallBase>(&I);
      const BoundaryPrimitive *P = calledPrimitive(&I);
      bool OfArgument = P && (isUnboxer(P->Role) || P->Role == PrimitiveRole::TypeCheck ||
                              P->Role == PrimitiveRole::BufferCheck ||
                              P->Role == PrimitiveRole::OtherTypeCheck ||
                              P->Role == PrimitiveRole::BytesData ||
                              P->Role == PrimitiveRole::BytesLength ||
                              P->Role == PrimitiveRole::BytesInto ||
                              P->Role == PrimitiveRole::TupleSize ||
                              P->Role == PrimitiveRole::Converter ||
                              P->Role == PrimitiveRole::ConverterOfNonNegative ||
                              P->Role == PrimitiveRole::UnboxInto ||
                              P->Role == PrimitiveRole::NewRef || P->Role == PrimitiveRole::IncRef ||
                              P->Role == PrimitiveRole::DecRef || P->Role == PrimitiveRole::XDecRef);
      // PyLong_Check(arg) as a call: PyType_HasFeature(Py_TYPE(arg), ...)
      // (SWIG's SWIG_AsVal_long of a phi of its objs[]).
      Value *Tested = P && P->Role == PrimitiveRole::TypeHasFeature ? typeTestedObject(*CB) : nullptr;
      bool Visit = (Tested && SlotOf.count(Tested)) ||
                   (OfArgument && CB->arg_size() && SlotOf.count(CB->getArgOperand(0)));
      if (Visit && !Sanctioned.count(CB) && FP.executes(*CB))
        if (auto R = visitPrimitive(*CB, *P))
          return R;
    }
  // The inline checks and reads of such an argument (Cython 0.29's
  // Py_TYPE(values[0]) == &PyBytes_Type, PyPy's macros).
  if (SlotOf.size() != SlotsBefore) {
    collectInlineTypeChecks();
    collectInlineSizeReads();
  }
  // A float fast path of such an argument adds a fact (its type check), and
  // a phi found to be an argument is not NULL (Cython's `if (values[1])` of
  // an argument with a default): the propagation runs again with them.
  NewFacts = S.Facts.size() != FactsBefore || SlotOf.size() != SlotsBefore;
  return std::nullopt;
}

} // namespace pyunbox
