//===- DraftInlining.cpp - Inlining a helper into a draft -----------------===//
//
// DraftInlining.h says why drafts do not call llvm::InlineFunction for every
// helper. What is done here follows LLVM's code step by step, so that a
// draft is the one InlineFunction would give (but for what the header lists):
//  1. CloneAndPruneIntoFromInst: clone the callee's blocks depth first from
//     its entry, each instruction's operands mapped and constant-folded as
//     it is cloned (a dead one stays out); a branch or switch on a constant
//     becomes a branch to the one successor cloned. Then the blocks in the
//     callee's order, terminators mapped, phis resolved against the blocks
//     that exist; every clone simplified in the callee's order; terminators
//     on constants folded, unreachable blocks deleted, a block that branches
//     to its only successor merged with it.
//  2. InlineFunction: the entry's static stack slots moved to the caller's
//     entry; inlined calls get the call site's tail kind where theirs is
//     stronger and nounwind where the call site has it; one block goes in
//     before the call; otherwise the call's block is split, the returns
//     branch to the rest (through a phi of their values), and the callee's
//     entry and a lone return block are merged into the blocks around.
// Everything else InlineFunction handles goes to it (isPlainCall).
//
//===----------------------------------------------------------------------===//
#include "pyunbox/passes/DraftInlining.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/ToolAnnotations.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/InstructionSimplify.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"

#include <map>

using namespace llvm;

namespace pyunbox {
namespace {

// Whether InlineFunction would do no more for CB than the steps above: a
// plain call (no invoke, bundle or musttail) of a callee without varargs,
// by-value or noalias arguments (copies, alias scopes), GC, personality or
// EH, block addresses, dynamic stack slots, alias-scope metadata (cloned per
// inline), or calls it rewrites (bundles, musttail, deoptimize and the
// other experimental intrinsics), into a caller that is not strictfp.
bool isPlainCall(const CallBase &CB, const Function &Callee) {
  auto *Call = dyn_cast<CallInst>(&CB);
  const Function &Caller = *CB.getFunction();
  if (!Call || Call->isMustTailCall() || CB.hasOperandBundles() ||
      CB.getFunctionType() != Callee.getFunctionType() || Callee.isVarArg() ||
      Callee.hasGC() || Callee.hasPersonalityFn() || &Caller == &Callee ||
      Caller.hasFnAttribute(Attribute::StrictFP))
    return false;
  for (const Argument &A : Callee.args())
    if (A.hasPassPointeeByValueCopyAttr() || A.hasNoAliasAttr() ||
        CB.isPassPointeeByValueArgument(A.getArgNo()) ||
        CB.paramHasAttr(A.getArgNo(), Attribute::NoAlias))
      return false;
  for (const BasicBlock &BB : Callee) {
    const Instruction *Term = BB.getTerminator();
    if (BB.hasAddressTaken() || !Term ||
        !(isa<ReturnInst>(Term) || isa<BranchInst>(Term) || isa<SwitchInst>(Term) ||
          isa<UnreachableInst>(Term)))
      return false;
    for (const Instruction &I : BB) {
      if (I.isEHPad() || I.hasMetadata(LLVMContext::MD_alias_scope) ||
          I.hasMetadata(LLVMContext::MD_noalias))
        return false;
      if (auto *AI = dyn_cast<AllocaInst>(&I);
          AI && (&BB != &Callee.getEntryBlock() || !isa<ConstantInt>(AI->getArraySize()) ||
                 AI->isUsedWithInAlloca()))
        return false;
      auto *Inner = dyn_cast<CallBase>(&I);
      if (!Inner)
        continue;
      if (Inner->hasOperandBundles() || isa<NoAliasScopeDeclInst>(Inner) ||
          (isa<CallInst>(Inner) && cast<CallInst>(Inner)->isMustTailCall()))
        return false;
      if (const Function *F = Inner->getCalledFunction();
          F && F->isIntrinsic() &&
          (F->getName().contains(".experimental.") || F->getName().contains(".coro.") ||
           F->getName().contains(".local")))
        return false;
    }
  }
  return true;
}

// The callee's values to the caller's: arguments to the call's operands,
// blocks and instructions to their clones (or to what a clone folded to).
// Anything else (constants, globals) is the module's and maps to itself.
class CloneMap {
public:
  Value *operator()(Value *V) const {
    if (Value *To = Map.lookup(V))
      return To;
    // A value of the callee's handed to an intrinsic as metadata.
    if (auto *MV = dyn_cast<MetadataAsValue>(V))
      if (auto *Local = dyn_cast<LocalAsMetadata>(MV->getMetadata()))
        if (Value *To = Map.lookup(Local->getValue()))
          return MetadataAsValue::get(V->getContext(), LocalAsMetadata::get(To));
    return V;
  }
  Value *lookup(const Value *V) const { return Map.lookup(V); }
  void reserve(unsigned N) { Map.reserve(N); }
  void set(const Value *From, Value *To) { Map[From] = To; }
  void mapOperands(Instruction &I) const {
    for (Use &Op : I.operands())
      Op.set((*this)(Op.get()));
  }

private:
  DenseMap<const Value *, Value *> Map;
};

// What InlineFunction appends to the names of the values it clones.
constexpr const char *Suffix = ".i";

// Step 1: the callee's pruned clone, at the end of the caller. Returns its
// first block (the callee's entry) and its returns.
BasicBlock *cloneAndPrune(const CallBase &CB, const Function &Callee, CloneMap &Map,
                          SmallVectorImpl<ReturnInst *> &Returns) {
  Function &Caller = *const_cast<Function *>(CB.getFunction());
  const DataLayout &DL = Caller.getParent()->getDataLayout();
  LLVMContext &Ctx = Caller.getContext();
  // Every argument, block and instruction gets an entry: no rehashing.
  Map.reserve(Callee.arg_size() + Callee.size() + instructionCount(Callee));
  for (const Argument &A : Callee.args())
    Map.set(&A, CB.getArgOperand(A.getArgNo()));
  std::vector<const BasicBlock *> Work{&Callee.getEntryBlock()};
  while (!Work.empty()) {
    const BasicBlock *BB = Work.back();
    Work.pop_back();
    if (Map.lookup(BB))
      continue;
    BasicBlock *NewBB =
        BasicBlock::Create(Ctx, BB->hasName() ? BB->getName() + Suffix : "", &Caller);
    Map.set(BB, NewBB);
    for (const Instruction &I : make_range(BB->begin(), BB->getTerminator()->getIterator())) {
      if (isToolAnnotation(I))
        continue;
      Instruction *New = I.clone();
      New->setDebugLoc(DebugLoc());
      compat::dropAssignID(*New, I);
      compat::appendTo(New, NewBB);
      if (!isa<PHINode>(New)) {
        Map.mapOperands(*New);
        if (Constant *C = ConstantFoldInstruction(New, DL); C && isInstructionTriviallyDead(New)) {
          Map.set(&I, C);
          New->eraseFromParent();
          continue;
        }
      }
      if (I.hasName())
        New->setName(I.getName() + Suffix);
      Map.set(&I, New);
    }
    // The terminator: a branch on what is constant here goes to the one
    // successor (mapped with the others below).
    const Instruction *Term = BB->getTerminator();
    ConstantInt *Cond = nullptr;
    if (auto *Br = dyn_cast<BranchInst>(Term); Br && Br->isConditional()) {
      Cond = dyn_cast<ConstantInt>(Br->getCondition());
      if (!Cond)
        Cond = dyn_cast_or_null<ConstantInt>(Map.lookup(Br->getCondition()));
      if (Cond) {
        BasicBlock *Dest = Br->getSuccessor(!Cond->getZExtValue());
        Map.set(Term, BranchInst::Create(Dest, NewBB));
        Work.push_back(Dest);
        continue;
      }
    } else if (auto *SI = dyn_cast<SwitchInst>(Term)) {
      Cond = dyn_cast<ConstantInt>(SI->getCondition());
      if (!Cond)
        Cond = dyn_cast_or_null<ConstantInt>(Map.lookup(SI->getCondition()));
      if (Cond) {
        auto *Dest = const_cast<BasicBlock *>(SI->findCaseValue(Cond)->getCaseSuccessor());
        Map.set(Term, BranchInst::Create(Dest, NewBB));
        Work.push_back(Dest);
        continue;
      }
    }
    Instruction *New = Term->clone();
    New->setDebugLoc(DebugLoc());
    if (Term->hasName())
      New->setName(Term->getName() + Suffix);
    compat::appendTo(New, NewBB);
    Map.set(Term, New);
    append_range(Work, successors(Term));
  }

  // The clones in the callee's order, their terminators mapped; the phis
  // resolved once every block is in place.
  SmallVector<const PHINode *, 16> PHIToResolve;
  for (const BasicBlock &BB : Callee) {
    auto *NewBB = cast_or_null<BasicBlock>(Map.lookup(&BB));
    if (!NewBB)
      continue; // pruned
    if (NewBB != &Caller.back())
      NewBB->moveAfter(&Caller.back());
    for (const PHINode &PN : BB.phis()) {
      if (!isa_and_nonnull<PHINode>(Map.lookup(&PN)))
        break;
      PHIToResolve.push_back(&PN);
    }
    Map.mapOperands(*NewBB->getTerminator());
  }
  for (unsigned K = 0, E = PHIToResolve.size(); K != E;) {
    const BasicBlock *OldBB = PHIToResolve[K]->getParent();
    auto *NewBB = cast<BasicBlock>(Map.lookup(OldBB));
    // Incomings from the blocks cloned, mapped; the others dropped.
    for (; K != E && PHIToResolve[K]->getParent() == OldBB; ++K) {
      auto *PN = cast<PHINode>(Map.lookup(PHIToResolve[K]));
      for (unsigned Pred = 0, N = PN->getNumIncomingValues(); Pred != N;) {
        if (auto *MappedBlock = cast_or_null<BasicBlock>(Map.lookup(PN->getIncomingBlock(Pred)))) {
          PN->setIncomingValue(Pred, Map(PN->getIncomingValue(Pred)));
          PN->setIncomingBlock(Pred, MappedBlock);
          ++Pred;
        } else {
          PN->removeIncomingValue(Pred, /*DeletePHIIfEmpty=*/false);
          --N;
        }
      }
    }
    // A cloned block whose folded branch no longer comes here.
    auto *PN = cast<PHINode>(NewBB->begin());
    if (pred_size(NewBB) != PN->getNumIncomingValues()) {
      std::map<BasicBlock *, unsigned> PredCount;
      for (BasicBlock *Pred : predecessors(NewBB))
        --PredCount[Pred];
      for (unsigned I = 0, N = PN->getNumIncomingValues(); I != N; ++I)
        ++PredCount[PN->getIncomingBlock(I)];
      for (BasicBlock::iterator I = NewBB->begin(); (PN = dyn_cast<PHINode>(I)); ++I)
        for (const auto &[Pred, Excess] : PredCount)
          for (unsigned R = Excess; R; --R)
            PN->removeIncomingValue(Pred, /*DeletePHIIfEmpty=*/false);
    }
    // No incoming left: poison (a phi needs one).
    if (cast<PHINode>(NewBB->begin())->getNumIncomingValues() == 0) {
      BasicBlock::iterator I = NewBB->begin();
      BasicBlock::const_iterator OldI = OldBB->begin();
      while ((PN = dyn_cast<PHINode>(I++))) {
        Value *Poison = PoisonValue::get(PN->getType());
        PN->replaceAllUsesWith(Poison);
        Map.set(&*OldI++, Poison);
        PN->eraseFromParent();
      }
    }
  }

  // Every clone simplified, in the callee's order. Each is looked at once,
  // so the map's entry is still the clone (or what it folded to).
  for (const BasicBlock &BB : Callee)
    for (const Instruction &I : BB) {
      auto *NewI = dyn_cast_or_null<Instruction>(Map.lookup(&I));
      if (!NewI)
        continue;
      if (Value *V = simplifyInstruction(NewI, SimplifyQuery(DL))) {
        NewI->replaceAllUsesWith(V);
        if (isInstructionTriviallyDead(NewI))
          NewI->eraseFromParent();
      }
    }
  auto *Entry = cast<BasicBlock>(Map.lookup(&Callee.getEntryBlock()));
  auto Clones = [&] { return make_range(Entry->getIterator(), Caller.end()); };
  for (BasicBlock &BB : Clones())
    ConstantFoldTerminator(&BB);
  SmallPtrSet<BasicBlock *, 16> Reachable;
  SmallVector<BasicBlock *, 16> Reach{Entry};
  while (!Reach.empty()) {
    BasicBlock *BB = Reach.pop_back_val();
    if (Reachable.insert(BB).second)
      append_range(Reach, successors(BB));
  }
  SmallVector<BasicBlock *, 16> Unreachable;
  for (BasicBlock &BB : Clones())
    if (!Reachable.contains(&BB))
      Unreachable.push_back(&BB);
  DeleteDeadBlocks(Unreachable);
  // A block that branches to its only successor takes it in.
  for (Function::iterator I = Entry->getIterator(); I != Caller.end();) {
    auto *Br = dyn_cast<BranchInst>(I->getTerminator());
    BasicBlock *Dest = Br && Br->isUnconditional() ? Br->getSuccessor(0) : nullptr;
    if (!Dest || !Dest->getSinglePredecessor() || Dest->hasAddressTaken()) {
      ++I;
      continue;
    }
    Br->eraseFromParent();
    Dest->replaceAllUsesWith(&*I);
    compat::spliceAllInstructions(*I, I->end(), *Dest);
    Dest->eraseFromParent();
  }
  for (BasicBlock &BB : Clones())
    if (auto *RI = dyn_cast<ReturnInst>(BB.getTerminator()))
      Returns.push_back(RI);
  return Entry;
}

} // namespace

bool inlineIntoDraft(CallBase &CB) {
  Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isDeclaration())
    return false;
  if (!isPlainCall(CB, *Callee)) {
    Function &Caller = *CB.getFunction();
    InlineFunctionInfo IFI;
    if (!InlineFunction(CB, IFI).isSuccess())
      return false;
    eraseToolAnnotations(Caller);
    return true;
  }
  Function &Caller = *CB.getFunction();
  BasicBlock *OrigBB = CB.getParent();
  CloneMap Map;
  SmallVector<ReturnInst *, 4> Returns;
  BasicBlock *FirstNew = cloneAndPrune(CB, *Callee, Map, Returns);

  // Step 2. The entry's static stack slots go to the caller's entry (a dead
  // one goes), each run of them before the entry's first instruction.
  BasicBlock &CallerEntry = Caller.getEntryBlock();
  BasicBlock::iterator InsertPoint = CallerEntry.begin();
  for (BasicBlock::iterator I = FirstNew->begin(), E = FirstNew->end(); I != E;) {
    auto *AI = dyn_cast<AllocaInst>(&*I++);
    if (!AI)
      continue;
    if (AI->use_empty()) {
      AI->eraseFromParent();
      continue;
    }
    SmallVector<AllocaInst *, 4> Run{AI};
    while (I != E && isa<AllocaInst>(&*I) && !cast<AllocaInst>(&*I)->use_empty())
      Run.push_back(cast<AllocaInst>(&*I++));
    for (AllocaInst *Slot : Run)
      Slot->moveBefore(CallerEntry, InsertPoint);
  }
  // Inlined calls: the call site's tail kind where theirs is stronger (notail
  // stays), nounwind where the call site has it.
  CallInst::TailCallKind SiteKind = cast<CallInst>(CB).getTailCallKind();
  if (SiteKind == CallInst::TCK_NoTail)
    SiteKind = CallInst::TCK_None;
  for (BasicBlock &BB : make_range(FirstNew->getIterator(), Caller.end()))
    for (Instruction &I : BB)
      if (auto *CI = dyn_cast<CallInst>(&I)) {
        if (CI->getTailCallKind() != CallInst::TCK_NoTail)
          CI->setTailCallKind(std::min(SiteKind, CI->getTailCallKind()));
        if (CB.doesNotThrow())
          CI->setDoesNotThrow();
      }

  // One block that returns: its instructions go in before the call.
  if (Returns.size() == 1 && &*FirstNew == &Caller.back()) {
    compat::spliceAllInstructions(*OrigBB, CB.getIterator(), *FirstNew);
    FirstNew->eraseFromParent();
    if (!CB.use_empty())
      CB.replaceAllUsesWith(&CB == Returns[0]->getReturnValue()
                                ? PoisonValue::get(CB.getType())
                                : Returns[0]->getReturnValue());
    CB.eraseFromParent();
    Returns[0]->eraseFromParent();
    return true;
  }
  // Otherwise the call's block is split, and the clones go in between.
  BasicBlock *AfterCall = OrigBB->splitBasicBlock(CB.getIterator(), Callee->getName() + ".exit");
  Instruction *Br = OrigBB->getTerminator();
  Br->setOperand(0, FirstNew);
  SmallVector<BasicBlock *, 16> Clones;
  for (BasicBlock &BB : make_range(FirstNew->getIterator(), Caller.end()))
    Clones.push_back(&BB);
  for (BasicBlock *BB : Clones)
    BB->moveBefore(AfterCall);
  PHINode *Phi = nullptr;
  if (Returns.size() > 1) {
    if (!CB.use_empty()) {
      Phi = PHINode::Create(CB.getType(), Returns.size(), CB.getName());
      Phi->insertBefore(compat::before(&AfterCall->front()));
      CB.replaceAllUsesWith(Phi);
      for (ReturnInst *RI : Returns)
        Phi->addIncoming(RI->getReturnValue(), RI->getParent());
    }
    for (ReturnInst *RI : Returns) {
      BranchInst::Create(AfterCall, RI->getParent());
      RI->eraseFromParent();
    }
  } else if (!Returns.empty()) {
    if (!CB.use_empty())
      CB.replaceAllUsesWith(&CB == Returns[0]->getReturnValue()
                                ? PoisonValue::get(CB.getType())
                                : Returns[0]->getReturnValue());
    BasicBlock *ReturnBB = Returns[0]->getParent();
    ReturnBB->replaceAllUsesWith(AfterCall);
    compat::spliceAllInstructions(*AfterCall, AfterCall->begin(), *ReturnBB);
    Returns[0]->eraseFromParent();
    ReturnBB->eraseFromParent();
  } else if (!CB.use_empty()) {
    CB.replaceAllUsesWith(PoisonValue::get(CB.getType()));
  }
  CB.eraseFromParent();
  // The callee's entry joins the call's block.
  BasicBlock *CalleeEntry = cast<BranchInst>(Br)->getSuccessor(0);
  CalleeEntry->replaceAllUsesWith(OrigBB);
  compat::spliceAllInstructions(*OrigBB, Br->getIterator(), *CalleeEntry);
  Br->eraseFromParent();
  CalleeEntry->eraseFromParent();
  if (Phi)
    if (Value *V = simplifyInstruction(Phi, SimplifyQuery(Caller.getParent()->getDataLayout()))) {
      Phi->replaceAllUsesWith(V);
      Phi->eraseFromParent();
    }
  return true;
}

} // namespace pyunbox
