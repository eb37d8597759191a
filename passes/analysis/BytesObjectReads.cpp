//===- analysis/BytesObjectReads.cpp - A bytes argument read by hand -------===//
//
// Hand-written code reads a bytes argument without a parser:
//
//   if (!PyBytes_Check(o)) { raise TypeError }
//   h = hash(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o));
//
// (mmh3, xxhash, and the like; PyBytes_AsString and PyBytes_Size too,
// Py_SIZE for the count, a call in CPython's headers, a load in PyPy's, and
// PyBytes_AsStringAndSize, which stores both). Of an exact bytes these give its bytes and their
// count, what a "y#" unit stores: the core takes the same C parameters, a
// BYTES_SIZE one, whose fast path passes only an exact bytes. Where only
// the bytes are read, the kind is BYTES: its fast path passes no bytes with
// a NUL in them, so code that stops at the first NUL (strlen, a C string
// API) sees in the core what it saw in the wrapper. The type tests around
// the reads (PyBytes_Check, PyBytes_CheckExact, PyUnicode_Check) are facts
// of an exact bytes (ArgumentIdioms.cpp, checkBytesChecks). Nothing here
// decides that the bytes stay unwritten and unkept: the record step checks
// that of every string parameter (StringBytes.h).
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

using namespace llvm;

namespace pyunbox {

void WrapperAnalyzer::noteBytesObjectRead(Instruction &Read, unsigned Slot, bool Length,
                                          bool AnyObject) {
  BytesObjectReads.push_back({&Read, Slot, Length, /*Into=*/false, AnyObject});
  Sanctioned[&Read] = Sanction::Unbox;
  // A bytes' count is never negative: PyBytes_Size's -1 (not a bytes)
  // cannot happen in the core. (Nor is its data NULL: knownNonNull.)
  if (Length)
    Models[&Read] = newNonNegativeModel(Read.getType());
}

// PyPy's Py_SIZE(o) is a macro, a load of ob_size (where the tuple's
// length is: tupleLayout). Its address, then unused, goes with it.
void WrapperAnalyzer::collectInlineSizeReads() {
  std::optional<TupleLayout> Layout = tupleLayout(*F.getParent());
  if (!Layout)
    return;
  Type *SSizeT = abiType(ValueKind::SSizeT, F.getContext());
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      Value *Obj = nullptr;
      auto It = I.getType() == SSizeT && fieldOffset(&I, Obj) == Layout->SizeOffset
                    ? SlotOf.find(Obj)
                    : SlotOf.end();
      if (It != SlotOf.end() && !Sanctioned.count(&I))
        noteBytesObjectRead(I, It->second, /*Length=*/true, /*AnyObject=*/true);
    }
}

std::optional<Refusal> WrapperAnalyzer::visitBytesRead(CallBase &CB, const BoundaryPrimitive &P) {
  auto It = CB.arg_size() == 1 ? SlotOf.find(CB.getArgOperand(0)) : SlotOf.end();
  bool Length = P.Role == PrimitiveRole::BytesLength;
  bool Typed = Length ? CB.getType() == abiType(ValueKind::SSizeT, CB.getContext())
                      : CB.getType()->isPointerTy();
  if (It != SlotOf.end() && Typed)
    noteBytesObjectRead(CB, It->second, Length);
  return std::nullopt; // of anything else: judged where it runs
}

// PyBytes_AsStringAndSize(o, &buf, &len): of an exact bytes it stores the
// bytes and their count and returns 0, as "y#" stores them (a ParseSite).
// Without a length pointer (NULL) it raises for bytes with a NUL in them:
// the kind is then BYTES, whose callers pass none.
std::optional<Refusal> WrapperAnalyzer::visitBytesInto(CallBase &CB, const BoundaryPrimitive &) {
  auto It = CB.arg_size() == 3 ? SlotOf.find(CB.getArgOperand(0)) : SlotOf.end();
  if (It == SlotOf.end() || !CB.getType()->isIntegerTy())
    return std::nullopt;
  unsigned Slot = It->second;
  LLVMContext &Ctx = CB.getContext();
  // A length stored where nothing reads it (Cython's __Pyx_PyObject_AsString
  // passes &ignore) is no length read: the code may read the bytes as a C
  // string, which BYTES promises.
  Value *Length = CB.getArgOperand(2);
  auto *Ignored = dyn_cast<AllocaInst>(Length->stripPointerCasts());
  bool Sized = !isa<ConstantPointerNull>(Length) &&
               !(Ignored && all_of(Ignored->users(), [&](const User *U) {
                 auto *I = dyn_cast<Instruction>(U);
                 return U == &CB || (I && I->isLifetimeStartOrEnd()) ||
                        (isa<StoreInst>(U) && cast<StoreInst>(U)->getPointerOperand() == Ignored);
               }));
  ParseSite Site{&CB, {CB.getArgOperand(1)}, {PointerType::get(Ctx, 0)}, Slot, {Slot}};
  if (Sized) {
    Site.OutPtrs.push_back(CB.getArgOperand(2));
    Site.StoredTypes.push_back(abiType(ValueKind::SSizeT, Ctx));
    Site.Slots.push_back(Slot);
  }
  S.Parses.push_back(std::move(Site));
  BytesObjectReads.push_back({&CB, Slot, Sized, /*Into=*/true});
  S.Facts[&CB] = ConstantInt::get(CB.getType(), 0);
  Sanctioned[&CB] = Sanction::Parse;
  return std::nullopt;
}

bool WrapperAnalyzer::isBytesDataRead(const Value *V) const {
  return any_of(BytesObjectReads,
                [&](const BytesObjectRead &R) { return R.Read == V && !R.Length && !R.Into; });
}

// Only the reads that run decide: the kind, and which calls take the
// parameters. BYTES_SIZE where a count is read (and used), or where the
// argument is also a "y#" unit or a view's (whose kind is that); BYTES
// otherwise.
void WrapperAnalyzer::settleBytesObjectReads(const FactPropagation &FP) {
  // Py_SIZE reads a bytes' count only of an argument read as a bytes by
  // something else that runs (math.log10's Py_SIZE of an int is its digits):
  // elsewhere it is what it was, an argument used for more than unboxing.
  SmallSet<unsigned, 2> ReadAsBytes;
  for (const BytesObjectRead &R : BytesObjectReads)
    if (!R.AnyObject && FP.executes(*R.Read))
      ReadAsBytes.insert(R.Slot);
  for (const SlotUse &U : SlotUses)
    if (isString(U.Kind) && FP.executes(*U.Site))
      ReadAsBytes.insert(U.Slot);
  erase_if(BytesObjectReads, [&](const BytesObjectRead &R) {
    if (!R.AnyObject || ReadAsBytes.count(R.Slot))
      return false;
    Sanctioned.erase(R.Read);
    Models.erase(R.Read);
    return true;
  });
  SmallSet<unsigned, 2> Sized;
  for (const BytesObjectRead &R : BytesObjectReads)
    if (R.Length && FP.executes(*R.Read) && (R.Into || !R.Read->use_empty()))
      Sized.insert(R.Slot);
  for (const SlotUse &U : SlotUses)
    if (U.Kind == ValueKind::BytesSize && FP.executes(*U.Site))
      Sized.insert(U.Slot);
  for (const BytesObjectRead &R : BytesObjectReads) {
    if (!FP.executes(*R.Read))
      continue;
    noteSlotKind(*R.Read, R.Slot, Sized.count(R.Slot) ? ValueKind::BytesSize : ValueKind::Bytes);
    if (!R.Into)
      S.BufferReads.push_back({R.Read, R.Slot, R.Length});
  }
}

} // namespace pyunbox
