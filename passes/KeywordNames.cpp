//===- KeywordNames.cpp - The names a wrapper's keyword parser takes ------===//
//
// Cython 0.29: static PyObject **__pyx_pyargnames[] = {&__pyx_n_s_a, ..., 0},
// handed to __Pyx_ParseOptionalKeywords(kwds, argnames, kwds2, values, ...).
// Cython 3.0: the same parser and a local array of the same names, which are
// fields of the module state (__pyx_mstate_global->__pyx_n_s_a, through a
// pointer nothing writes after its initializer, &__pyx_mstate_global_static).
// Cython 3.1+: a local const array {&__pyx_mstate_global->__pyx_n_u_a, ..., 0}
// (clang copies it from a private constant, or zeroes it and stores each
// name: a longer one), handed to
// __Pyx_ParseKeywords(kwds, kwvalues, argnames, kwds2, values + P, ...),
// where P is the number of positional-only parameters, which it leaves out.
//
//===----------------------------------------------------------------------===//
#include "pyunbox/passes/KeywordNames.h"
#include "pyunbox/passes/CythonStringTable.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace pyunbox {
namespace {

// A pointer as a base and a constant byte offset from it.
std::pair<const Value *, int64_t> baseAndOffset(const Value *V, const DataLayout &DL) {
  APInt Off(DL.getIndexTypeSizeInBits(V->getType()), 0);
  const Value *Base = V->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
  return {Base, Off.getSExtValue()};
}

// A global pointer that holds its initializer for the whole run: defined
// here, only ever read (Cython 3.0's __pyx_mstate_global).
bool neverWritten(const GlobalVariable &G) {
  return G.hasLocalLinkage() && G.hasDefinitiveInitializer() && G.getValueType()->isPointerTy() &&
         all_of(G.users(), [&](const User *U) {
           auto *L = dyn_cast<LoadInst>(U);
           return L && L->getPointerOperand() == &G && !L->isVolatile();
         });
}

// Where a pointer points, as a global and a constant byte offset into it:
// a constant address, or one computed from a load of a pointer nothing
// writes (neverWritten). Otherwise nothing.
std::optional<std::pair<const GlobalVariable *, int64_t>> knownAddress(const Value &V,
                                                                      const DataLayout &DL) {
  auto [Base, Off] = baseAndOffset(&V, DL);
  if (auto *L = dyn_cast<LoadInst>(Base)) {
    auto *Holder = dyn_cast<GlobalVariable>(L->getPointerOperand());
    if (!Holder || !neverWritten(*Holder))
      return std::nullopt;
    auto [Init, InitOff] = baseAndOffset(Holder->getInitializer(), DL);
    Base = Init;
    Off += InitOff;
  }
  if (auto *G = dyn_cast<GlobalVariable>(Base))
    return std::make_pair(G, Off);
  return std::nullopt;
}

// The C string a string-table entry {&Slot, "text", ...} gives Slot (Cython
// 0.29 and 3.0's __Pyx_StringTabEntry, from which __Pyx_InitStrings makes
// the slot's interned str).
std::optional<std::string> internedText(const GlobalVariable &Slot) {
  for (const User *U : Slot.users())
    if (auto *Entry = dyn_cast<ConstantStruct>(U); Entry && Entry->getNumOperands() > 1 &&
                                                   Entry->getOperand(0) == &Slot) {
      StringRef Text;
      if (getConstantStringInfo(Entry->getOperand(1), Text))
        return Text.str();
    }
  return std::nullopt;
}

// Cython 3.0 builds its table of __Pyx_StringTabEntry on the stack
// (__Pyx_CreateStringTabAndInitStrings): entry i's first field is stored
// the slot's address, its second the text. The text of the entries whose
// first field is Slot + Off: all the same, or nothing.
std::optional<std::string> builtEntryText(const GlobalVariable &Slot, int64_t Off,
                                          const DataLayout &DL) {
  std::optional<std::string> Found;
  for (const User *HolderUser : Slot.users()) {
    // The pointers that hold Slot's address (Cython 3.0's __pyx_mstate_global).
    auto *Holder = dyn_cast<GlobalVariable>(HolderUser);
    if (!Holder || !neverWritten(*Holder))
      continue;
    SmallVector<const Value *, 16> Work(Holder->user_begin(), Holder->user_end());
    while (!Work.empty()) {
      const Value *V = Work.pop_back_val();
      for (const User *U : V->users()) {
        if (isa<GetElementPtrInst>(U) || isa<BitCastInst>(U)) {
          Work.push_back(U);
          continue;
        }
        auto *S = dyn_cast<StoreInst>(U);
        auto Address = S && S->getValueOperand() == V ? knownAddress(*V, DL) : std::nullopt;
        if (!Address || Address->first != &Slot || Address->second != Off)
          continue;
        auto [Table, At] = baseAndOffset(S->getPointerOperand(), DL);
        auto *Local = dyn_cast<AllocaInst>(Table);
        auto *AT = Local ? dyn_cast<ArrayType>(Local->getAllocatedType()) : nullptr;
        auto *Entry = AT ? dyn_cast<StructType>(AT->getElementType()) : nullptr;
        if (!Entry || Entry->getNumElements() < 2 || !Entry->getElementType(0)->isPointerTy() ||
            !Entry->getElementType(1)->isPointerTy())
          continue;
        uint64_t Size = DL.getTypeAllocSize(Entry).getFixedValue();
        int64_t TextAt = At + int64_t(DL.getStructLayout(Entry)->getElementOffset(1));
        if (At < 0 || At % int64_t(Size))
          return std::nullopt;
        // The one store into that entry's second field.
        std::optional<std::string> Text;
        unsigned Stores = 0;
        SmallVector<const Value *, 16> Fields{Local};
        while (!Fields.empty()) {
          const Value *F = Fields.pop_back_val();
          for (const User *FU : F->users()) {
            if (isa<GetElementPtrInst>(FU) || isa<BitCastInst>(FU)) {
              Fields.push_back(FU);
            } else if (auto *FS = dyn_cast<StoreInst>(FU); FS && FS->getPointerOperand() == F &&
                                                          baseAndOffset(F, DL).second == TextAt) {
              ++Stores;
              StringRef C;
              if (getConstantStringInfo(FS->getValueOperand(), C))
                Text = C.str();
            }
          }
        }
        if (Stores != 1 || !Text || (Found && *Found != *Text))
          return std::nullopt;
        Found = Text;
      }
    }
  }
  return Found;
}

// The elements of a NULL-terminated constant array of pointers to slots
// (at least one), or nothing.
std::optional<SmallVector<const Value *, 8>> slotArray(ArrayRef<const Value *> Elements) {
  auto IsNull = [](const Value *E) { return isa<Constant>(E) && cast<Constant>(E)->isNullValue(); };
  if (Elements.size() < 2 || !IsNull(Elements.back()))
    return std::nullopt;
  for (const Value *E : Elements.drop_back())
    if (IsNull(E) || !E->getType()->isPointerTy())
      return std::nullopt;
  return SmallVector<const Value *, 8>(Elements.drop_back().begin(), Elements.drop_back().end());
}

// More names than a Python function has arguments (255 before 3.7; Cython
// keeps no limit, but this is far past any real one): not an array of names.
constexpr uint64_t MaxNames = 4096;

std::optional<SmallVector<const Value *, 8>> globalContents(const GlobalVariable &G) {
  auto *A = G.hasInitializer() ? dyn_cast<ConstantArray>(G.getInitializer()) : nullptr;
  if (!A || A->getNumOperands() > MaxNames)
    return std::nullopt;
  SmallVector<const Value *, 8> Elements;
  for (const Use &Op : A->operands())
    Elements.push_back(Op.get());
  return Elements;
}

// What a local array of pointers holds wherever it is read, where only its C
// initializer writes it: clang copies a constant array into it (memcpy), or
// zeroes it and stores each element that is not NULL, all in one block, once
// each (a constant, or an address computed there: Cython 3.0's; slotText
// says which it names, or why it names none). Reads and calls that are
// handed it (the parser takes `PyObject ** const argnames[]`) are its other
// uses. Otherwise nothing.
std::optional<SmallVector<const Value *, 8>> localContents(const AllocaInst &Local,
                                                           const DataLayout &DL) {
  auto *AT = dyn_cast<ArrayType>(Local.getAllocatedType());
  if (!AT || !AT->getElementType()->isPointerTy() || !isa<ConstantInt>(Local.getArraySize()) ||
      !cast<ConstantInt>(Local.getArraySize())->isOne())
    return std::nullopt;
  uint64_t N = AT->getNumElements(), PtrSize = DL.getPointerSize();
  uint64_t Size = N * PtrSize;
  if (N > MaxNames)
    return std::nullopt;
  if (DL.getTypeAllocSize(AT).getFixedValue() != Size)
    return std::nullopt;
  SmallVector<const Value *, 8> Elements(N, nullptr);
  const BasicBlock *InitBlock = nullptr;
  const Instruction *Whole = nullptr; // the memcpy or memset of all of it
  SmallVector<const Value *, 8> Work{&Local};
  SmallVector<const StoreInst *, 8> Stores;
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I)
        return std::nullopt;
      if (auto *II = dyn_cast<IntrinsicInst>(I); II && II->isLifetimeStartOrEnd())
        continue;
      if (isa<GetElementPtrInst>(I) || isa<BitCastInst>(I)) {
        Work.push_back(I);
        continue;
      }
      if (isa<LoadInst>(I))
        continue;
      if (auto *MI = dyn_cast<MemIntrinsic>(I)) {
        auto *Len = dyn_cast<ConstantInt>(MI->getLength());
        if (Whole || V != &Local || MI->getRawDest() != V || !Len || Len->getZExtValue() != Size)
          return std::nullopt;
        if (auto *MS = dyn_cast<MemSetInst>(MI)) {
          auto *Byte = dyn_cast<ConstantInt>(MS->getValue());
          if (!Byte || !Byte->isZero())
            return std::nullopt;
          for (const Value *&E : Elements)
            E = ConstantPointerNull::get(cast<PointerType>(AT->getElementType()));
        } else if (auto *MT = dyn_cast<MemTransferInst>(MI)) {
          auto *G = dyn_cast<GlobalVariable>(MT->getRawSource()->stripPointerCasts());
          auto Copied = G && G->isConstant() ? globalContents(*G) : std::nullopt;
          if (!Copied || Copied->size() != N)
            return std::nullopt;
          Elements.assign(Copied->begin(), Copied->end());
        } else {
          return std::nullopt;
        }
        Whole = I;
        continue;
      }
      if (auto *S = dyn_cast<StoreInst>(I);
          S && S->getPointerOperand() == V && S->getValueOperand()->getType()->isPointerTy() &&
          getUnderlyingObject(S->getValueOperand()) != &Local) {
        Stores.push_back(S);
        continue;
      }
      if (auto *CB = dyn_cast<CallBase>(I); CB && CB->getCalledOperand() != V)
        continue;
      return std::nullopt; // a store of its own address, or of a number
    }
  }
  if (Whole)
    InitBlock = Whole->getParent();
  SmallVector<bool, 8> Stored(N, false);
  for (const StoreInst *S : Stores) {
    auto [Base, Off] = baseAndOffset(S->getPointerOperand(), DL);
    if (Base != &Local || Off < 0 || Off % PtrSize || uint64_t(Off) >= Size ||
        !S->getValueOperand()->getType()->isPointerTy() || Stored[Off / PtrSize])
      return std::nullopt;
    if (!InitBlock)
      InitBlock = S->getParent();
    // In the block of the initializer, after the whole-array write.
    if (S->getParent() != InitBlock || (Whole && !Whole->comesBefore(S)))
      return std::nullopt;
    Stored[Off / PtrSize] = true;
    Elements[Off / PtrSize] = S->getValueOperand();
  }
  if (is_contained(Elements, nullptr))
    return std::nullopt; // an element nothing wrote
  return Elements;
}

// The place of the first name (values + P): from every call Wrapper hands
// the names (Names: the array itself, or a local it lives in) to, the one
// other argument that points into a local array of pointers. All agree.
std::optional<unsigned> firstParam(const Function &Wrapper, const Value &Names,
                                   const DataLayout &DL) {
  std::optional<unsigned> First;
  bool Handed = false;
  for (const Instruction &I : instructions(Wrapper)) {
    auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || isa<IntrinsicInst>(CB))
      continue;
    bool Takes = false;
    SmallVector<int64_t, 2> Places;
    for (const Value *Arg : CB->args()) {
      if (!Arg->getType()->isPointerTy())
        continue;
      auto [Base, Off] = baseAndOffset(Arg, DL);
      if (Base == &Names && Off == 0) {
        Takes = true;
        continue;
      }
      auto *Local = dyn_cast<AllocaInst>(Base);
      auto *AT = Local ? dyn_cast<ArrayType>(Local->getAllocatedType()) : nullptr;
      if (AT && AT->getElementType()->isPointerTy())
        Places.push_back(Off);
    }
    if (!Takes)
      continue;
    Handed = true;
    int64_t PtrSize = DL.getPointerSize();
    if (Places.size() != 1 || Places[0] < 0 || Places[0] % PtrSize)
      return std::nullopt;
    unsigned P = unsigned(Places[0] / PtrSize);
    if (First && *First != P)
      return std::nullopt;
    First = P;
  }
  return Handed ? First : std::nullopt;
}

// The text a slot's address names, or why not.
SlotText slotText(const Value &Address, const DataLayout &DL, CythonStringTable &Strings) {
  auto Known = knownAddress(Address, DL);
  SlotText T;
  if (!Known || Known->second < 0) {
    T.WhyNot = "its array of names points at no variable";
    return T;
  }
  auto [Slot, Off] = *Known;
  if (Off == 0 && Slot->getValueType()->isPointerTy()) {
    T.Text = internedText(*Slot);
    T.WhyNot = "no string-table entry gives '" + Slot->getName().str() + "' its text";
  } else if (std::optional<std::string> Built = builtEntryText(*Slot, Off, DL)) {
    T.Text = Built;
  } else {
    T = Strings.textAt(*Slot, uint64_t(Off));
  }
  return T;
}

} // namespace

std::optional<KeywordNames> keywordNames(const Function &Wrapper, CythonStringTable &Strings) {
  const DataLayout &DL = Wrapper.getParent()->getDataLayout();
  // The arrays: globals the wrapper hands a call as they are (Cython 0.29),
  // and its locals that hold one (3.1+).
  SmallVector<std::pair<const Value *, SmallVector<const Value *, 8>>, 2> Arrays;
  SmallPtrSet<const Value *, 8> Seen;
  for (const Instruction &I : instructions(Wrapper)) {
    std::optional<SmallVector<const Value *, 8>> Elements;
    const Value *Names = nullptr;
    if (auto *A = dyn_cast<AllocaInst>(&I)) {
      Names = A;
      Elements = localContents(*A, DL);
    } else if (auto *CB = dyn_cast<CallBase>(&I); CB && !isa<IntrinsicInst>(CB)) {
      for (const Value *Arg : CB->args())
        if (auto *G = dyn_cast<GlobalVariable>(Arg->stripPointerCasts()); G && Seen.insert(G).second) {
          if (auto Copied = globalContents(*G); Copied && slotArray(*Copied))
            Arrays.emplace_back(G, *slotArray(*Copied));
        }
      continue;
    }
    if (Names && Elements && slotArray(*Elements) && Seen.insert(Names).second)
      Arrays.emplace_back(Names, *slotArray(*Elements));
  }
  std::optional<KeywordNames> Found;
  for (auto &[Names, Slots] : Arrays) {
    std::optional<unsigned> First = firstParam(Wrapper, *Names, DL);
    if (!First)
      continue; // no parser takes it
    if (Found)
      return KeywordNames{{}, 0, "the wrapper hands its parsers more than one array of names"};
    Found.emplace();
    Found->FirstParam = *First;
    for (const Value *Address : Slots) {
      SlotText T = slotText(*Address, DL, Strings);
      if (!T.Text || T.Text->empty()) {
        Found->Names.clear();
        Found->WhyNot = T.WhyNot;
        break;
      }
      Found->Names.push_back(*T.Text);
    }
  }
  return Found;
}

} // namespace pyunbox
