//===- analysis/BytesStrDispatch.cpp - A string argument tested for its type ===//
//
// Hand-written code takes a bytes or a str for the same bytes (mmh3's hash,
// siphashc):
//
//   if (PyBytes_Check(o))        { n = PyBytes_Size(o); s = PyBytes_AS_STRING(o); }
//   else if (PyUnicode_Check(o))   s = PyUnicode_AsUTF8AndSize(o, &n);
//   else                           raise TypeError;
//
// The core takes the bytes' way (BytesObjectReads.cpp: a BYTES_SIZE
// parameter), so a str goes to the wrapper. A UTF8_SIZE parameter stands for
// an exact bytes (its bytes) and an exact str (its UTF-8, str.encode() in a
// consumer), each with its length: the wrapper must do for the str, with its
// UTF-8 and that length, what it does for a bytes of those bytes. So the
// analysis runs the wrapper in two worlds, the argument an exact bytes (its
// tests the facts they are: the core's) and an exact str (each test what it
// gives for an exact str), and proves the two runs the same
// (TwoWorldProof.h). The converted values are the bytes (PyBytes_AS_STRING,
// PyBytes_AsStringAndSize's first store; PyUnicode_AsUTF8AndSize's result,
// never NULL there: a consumer passes no str without UTF-8) and their length
// (PyBytes_Size, Py_SIZE, PyBytes_AsStringAndSize's second store;
// PyUnicode_AsUTF8AndSize's store through its second argument). Where that
// holds, the parameter's kind is UTF8_SIZE; anywhere else it stays
// BYTES_SIZE. An argument only read for its bytes (BYTES, no length) has no
// such kind: a UTF8 parameter takes no bytes. A test whose answer for a str
// is not known (PyPy's inline PyObject_CheckBuffer reads the type's buffer
// procs) has none in the str world: the proof holds only where the str's
// way never branches on it. A str's way that converts it otherwise
// (PyUnicode_AsUTF8, whose length is not the UTF-8's) is tried in no proof;
// its StrCallsTakeWrapper remark names the conversion.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "analysis/TwoWorldProof.h"
#include "llvm/IR/InstIterator.h"

using namespace llvm;

namespace pyunbox {

namespace {
// The converted values' numbers.
constexpr unsigned Bytes = 0, Length = 1;
} // namespace

void WrapperAnalyzer::settleBytesStrDispatches(WorldPropagation Propagate) {
  // Per argument read as a bytes with its length: its type tests, each
  // with what it gives for an exact str (nullptr where that is not known),
  // and its str conversions.
  struct Candidate {
    unsigned Slot = 0;
    DenseMap<Value *, Constant *> InStr;
    SmallPtrSet<const Value *, 2> StrConversions;
  };
  SmallVector<Candidate, 2> Candidates;
  for (unsigned Slot = 0; Slot != SlotKinds.size(); ++Slot) {
    if (SlotKinds[Slot] != ValueKind::BytesSize)
      continue;
    Candidate C;
    C.Slot = Slot;
    for (const BytesCheckSite &T : BytesChecks)
      if (T.Slot == Slot)
        C.InStr[T.Call] = T.OfStr ? ConstantInt::get(T.Call->getType(), *T.OfStr) : nullptr;
    const Function *OtherConversion = nullptr; // a str way of another sort
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      auto It = Callee && CB->arg_size() ? SlotOf.find(CB->getArgOperand(0)) : SlotOf.end();
      if (It == SlotOf.end() || It->second != Slot || !isStrConversion(apiName(*Callee)))
        continue;
      if (CB->arg_size() == 2 && isUnicodeAsUtf8AndSize(apiName(*Callee)) &&
          !isa<ConstantPointerNull>(CB->getArgOperand(1)))
        C.StrConversions.insert(CB);
      else if (!OtherConversion)
        OtherConversion = Callee;
    }
    // An int test of it refuses the wrapper anyway (checkIntChecks).
    bool IntTested = any_of(IntChecks, [&](const IntCheckSite &T) { return T.Slot == Slot; });
    if (IntTested || C.InStr.empty())
      continue;
    if (!C.StrConversions.empty())
      Candidates.push_back(std::move(C));
    else if (OtherConversion && !S.StrTakesWrapper)
      S.StrTakesWrapper = {Slot, "its str's way converts it with '" + apiName(*OtherConversion) +
                                     "', and only PyUnicode_AsUTF8AndSize's UTF-8 and length are "
                                     "a bytes' bytes and count"};
  }
  if (Candidates.empty())
    return;
  // The other candidates' tests are unknown in each proof: it then holds
  // whatever their objects are. So are the bytes' stores of
  // PyBytes_AsStringAndSize (0 only of a bytes).
  DenseMap<Value *, Constant *> Base = S.Facts;
  for (const Candidate &C : Candidates) {
    for (auto &Entry : C.InStr)
      Base.erase(Entry.first);
    for (const BytesObjectRead &R : BytesObjectReads)
      if (R.Slot == C.Slot && R.Into)
        Base.erase(R.Read);
  }
  for (const Candidate &C : Candidates) {
    DenseMap<Value *, Constant *> InBytes = Base, InStr = Base;
    SmallPtrSet<Value *, 8> Tests;
    for (auto &[Test, OfStr] : C.InStr) {
      InBytes[Test] = S.Facts.lookup(Test);
      if (OfStr)
        InStr[Test] = OfStr; // else unknown there: a branch on it fails the proof
      Tests.insert(Test);
    }
    for (const BytesObjectRead &R : BytesObjectReads)
      if (R.Slot == C.Slot && R.Into)
        InBytes[R.Read] = S.Facts.lookup(R.Read);
    auto StrBytesNonNull = [&C](const Value *V) { return C.StrConversions.count(V) != 0; };
    std::unique_ptr<FactPropagation> OfBytes = Propagate(InBytes, nullptr),
                                     OfStr = Propagate(InStr, StrBytesNonNull);
    SmallVector<Value *, 4> Objects;
    for (auto &[V, Slot] : SlotOf)
      if (Slot == C.Slot)
        Objects.push_back(V);
    if (Objects.empty())
      continue;
    Value *Obj = Objects.front(); // sameArgument: any of them
    auto ConversionOf = [&](const Value *V, World W) -> std::optional<unsigned> {
      if (W == World::Other)
        return C.StrConversions.count(V) ? std::optional<unsigned>(Bytes) : std::nullopt;
      for (const BytesObjectRead &R : BytesObjectReads)
        if (R.Read == V && R.Slot == C.Slot && !R.Into)
          return R.Length ? Length : Bytes;
      return std::nullopt;
    };
    auto StoresOf = [&](const CallBase &CB, World W,
                        SmallVectorImpl<std::pair<const Value *, unsigned>> &Out) {
      if (W == World::Other) {
        if (C.StrConversions.count(&CB))
          Out.push_back({CB.getArgOperand(1), Length});
        return;
      }
      for (const BytesObjectRead &R : BytesObjectReads)
        if (R.Read == &CB && R.Slot == C.Slot && R.Into) {
          Out.push_back({CB.getArgOperand(1), Bytes});
          if (R.Length)
            Out.push_back({CB.getArgOperand(2), Length});
        }
    };
    auto IsPureRead = [&](const Value *V) { return isPureReadOf(V, Obj, /*ObjectFields=*/true); };
    std::string Why;
    if (provenSameInBothWorlds(F, *OfBytes, *OfStr, Objects, Tests, {ConversionOf, StoresOf, IsPureRead},
                               Why)) {
      SlotKinds[C.Slot] = ValueKind::Utf8Size;
      StrDispatchedSlots.insert(C.Slot);
    } else if (!S.StrTakesWrapper) {
      S.StrTakesWrapper = {C.Slot, Why};
    }
  }
}

} // namespace pyunbox
