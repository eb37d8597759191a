//===- CythonStringTable.cpp - The str objects of Cython 3.1+'s module state ===//
//
// Proves which text each string-table slot holds once the module is
// imported. Cython 3.3's __Pyx_InitConstants(__pyx_mstate), called from the
// module's exec function with the static module state, decodes
//   stringtab[i] = PyUnicode_DecodeUTF8(bytes + pos, str_length_index[i].length, NULL)
// for each i, pos summing the lengths: the replay runs exactly that loop.
// 3.1's calls __Pyx_InitStrings(table, __pyx_mstate->__pyx_string_tab, ...),
// which makes slot i from entry i's text: the replay follows the call.
// Where the bytes are compressed (Cython's default where that saves 200
// bytes or more), 3.3's own LZSS decoder fills a bytes object, which the
// replay follows too; zlib, bz2 and zstd (3.2's default, or by
// CYTHON_COMPRESS_STRINGS) are Python modules imported at run time, where the
// replay stops before the first str: no slot has a text, and the reason
// names the call.
//
//===----------------------------------------------------------------------===//
#include "pyunbox/passes/CythonStringTable.h"
#include "pyunbox/passes/BoundaryPrimitives.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace pyunbox {
namespace {

// The constant a local variable holds at Load: every store to it is a plain
// store into it (it never escapes), and the last store on every path from
// the entry to Load stores the same constant. Otherwise nullptr.
const Constant *lastStoredConstant(const AllocaInst &Local, const LoadInst &Load) {
  for (const User *U : Local.users()) {
    if (isa<LoadInst>(U))
      continue;
    if (auto *S = dyn_cast<StoreInst>(U); S && S->getPointerOperand() == &Local &&
                                          S->getValueOperand() != &Local)
      continue;
    if (auto *II = dyn_cast<IntrinsicInst>(U); II && II->isLifetimeStartOrEnd())
      continue;
    return nullptr;
  }
  const Constant *Found = nullptr;
  SmallPtrSet<const BasicBlock *, 16> Seen;
  SmallVector<std::pair<const BasicBlock *, BasicBlock::const_reverse_iterator>, 8> Work;
  Work.emplace_back(Load.getParent(), std::next(Load.getReverseIterator()));
  while (!Work.empty()) {
    auto [BB, It] = Work.pop_back_val();
    const StoreInst *Last = nullptr;
    for (; It != BB->rend() && !Last; ++It)
      if (auto *S = dyn_cast<StoreInst>(&*It); S && S->getPointerOperand() == &Local)
        Last = S;
    if (Last) {
      auto *C = dyn_cast<Constant>(Last->getValueOperand());
      if (!C || (Found && C != Found))
        return nullptr;
      Found = C;
      continue;
    }
    if (BB->isEntryBlock())
      return nullptr; // a path on which nothing was stored
    for (const BasicBlock *Pred : predecessors(BB))
      if (Seen.insert(Pred).second)
        Work.emplace_back(Pred, Pred->rbegin());
  }
  return Found;
}

// What argument K of every call of F is proven to be, or nullptr.
const Constant *provenArgument(const Function &F, unsigned K) {
  const Constant *Proven = nullptr;
  for (const User *U : F.users()) {
    auto *CB = dyn_cast<CallBase>(U);
    if (!CB || CB->getCalledOperand() != &F || K >= CB->arg_size())
      return nullptr;
    const Value *Arg = CB->getArgOperand(K);
    const Constant *C = dyn_cast<Constant>(Arg);
    if (auto *L = dyn_cast<LoadInst>(Arg))
      if (auto *Local = dyn_cast<AllocaInst>(L->getPointerOperand()))
        C = lastStoredConstant(*Local, *L);
    if (!C || (Proven && C != Proven))
      return nullptr;
    Proven = C;
  }
  return Proven;
}

} // namespace

// Whether F may be called only from the module, by name: every use of it
// is a direct call (its address never escapes), and there is one.
static bool calledOnlyHere(const Function &F) {
  return !F.isDeclaration() && F.hasLocalLinkage() && !F.use_empty() &&
         all_of(F.users(), [&](const User *U) {
           auto *CB = dyn_cast<CallBase>(U);
           return CB && CB->getCalledOperand() == &F;
         });
}

// Whether F makes str objects from bytes itself: calls one of the C API's
// makers the replay models.
static bool makesStrings(const Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (auto *CB = dyn_cast<CallBase>(&I); CB && CB->getCalledFunction() &&
                                            ConstantReplay::makesStr(CB->getCalledFunction()->getName()))
        return true;
  return false;
}

void CythonStringTable::replayFillers() {
  Replayed = true;
  // The fillers: functions that make str objects (3.3's __Pyx_InitConstants
  // decodes them), each replayed with the arguments every call of it is
  // proven to pass. Where that leaves one unknown (3.1's __Pyx_InitStrings
  // is handed the module state's array, which only its caller's argument
  // proves), its callers are replayed instead, following the call. Code
  // nothing calls fills nothing.
  SetVector<Function *> Fillers;
  for (Function &F : M) {
    if (!calledOnlyHere(F) || !makesStrings(F))
      continue;
    bool Proven = true;
    for (unsigned K = 0; K != F.arg_size(); ++K)
      Proven &= F.getArg(K)->use_empty() || provenArgument(F, K);
    if (Proven) {
      Fillers.insert(&F);
      continue;
    }
    for (User *U : F.users())
      if (Function *Caller = cast<CallBase>(U)->getFunction(); calledOnlyHere(*Caller))
        Fillers.insert(Caller);
  }
  for (Function *F : Fillers) {
    SmallVector<const Constant *, 4> Args;
    for (unsigned K = 0; K != F->arg_size(); ++K)
      Args.push_back(provenArgument(*F, K));
    ConstantReplay R(M.getDataLayout());
    R.run(*F, Args);
    Replays.emplace_back(F->getName().str(), std::move(R));
  }
}

SlotText CythonStringTable::textAt(const GlobalVariable &State, uint64_t Offset) {
  if (!Replayed)
    replayFillers();
  SlotText Out;
  std::string Stops;
  for (auto &[Name, R] : Replays) {
    ConstantReplay::Slot S = R.slotAt(State, Offset);
    if (S.K == ConstantReplay::Slot::Other || (S.K == ConstantReplay::Slot::Str && Out.Text && *Out.Text != S.Text)) {
      Out.Text.reset();
      Out.WhyNot = "'" + Name + "' stores something else into its string-table slot";
      return Out;
    }
    if (S.K == ConstantReplay::Slot::Str)
      Out.Text = S.Text;
    else if (!R.stoppedAt().empty())
      Stops += (Stops.empty() ? "" : "; ") + ("'" + Name + "' was replayed up to " + R.stoppedAt());
  }
  if (!Out.Text)
    Out.WhyNot = Replays.empty() ? std::string("no function of the module makes its string table")
                                 : "no replay of the string table's decoding reached its slot (" +
                                       Stops + ")";
  return Out;
}

} // namespace pyunbox
