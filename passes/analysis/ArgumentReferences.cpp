//===- analysis/ArgumentReferences.cpp - References to arguments, in pairs ---===//
//
// A wrapper may take references to its argument objects and release them
// again: Cython 3.1+ keeps each argument in values[] as a new reference
// (__Pyx_ArgRef_FASTCALL is Py_NewRef(args[i])) and releases them all with
// Py_XDECREF on every exit; hand-written code brackets a use with
// Py_INCREF/Py_DECREF. The core has no argument objects, so none of this
// exists in it. That is sound where the wrapper's own counting is neutral:
//  - on every path to a return, each argument is released exactly as often
//    as a reference to it was taken (a leak, or one released too often,
//    would be a change the core does not make);
//  - no release comes before its reference was taken, so none frees the
//    object (the caller holds its own reference for the whole call);
//  - the object goes nowhere else: Py_NewRef's result is the same argument
//    (its slot), and every other use of it is checked as any argument's is.
// Paths that end in a bail do not count: there the core has done nothing,
// and the caller runs the wrapper.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

#include "llvm/IR/CFG.h"

using namespace llvm;

namespace pyunbox {

bool WrapperAnalyzer::noteArgumentReference(CallBase &CB, const BoundaryPrimitive &P) {
  if (!CB.arg_size())
    return false;
  Value *Obj = CB.getArgOperand(0);
  auto Slot = SlotOf.find(Obj);
  if (Slot == SlotOf.end() || IndexResults.count(Obj))
    return false;
  int Delta = 0;
  switch (P.Role) {
  case PrimitiveRole::NewRef:
    if (CB.getType() != Obj->getType())
      return false;
    SlotOf[&CB] = Slot->second; // the same object, one reference more
    S.NewRefs.push_back(&CB);   // in the core: its argument, which goes
    Sanctioned[&CB] = Sanction::NewRef;
    Delta = 1;
    break;
  case PrimitiveRole::IncRef:
    Delta = 1;
    break;
  case PrimitiveRole::DecRef:
  case PrimitiveRole::XDecRef: // of an argument, never NULL
    Delta = -1;
    break;
  default:
    return false;
  }
  if (Delta == -1 || P.Role == PrimitiveRole::IncRef) {
    S.RefcountOps.push_back(&CB);
    Sanctioned[&CB] = Sanction::Refcount;
  }
  ArgumentReferences.push_back({&CB, Slot->second, Delta});
  return true;
}

// A forward walk over the code that runs, with the references held to each
// argument at the start of each block; where paths meet they must agree.
std::optional<Refusal> WrapperAnalyzer::checkArgumentReferences(const FactPropagation &FP) const {
  SmallVector<const ArgumentReference *, 4> Running;
  for (const ArgumentReference &R : ArgumentReferences)
    if (FP.executes(*R.Op))
      Running.push_back(&R);
  if (Running.empty())
    return std::nullopt;
  DenseMap<const Instruction *, const ArgumentReference *> OpAt;
  unsigned Slots = 0; // a slot may lie past NumSlots (a keyword-only one)
  for (const ArgumentReference *R : Running) {
    OpAt[R->Op] = R;
    Slots = std::max(Slots, R->Slot + 1);
  }
  using Held = SmallVector<int, 4>; // references held, by slot
  DenseMap<const BasicBlock *, Held> AtEntry;
  const BasicBlock *Entry = &F.getEntryBlock();
  AtEntry[Entry] = Held(Slots, 0);
  SmallVector<const BasicBlock *, 8> Work{Entry};
  auto Name = [](unsigned Slot) { return "argument " + Twine(Slot + 1); };
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    Held Now = AtEntry[BB];
    bool Stopped = false;
    for (const Instruction &I : *BB) {
      if (!FP.executes(I)) {
        Stopped = true; // a bail: the path ends with nothing done
        break;
      }
      if (const ArgumentReference *R = OpAt.lookup(&I)) {
        Now[R->Slot] += R->Delta;
        if (Now[R->Slot] < 0)
          return refuse(RefusalKey::UnbalancedArgumentReference,
                        "releases " + Name(R->Slot) + " (" + describe(&I) +
                            ") without having taken a reference to it");
      }
      if (isa<ReturnInst>(I))
        for (unsigned Slot = 0; Slot != Now.size(); ++Slot)
          if (Now[Slot] != 0)
            return refuse(RefusalKey::UnbalancedArgumentReference,
                          "returns holding " + Twine(Now[Slot]) + " more reference" +
                              (Now[Slot] == 1 ? "" : "s") + " to " + Name(Slot) +
                              " than it was passed");
    }
    if (Stopped)
      continue;
    for (const BasicBlock *Succ : successors(BB)) {
      if (!FP.isExecutableEdge(BB, Succ))
        continue;
      auto [It, New] = AtEntry.try_emplace(Succ, Now);
      if (New) {
        Work.push_back(Succ);
        continue;
      }
      for (unsigned Slot = 0; Slot != Now.size(); ++Slot)
        if (It->second[Slot] != Now[Slot])
          return refuse(RefusalKey::UnbalancedArgumentReference,
                        "holds a reference to " + Name(Slot) + " on some paths only");
    }
  }
  return std::nullopt;
}

} // namespace pyunbox
