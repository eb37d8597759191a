//===- analysis/BufferUnits.cpp - "y*" and "s*": an argument's Py_buffer ----===//
//
// A "y*" unit fills a Py_buffer with a view of any bytes-like object, an
// "s*" unit with a str's UTF-8 or a bytes-like object's bytes; the wrapper
// reads the view's `buf` and `len` and gives it back with PyBuffer_Release.
// For an exact bytes (or str) that is what "y#" ("s#") gives, so the core
// takes the same two C parameters (a _SIZE kind, with PYUNBOX_PARAM_ANY_BUFFER
// in the record: the wrapper takes more than the kind's fast path passes).
// That holds only where the view is used for nothing else: no other field
// read, its address passed nowhere, nothing stored into it after the parse.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

#include "llvm/Analysis/CFG.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

namespace {

// CPython's Include/pybuffer.h (and PyPy's cpyext, whose struct adds fields
// only at its end): {void *buf; PyObject *obj; Py_ssize_t len; ...}. The
// offsets of `buf` and `len` in pointers.
constexpr unsigned BufField = 0, LenField = 2;

bool isMarker(const Instruction &I) {
  auto *II = dyn_cast<IntrinsicInst>(&I);
  return isa<DbgInfoIntrinsic>(I) || (II && II->isLifetimeStartOrEnd());
}

} // namespace

bool WrapperAnalyzer::noteBufferUnit(CallBase &Parse, Value *Var, unsigned Slot, std::string &Why,
                                     SmallVectorImpl<BufferRead> &Reads,
                                     SmallVectorImpl<CallBase *> &Releases) {
  auto *View = dyn_cast<AllocaInst>(Var->stripPointerCasts());
  if (!View || View->isArrayAllocation())
    return Why = "is not a local variable", false;
  const DominatorTree &DT = dominators();
  uint64_t PtrBytes = DL.getPointerSize();
  Type *SSizeT = abiType(ValueKind::SSizeT, Parse.getContext());
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
      if (I == &Parse) {
        if (Offset != 0 || count(Parse.args(), Addr) != 1)
          return Why = "receives more than one output", false;
        continue;
      }
      if (const BoundaryPrimitive *P = calledPrimitive(I);
          P && P->Role == PrimitiveRole::ReleaseBuffer && Offset == 0 &&
          cast<CallBase>(I)->arg_size() == 1 && cast<CallBase>(I)->getArgOperand(0) == Addr) {
        Releases.push_back(cast<CallBase>(I));
        continue;
      }
      if (auto *L = dyn_cast<LoadInst>(I); L && L->isSimple()) {
        bool Buf = Offset == BufField * PtrBytes && L->getType()->isPointerTy();
        bool Len = Offset == LenField * PtrBytes && L->getType() == SSizeT;
        if (!Buf && !Len)
          return Why = ("is read at offset " + Twine(Offset) +
                        ", which is neither its buf nor its len")
                           .str(),
                 false;
        if (!DT.dominates(&Parse, L))
          return Why = "is read where the parse may not have run", false;
        Reads.push_back({L, Slot, Len});
        continue;
      }
      // A store or memset into the view before the parse (`Py_buffer view =
      // {0};`) is overwritten by it; the core's reads take the parameters.
      auto *St = dyn_cast<StoreInst>(I);
      auto *Set = dyn_cast<MemSetInst>(I);
      bool Into = (St && St->getPointerOperand() == Addr && St->getValueOperand() != Addr) ||
                  (Set && Set->getDest() == Addr);
      if (!Into)
        return Why = "has its address taken for more than the parse and its release (" +
                     describe(I) + ")",
               false;
      if (isPotentiallyReachable(&Parse, I, nullptr, &DT))
        return Why = "is written after the parse", false;
    }
  }
  return true;
}

} // namespace pyunbox
