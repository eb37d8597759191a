//===- analysis/BufferUnits.cpp - "y*" and "s*": an argument's Py_buffer ----===//
//
// A "y*" unit fills a Py_buffer with a view of any bytes-like object, an
// "s*" unit with a str's UTF-8 or a bytes-like object's bytes; the wrapper
// reads the view's `buf` and `len` and gives it back with PyBuffer_Release.
// For an exact bytes (or str) that is what "y#" ("s#") gives, so the core
// takes the same two C parameters (a _SIZE kind, with PYUNBOX_PARAM_ANY_BUFFER
// in the record: the wrapper takes more than the kind's fast path passes).
// Argument Clinic fills a Py_buffer parameter's view itself, with
// PyObject_GetBuffer(args[k], &view, PyBUF_SIMPLE), tests it with
// PyBuffer_IsContiguous (true of a bytes') and releases it at its exit where
// `view.obj` is set: the same unit. A read of another field of a bytes'
// view is a constant (bytesViewField). That holds only where the view is
// used for nothing else: no other field read, its address passed nowhere,
// nothing stored into it after it is filled.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

namespace {

// CPython's Include/pybuffer.h (and PyPy's cpyext, whose struct adds fields
// only at its end): {void *buf; PyObject *obj; Py_ssize_t len; Py_ssize_t
// itemsize; int readonly; int ndim; char *format; Py_ssize_t *shape;
// Py_ssize_t *strides; Py_ssize_t *suboffsets; void *internal}. The offsets
// of the first four in pointers.
constexpr unsigned BufField = 0, ObjField = 1, LenField = 2, ItemSizeField = 3;
// PyBUF_WRITABLE: a request for a writable view, which a bytes refuses.
constexpr uint64_t WritableFlag = 0x1;

// What a read of the field at Offset (of type T) gives in a bytes' (or a
// str's UTF-8) view, or null where it is not one constant. CPython fills it
// with PyBuffer_FillInfo(view, obj, data, len, readonly=1, flags), PyPy's
// cpyext from its own buffer: both give one dimension of one-byte items,
// read-only, with no suboffsets and no internal data. Not `format`, `shape`
// or `strides`: CPython's are NULL unless the flags ask for them, PyPy's
// are set whatever the flags.
Constant *bytesViewField(uint64_t Offset, Type *T, const DataLayout &DL) {
  uint64_t P = DL.getPointerSize();
  if (Offset == ItemSizeField * P)
    return T == abiType(ValueKind::SSizeT, T->getContext()) ? ConstantInt::get(T, 1) : nullptr;
  if (Offset == 4 * P || Offset == 4 * P + 4) // readonly, ndim: ints after itemsize
    return T->isIntegerTy(32) ? ConstantInt::get(T, 1) : nullptr;
  if (Offset == 7 * P + 8 || Offset == 8 * P + 8) // suboffsets, internal: after three pointers
    return T->isPointerTy() ? ConstantPointerNull::get(cast<PointerType>(T)) : nullptr;
  return nullptr;
}

// The name of the Py_buffer field at Offset, for a remark ("shape"), or
// "" between fields: buf, obj, len and itemsize in pointers, readonly and
// ndim as ints, then format, shape, strides, suboffsets and internal.
StringRef viewFieldName(uint64_t Offset, uint64_t P) {
  static const char *const Pointers[] = {"buf", "obj", "len", "itemsize"};
  static const char *const After[] = {"format", "shape", "strides", "suboffsets", "internal"};
  if (Offset % P == 0 && Offset / P < 4)
    return Pointers[Offset / P];
  if (Offset == 4 * P || Offset == 4 * P + 4)
    return Offset == 4 * P ? "readonly" : "ndim";
  if (Offset >= 4 * P + 8 && (Offset - 4 * P - 8) % P == 0 && (Offset - 4 * P - 8) / P < 5)
    return After[(Offset - 4 * P - 8) / P];
  return "";
}

bool isMarker(const Instruction &I) {
  auto *II = dyn_cast<IntrinsicInst>(&I);
  return isa<DbgInfoIntrinsic>(I) || (II && II->isLifetimeStartOrEnd());
}

// Whether Test (a load of the view's `obj`) guards its releases only:
// `if (view.obj) PyBuffer_Release(&view);`, Clinic's cleanup at its exit,
// where the view may not have been filled. Each use is a null test whose
// branch skips a block of releases of the view; without them (the core's),
// both ways are the same.
bool guardsReleasesOnly(const LoadInst &Test, const Value *View) {
  return all_of(Test.users(), [&](const User *U) {
    auto *Cmp = dyn_cast<ICmpInst>(U);
    if (!Cmp || !Cmp->isEquality() || !isa<ConstantPointerNull>(Cmp->getOperand(1)))
      return false;
    return all_of(Cmp->users(), [&](const User *B) {
      auto *Br = dyn_cast<BranchInst>(B);
      if (!Br || !Br->isConditional())
        return false;
      const BasicBlock *Set = Br->getSuccessor(Cmp->getPredicate() == ICmpInst::ICMP_EQ);
      const BasicBlock *Skip = Br->getSuccessor(Cmp->getPredicate() != ICmpInst::ICMP_EQ);
      if (Set->getSingleSuccessor() != Skip || Set->getSinglePredecessor() != Br->getParent())
        return false;
      return all_of(*Set, [&](const Instruction &I) {
        const BoundaryPrimitive *P = calledPrimitive(&I);
        return I.isTerminator() || isMarker(I) ||
               (P && P->Role == PrimitiveRole::ReleaseBuffer &&
                cast<CallBase>(I).arg_size() == 1 &&
                cast<CallBase>(I).getArgOperand(0)->stripPointerCasts() == View);
      });
    });
  });
}

} // namespace

bool WrapperAnalyzer::noteBufferUnit(CallBase &Filler, Value *Var, std::string &Why,
                                     BufferUnitUses &Uses) {
  auto *View = dyn_cast<AllocaInst>(Var->stripPointerCasts());
  if (!View || View->isArrayAllocation())
    return Why = "is not a local variable", false;
  const DominatorTree &DT = dominators();
  uint64_t PtrBytes = DL.getPointerSize();
  Type *SSizeT = abiType(ValueKind::SSizeT, Filler.getContext());
  // The view's address and what is derived from it by constant offsets.
  SmallVector<std::pair<Value *, uint64_t>, 8> Work{{View, 0}};
  SmallPtrSet<Value *, 8> Seen{View};
  while (!Work.empty()) {
    auto [Addr, Offset] = Work.pop_back_val();
    for (User *U : Addr->users()) {
      auto *I = cast<Instruction>(U);
      if (isMarker(*I))
        continue;
      if (auto *GEP = dyn_cast<GetElementPtrInst>(I)) {
        APInt Delta(DL.getIndexTypeSizeInBits(GEP->getType()), 0);
        if (!GEP->accumulateConstantOffset(DL, Delta) || Delta.isNegative())
          return Why = "is indexed by a variable", false;
        if (Seen.insert(GEP).second)
          Work.push_back({GEP, Offset + Delta.getZExtValue()});
        continue;
      }
      if (I == &Filler) {
        if (Offset != 0 || count(Filler.args(), Addr) != 1)
          return Why = "receives more than one output", false;
        continue;
      }
      const BoundaryPrimitive *P = calledPrimitive(I);
      auto *Call = dyn_cast<CallBase>(I);
      bool OfView = Call && Offset == 0 && Call->arg_size() && Call->getArgOperand(0) == Addr &&
                    count(Call->args(), Addr) == 1;
      if (P && P->Role == PrimitiveRole::ReleaseBuffer && OfView && Call->arg_size() == 1) {
        Uses.Releases.push_back(Call);
        continue;
      }
      // A bytes' view is one contiguous array, in every order CPython
      // knows: 'C', 'F' and 'A' (any other order is 0, whatever the view).
      auto *Order = Call && Call->arg_size() == 2 ? dyn_cast<ConstantInt>(Call->getArgOperand(1))
                                                   : nullptr;
      int64_t OrderChar = Order ? Order->getSExtValue() : 0;
      bool KnownOrder = OrderChar == 'C' || OrderChar == 'F' || OrderChar == 'A';
      if (P && P->Role == PrimitiveRole::BufferIsContiguous && OfView && KnownOrder &&
          Call->getType()->isIntegerTy()) {
        if (!DT.dominates(&Filler, Call))
          return Why = "is tested where it may not be filled", false;
        Uses.Facts.push_back({Call, ConstantInt::get(Call->getType(), 1)});
        continue;
      }
      if (auto *L = dyn_cast<LoadInst>(I); L && L->isSimple()) {
        bool Buf = Offset == BufField * PtrBytes && L->getType()->isPointerTy();
        bool Len = Offset == LenField * PtrBytes && L->getType() == SSizeT;
        if (Offset == ObjField * PtrBytes && L->getType()->isPointerTy() && guardsReleasesOnly(*L, View))
          continue;
        // Optimized, the release's test may end in a diamond, a value
        // moved into its arm (libscrc's helper inlined under LTO): where
        // the view is filled, a bytes' or str's holds the object itself
        // (PyBuffer_FillInfo: view->obj = Py_NewRef(obj)), so its tests
        // against NULL are facts. (On a failed parse's way, which bails,
        // the fact goes with the rest.)
        if (Offset == ObjField * PtrBytes && L->getType()->isPointerTy() && DT.dominates(&Filler, L) &&
            !L->use_empty() && all_of(L->users(), [](const User *U) {
              auto *Cmp = dyn_cast<ICmpInst>(U);
              return Cmp && Cmp->isEquality() && isa<ConstantPointerNull>(Cmp->getOperand(1));
            })) {
          for (User *U : L->users())
            Uses.Facts.push_back({cast<ICmpInst>(U), ConstantInt::getBool(U->getType(), cast<ICmpInst>(U)->getPredicate() == ICmpInst::ICMP_NE)});
          continue;
        }
        Constant *Field = bytesViewField(Offset, L->getType(), DL);
        if (!Buf && !Len && !Field) {
          StringRef Name = viewFieldName(Offset, PtrBytes);
          return Why = ("is read at offset " + Twine(Offset) +
                        (Name.empty() ? std::string() : (" (" + Name + ")").str()) +
                        ", which holds neither its buf, its len nor a constant of a bytes' view")
                           .str(),
                 false;
        }
        if (!DT.dominates(&Filler, L))
          return Why = "is read where it may not be filled", false;
        if (Field)
          Uses.Facts.push_back({L, Field});
        else
          Uses.Reads.push_back({L, Uses.Slot, Len});
        continue;
      }
      // A store or memset into the view before it is filled (`Py_buffer
      // view = {NULL, NULL};`) is overwritten; the core's reads take the
      // parameters.
      auto *St = dyn_cast<StoreInst>(I);
      auto *Set = dyn_cast<MemSetInst>(I);
      bool Into = (St && St->getPointerOperand() == Addr && St->getValueOperand() != Addr) ||
                  (Set && Set->getDest() == Addr);
      if (!Into)
        return Why = "has its address taken for more than its filling and its release (" +
                     describe(I) + ")",
               false;
      if (mayRunAfter(Filler, *I))
        return Why = "is written after it is filled", false;
    }
  }
  return true;
}

void WrapperAnalyzer::adoptBufferUnit(const BufferUnitUses &Uses) {
  append_range(S.BufferReads, Uses.Reads);
  for (CallBase *Release : Uses.Releases) {
    S.BufferReleases.push_back(Release);
    Sanctioned[Release] = Sanction::Parse;
  }
  for (auto [Read, Value] : Uses.Facts) {
    S.Facts[Read] = Value;
    Sanctioned[Read] = Sanction::Fact;
  }
  BufferSlots.push_back(Uses.Slot);
}

// Argument Clinic's Py_buffer parameter: PyObject_GetBuffer(args[k], &view,
// flags) of an argument object, which for a bytes succeeds (returns 0)
// unless the flags ask for a writable view. Anything else is refused where
// it runs.
std::optional<Refusal> WrapperAnalyzer::visitGetBuffer(CallBase &CB, const BoundaryPrimitive &P) {
  auto It = CB.arg_size() == 3 ? SlotOf.find(CB.getArgOperand(0)) : SlotOf.end();
  if (It == SlotOf.end() || !CB.getType()->isIntegerTy())
    return std::nullopt;
  BufferUnitUses Uses;
  Uses.Slot = It->second;
  auto Refuse = [&](const Twine &Why) {
    Problems[&CB] = refuse(RefusalKey::UnsupportedFormat,
                           "'" + CB.getCalledFunction()->getName() + "' of argument " +
                               Twine(Uses.Slot + 1) + " " + Why);
    return std::nullopt;
  };
  auto *Flags = dyn_cast<ConstantInt>(CB.getArgOperand(2));
  if (!Flags)
    return Refuse("asks for a view with flags that are not a constant");
  if (Flags->getZExtValue() & WritableFlag)
    return Refuse("asks for a writable view, which a bytes does not give");
  std::string Why;
  if (!noteBufferUnit(CB, CB.getArgOperand(1), Why, Uses))
    return Refuse("fills a view that " + Why);
  adoptBufferUnit(Uses);
  noteSlotKind(CB, Uses.Slot, P.Kind);
  S.Facts[&CB] = ConstantInt::get(CB.getType(), 0);
  Sanctioned[&CB] = Sanction::Unbox;
  return std::nullopt;
}

} // namespace pyunbox
