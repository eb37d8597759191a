//===- Drafting.cpp - The private copy of a wrapper the analysis reads -----===//
//
// The draft: a clone of the wrapper, with the module's helpers that receive
// an argument object or reach the interpreter inlined (a few rounds deep),
// its stack slots in registers, the keyword path folded away, and loops over
// the arguments unrolled. The analysis reads the draft and the outliner turns
// it into the core; the wrapper itself is never touched. docs/PASS.md, "From
// wrapper to core", says why each step is there.
//
//===----------------------------------------------------------------------===//
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/DraftInlining.h"
#include "pyunbox/passes/FaultContainment.h"
#include "pyunbox/passes/FunctionCopy.h"
#include "pyunbox/passes/HelperBodies.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/MethodTables.h"
#include "pyunbox/passes/WrapperAnalysis.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/CFG.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/LazyValueInfo.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/LoopRotation.h"
#include "llvm/Transforms/Scalar/LoopUnrollPass.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

using namespace llvm;

namespace pyunbox {

void promoteAllocas(Function &F) {
  SmallVector<AllocaInst *, 8> Allocas;
  for (Instruction &I : F.getEntryBlock())
    if (auto *AI = dyn_cast<AllocaInst>(&I); AI && isAllocaPromotable(AI))
      Allocas.push_back(AI);
  if (Allocas.empty())
    return;
  DominatorTree DT(F);
  AssumptionCache AC(F);
  PromoteMemToReg(Allocas, DT, &AC);
}

// A call the analysis must see into: a helper of this module that reaches the
// interpreter or is handed an argument object (Argument Clinic's _impl
// functions and converters, CPython's math_1). Helpers that stay clean remain
// calls, and so do the C API's own helpers the table names (Py_INCREF, ...).
// So do helpers on a path that fails (Failing: blocksReturningNull)
// whatever they do but for argument objects: the core bails before them
// (Cython's traceback machinery, a thousand instructions in every draft
// otherwise).
static bool shouldInline(CallBase &CB, Function &Draft, CalleeSummaries &Summaries,
                         unsigned MaxHelperInsts,
                         function_ref<bool(const BasicBlock *)> Failing) {
  Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isDeclaration() || Callee->isInterposable() || Callee->isVarArg() ||
      Callee == &Draft || lookupPrimitive(*Callee))
    return false;
  CalleeSummary Summary = Summaries.of(*Callee);
  if (Summary.Instructions > MaxHelperInsts || Summary.DirectlyRecursive)
    return false;
  for (Value *Op : CB.args()) {
    Value *Base = Op->stripPointerCasts();
    if (auto *L = dyn_cast<LoadInst>(Base))
      Base = getUnderlyingObject(L->getPointerOperand());
    if (isa<Argument>(Base) && Base->getType()->isPointerTy())
      return true;
  }
  // The C API's own inline helpers (static, from its headers) stay calls
  // unless handed an argument (then the analysis must see what they do with
  // it: Clinic's converters, such as posix's Py_off_t_converter, are named
  // like the C API). A module's own exported helper so named (posix's
  // _PyLong_FromUid) is the module's code.
  bool Wanted = ((!isInterpreterSymbol(Callee->getName()) || !Callee->hasLocalLinkage()) &&
                 Summary.Interpreter.Class != CalleeClass::Clean) ||
                Summary.BoxesOnly;
  return Wanted && !Failing(CB.getParent());
}

// A slot SROA leaves as it is: its address is handed to a call (LLVM's
// SROA then counts it as escaped and skips it; a draft may do without one
// that a later SROA promotes around a read-only call), and nothing else uses
// it but lifetime markers and scalar loads and stores (no aggregate load or
// store for SROA to split first). Posix's and math's out-parameters (`int
// i; frexp(x, &i)`): SROA and the analyses it asks for, for nothing.
static bool escapesIntoCall(const AllocaInst &Slot) {
  bool Escapes = false;
  for (const Use &U : Slot.uses()) {
    const User *I = U.getUser();
    if (auto *CB = dyn_cast<CallBase>(I)) {
      if (auto *II = dyn_cast<IntrinsicInst>(CB)) {
        if (!II->isLifetimeStartOrEnd())
          return false;
        continue;
      }
      if (!CB->isDataOperand(&U))
        return false;
      Escapes = true;
    } else if (auto *L = dyn_cast<LoadInst>(I)) {
      if (L->getType()->isAggregateType())
        return false;
    } else if (auto *St = dyn_cast<StoreInst>(I)) {
      if (St->getPointerOperand() != &Slot || St->getValueOperand()->getType()->isAggregateType())
        return false;
    } else {
      return false;
    }
  }
  return Escapes;
}

// Stack slots into registers: mem2reg, then SROA for the slots it left
// (small arrays such as Cython 3's `PyObject *values[N]`, structs such as
// posix's path_t) where an analysis manager is at hand. Most drafts have
// none left (skipping SROA for them took a fifth off the pass's
// instructions on a file of 500 small wrappers) or only slots handed to
// calls (escapesIntoCall). The CFG stays as it is.
static void scalarize(Function &Draft, FunctionAnalysisManager *FAM) {
  promoteAllocas(Draft);
  if (!FAM || all_of(instructions(Draft), [](const Instruction &I) {
        auto *Slot = dyn_cast<AllocaInst>(&I);
        return !Slot || escapesIntoCall(*Slot);
      }))
    return;
  compat::sroaPreservingCFG().run(Draft, *FAM);
  FAM->clear(Draft, Draft.getName()); // the draft is about to change or go
}

// Folds what constants decide, to a fixpoint: instructions whose operands
// are constants (phis whose incomings all are one), then the branches they
// decide, then the blocks no longer reached. A fold frees the next (Cython's
// `kwds ? __Pyx_NumKwargs_FASTCALL(kwds) : 0` is a phi of one constant only
// once the other edge has gone).
static void foldConstants(Function &Draft, const TargetLibraryInfo *TLI) {
  const DataLayout &DL = Draft.getParent()->getDataLayout();
  for (bool Changed = true, First = true; Changed; First = false) {
    Changed = false;
    for (BasicBlock &BB : Draft)
      for (Instruction &I : make_early_inc_range(BB)) {
        Constant *C = nullptr;
        if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->getIntrinsicID() == Intrinsic::expect)
          C = dyn_cast<Constant>(II->getArgOperand(0));
        else if (!I.isTerminator() && !I.mayHaveSideEffects())
          C = ConstantFoldInstruction(&I, DL, TLI);
        if (!C)
          continue;
        I.replaceAllUsesWith(C);
        I.eraseFromParent();
        Changed = true;
      }
    bool Branches = false;
    for (BasicBlock &BB : Draft)
      Branches |= ConstantFoldTerminator(&BB);
    Changed |= Branches;
    // Only a folded branch leaves blocks unreached (and the clone's own,
    // the first time).
    if (First || Branches)
      Changed |= removeUnreachableBlocks(Draft);
  }
}

// A core stands for the calls without keywords, where the keywords argument
// (the dict, or Argument Clinic's and Cython's kwnames) is NULL. Folding that
// into the draft first drops the keyword machinery, which would otherwise
// keep stack arrays such as Cython's values[] from being scalarized (it
// hands them to __Pyx_ParseOptionalKeywords).
static void assumeNoKeywords(Function &Draft, unsigned MethFlags, const TargetLibraryInfo *TLI) {
  unsigned Index = (MethFlags & METH_FASTCALL) ? 3 : 2;
  if (!(MethFlags & METH_KEYWORDS) || Draft.arg_size() != Index + 1 ||
      !Draft.getArg(Index)->getType()->isPointerTy())
    return;
  Argument *Keywords = Draft.getArg(Index);
  // Argument Clinic's wrapper reads nargs and kwnames itself too: which of
  // its calls by name it still stands for is asked before kwnames is gone
  // (or where it never reads them: an unpack of no names).
  std::optional<unsigned> Least = leastPositionalForKeywordCalls(Draft, MethFlags);
  if (Least != 0u)
    Draft.addFnAttr(KeywordCallArityAttribute, Least ? std::to_string(*Least) : "none");
  if (Keywords->use_empty())
    return;
  // A hand-written wrapper may look at its keywords itself (`if (kwds)`, a
  // dict's size): the draft folds that away (readsKeywordsBeyondParse,
  // analysis/KeywordCalls.cpp).
  auto ParsesKeywords = [](const Use &U) {
    auto *CB = dyn_cast<CallBase>(U.getUser());
    const BoundaryPrimitive *P = CB ? calledPrimitive(CB) : nullptr;
    if (!P || !CB->isArgOperand(&U))
      return false;
    unsigned No = CB->getArgOperandNo(&U);
    return (P->Role == PrimitiveRole::ParseTupleAndKeywords && No == 1) ||
           (P->Role == PrimitiveRole::ParseStackAndKeywords && No == 2);
  };
  if (!all_of(Keywords->uses(), ParsesKeywords))
    Draft.addFnAttr(ReadsKeywordsAttribute);
  Keywords->replaceAllUsesWith(ConstantPointerNull::get(cast<PointerType>(Keywords->getType())));
  foldConstants(Draft, TLI);
}

// Whether a loop reads the argument array (METH_FASTCALL's args[i]) or the
// argument tuple's items (PyTuple_GET_ITEM(args, i)): then it unboxes its
// arguments one by one, with an index the analysis cannot map to a slot. Or
// whether it reads a stack array of the draft's at a varying index (Cython
// 3.1's release of values[] on every exit, `for (i = 0; i < N; i++)
// Py_XDECREF(values[i])`): such an array stays in memory, and the argument
// objects in it out of the analysis' sight, until the loop is unrolled.
// A store of a pointer at a varying index of such an array keeps it in
// memory too (SWIG_Python_UnpackTuple's padding of its objs[] with NULLs,
// `for (; l < max; ++l) objs[l] = 0`).
static bool readsArguments(const Loop &L, const Argument &Args) {
  auto StackSlotAtVaryingIndex = [](const Value *Ptr, Type *T) {
    auto *GEP = dyn_cast<GetElementPtrInst>(Ptr);
    return T->isPointerTy() && GEP && !GEP->hasAllConstantIndices() &&
           isa<AllocaInst>(getUnderlyingObject(Ptr));
  };
  for (const BasicBlock *BB : L.blocks())
    for (const Instruction &I : *BB) {
      if (auto *Ld = dyn_cast<LoadInst>(&I)) {
        if (getUnderlyingObject(Ld->getPointerOperand()) == &Args ||
            StackSlotAtVaryingIndex(Ld->getPointerOperand(), Ld->getType()))
          return true;
      } else if (auto *St = dyn_cast<StoreInst>(&I)) {
        if (StackSlotAtVaryingIndex(St->getPointerOperand(), St->getValueOperand()->getType()))
          return true;
      }
    }
  return false;
}

// The edges into a loop, from the blocks outside it that jump to its header.
static SmallVector<BasicBlock *, 2> entryEdges(const Loop &L) {
  SmallVector<BasicBlock *, 2> Entries;
  for (BasicBlock *P : predecessors(L.getHeader()))
    if (!L.contains(P))
      Entries.push_back(P);
  return Entries;
}

// The integers from outside a loop that its tests use, and that its
// header's phis take on an edge from outside.
static SmallVector<Use *, 8> entryUses(Loop &L) {
  auto Outside = [&](const Value *V) {
    if (isa<Argument>(V))
      return true;
    auto *D = dyn_cast<Instruction>(V);
    return D && !L.contains(D);
  };
  SmallVector<Use *, 8> Uses;
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      auto *Phi = dyn_cast<PHINode>(&I);
      if (!isa<ICmpInst>(I) && !(Phi && BB == L.getHeader()))
        continue;
      for (Use &U : I.operands())
        if (U->getType()->isIntegerTy() && Outside(U.get()) &&
            !(Phi && L.contains(Phi->getIncomingBlock(U))))
          Uses.push_back(&U);
    }
  return Uses;
}

// The values an entry use (entryUses) may have on the edges into the loop
// it is taken on, as lazy value info proves them: a header phi's on the
// edge of its incoming block alone, where the value is defined (lazy value
// info must only be asked about a value where it is available: of one that
// is not, it reads an instruction as an argument).
static ConstantRange entryRange(LazyValueInfo &LVI, Use &U, ArrayRef<BasicBlock *> Entries,
                                BasicBlock *Header) {
  auto *Phi = dyn_cast<PHINode>(U.getUser());
  SmallVector<BasicBlock *, 2> From;
  if (Phi)
    From.push_back(Phi->getIncomingBlock(U));
  else
    From.append(Entries.begin(), Entries.end());
  ConstantRange R = ConstantRange::getEmpty(U->getType()->getIntegerBitWidth());
  for (BasicBlock *P : From)
    R = R.unionWith(LVI.getConstantRangeOnEdge(U.get(), P, Header));
  return R;
}

// Whether V is defined on every path to the end of BB.
static bool availableAt(const Value *V, const BasicBlock *BB, const DominatorTree &DT) {
  auto *I = dyn_cast<Instruction>(V);
  return !I || DT.dominates(I->getParent(), BB);
}

// The values a loop's tests and header phis take from outside the loop,
// made constants where LLVM's lazy value info proves a single value on
// every edge into the loop. SWIG_Python_UnpackTuple(args, name, 2, 2, objs)
// refuses `l < 2` and `l > 2` and then copies `for (i = 0; i < l; ++i)
// objs[i] = PyTuple_GET_ITEM(args, i)`: l is 2 there, and the loop unrolls
// to reads of items 0 and 1. Sound as GVN's propagation of equalities is: a
// value defined outside the loop is the one it had on the edge the loop was
// entered by.
static bool propagateEntryFacts(Loop &L, LazyValueInfo &LVI, const DominatorTree &DT) {
  BasicBlock *Header = L.getHeader();
  SmallVector<BasicBlock *, 2> Entries = entryEdges(L);
  bool Changed = false;
  if (Entries.empty())
    return false;
  SmallVector<Use *, 8> Uses = entryUses(L);
  // An entry edge on which such a value can have no value at all is never
  // taken (SWIG's padding loop is entered where l < 2, after l was found to
  // be 2): its branch goes the other way, and a loop no edge enters any
  // more goes with the unreachable blocks.
  // The edge is the last branch's on the way in (a rotated loop's guard
  // jumps to a preheader of its own); the values asked about are those the
  // loop takes on this entry that are defined by then.
  for (BasicBlock *P : Entries) {
    BasicBlock *From = P, *To = Header;
    while (From->getSingleSuccessor() && From->getSinglePredecessor()) {
      To = From;
      From = From->getSinglePredecessor();
    }
    auto *Br = dyn_cast<BranchInst>(From->getTerminator());
    if (!Br || !Br->isConditional() || Br->getSuccessor(0) == Br->getSuccessor(1))
      continue;
    if (any_of(Uses, [&](Use *U) {
          auto *Phi = dyn_cast<PHINode>(U->getUser());
          return (!Phi || Phi->getIncomingBlock(*U) == P) && availableAt(U->get(), From, DT) &&
                 LVI.getConstantRangeOnEdge(U->get(), From, To).isEmptySet();
        })) {
      Br->setCondition(ConstantInt::getBool(Br->getContext(), Br->getSuccessor(0) != To));
      Changed = true;
    }
  }
  for (Use *U : Uses)
    if (const APInt *K = entryRange(LVI, *U, Entries, Header).getSingleElement()) {
      U->set(ConstantInt::get(U->get()->getType(), *K));
      Changed = true;
    }
  return Changed;
}

bool readsKeywordsBeyondParse(const Function &Draft) {
  return Draft.hasFnAttribute(ReadsKeywordsAttribute);
}

std::optional<ArityAssumption> assumedArity(const Function &Draft) {
  Attribute A = Draft.getFnAttribute(AssumedArityAttribute);
  if (!A.isStringAttribute())
    return std::nullopt;
  auto [Fewest, Full] = A.getValueAsString().split(',');
  ArityAssumption R;
  if (Fewest.getAsInteger(10, R.Fewest) || Full.getAsInteger(10, R.Full))
    return std::nullopt;
  return R;
}

// The count of arguments a call passes, as the draft reads it: METH_FASTCALL's
// nargs, or the size of METH_VARARGS' tuple (PyTuple_GET_SIZE(args), a call
// of the primitive, or PyPy's inline read of ob_size).
static bool isArgumentCount(const Value *V, const Function &Draft, unsigned MethFlags) {
  if (MethFlags & METH_FASTCALL)
    return Draft.arg_size() >= 3 && V == Draft.getArg(2);
  if (!(MethFlags & (METH_VARARGS | METH_KEYWORDS)) || Draft.arg_size() < 2)
    return false;
  const Argument *Args = Draft.getArg(1);
  if (const BoundaryPrimitive *P = calledPrimitive(V)) {
    auto *CB = cast<CallBase>(V);
    return P->Role == PrimitiveRole::TupleSize && CB->arg_size() == 1 &&
           CB->getArgOperand(0)->stripPointerCasts() == Args;
  }
  auto *L = dyn_cast<LoadInst>(V);
  std::optional<TupleLayout> Layout = tupleLayout(*Draft.getParent());
  int64_t Offset = 0;
  return L && L->isSimple() && L->getType()->isIntegerTy() && Layout &&
         GetPointerBaseWithConstantOffset(L->getPointerOperand(), Offset,
                                          Draft.getParent()->getDataLayout()) == Args &&
         Offset >= 0 && uint64_t(Offset) == Layout->SizeOffset;
}

// A loop over the arguments whose count the wrapper's checks bound to a
// range on the way in (SWIG_Python_UnpackTuple for a default argument: `l <
// min` and `l > max` raise, then `for (i = 0; i < l; ++i) objs[i] =
// PyTuple_GET_ITEM(args, i)`): its uses of the count become the largest the
// range holds, Full, and the draft says so (ArityAssumption). That is the
// count of a call of Full arguments; the analysis takes the draft only if
// its own count of arguments is Full, and its parameters past the range's
// least as optional without a default (such calls take the wrapper). A
// loop no test bounds stays as it is.
static bool assumeFullArity(Loop &L, LazyValueInfo &LVI, Function &Draft, unsigned MethFlags) {
  SmallVector<BasicBlock *, 2> Entries = entryEdges(L);
  SmallVector<Use *, 8> Uses = entryUses(L);
  erase_if(Uses, [&](Use *U) { return !isArgumentCount(U->get(), Draft, MethFlags); });
  if (Entries.empty() || Uses.empty())
    return false;
  Value *Count = Uses.front()->get();
  erase_if(Uses, [&](Use *U) { return U->get() != Count; });
  ConstantRange R = ConstantRange::getEmpty(Count->getType()->getIntegerBitWidth());
  for (Use *U : Uses)
    R = R.unionWith(entryRange(LVI, *U, Entries, L.getHeader()));
  if (R.isEmptySet() || R.getSignedMin().isNegative() ||
      R.getSignedMax().sgt(PYUNBOX_MAX_PARAMS) || R.isSingleElement())
    return false;
  ArityAssumption A{unsigned(R.getSignedMin().getZExtValue()),
                    unsigned(R.getSignedMax().getZExtValue())};
  if (std::optional<ArityAssumption> Before = assumedArity(Draft)) {
    if (Before->Full != A.Full)
      return false; // another loop's count: this one stays, and is refused
    A.Fewest = std::max(A.Fewest, Before->Fewest);
  }
  Constant *Full = ConstantInt::get(Count->getType(), A.Full);
  for (Use *U : Uses)
    U->set(Full);
  Draft.addFnAttr(AssumedArityAttribute, (Twine(A.Fewest) + "," + Twine(A.Full)).str());
  return true;
}

// METH_FASTCALL's nargs is K wherever an `nargs == K` test led (the arity
// check before a loop over the arguments, `for (i = 0; i < nargs; i++)`):
// those uses become K, as GVN's propagation of equalities would, so that the
// loop's trip count is a constant. Sound on any path: the edge dominates.
static void propagateArityTests(Function &Draft, unsigned MethFlags) {
  if (!(MethFlags & METH_FASTCALL) || Draft.arg_size() < 3 ||
      !Draft.getArg(2)->getType()->isIntegerTy())
    return;
  Argument *NArgs = Draft.getArg(2);
  std::optional<DominatorTree> DT; // only for a draft that has such a test
  for (BasicBlock &BB : Draft) {
    auto *Br = dyn_cast<BranchInst>(BB.getTerminator());
    auto *Cmp = Br && Br->isConditional() ? dyn_cast<ICmpInst>(Br->getCondition()) : nullptr;
    if (!Cmp || !Cmp->isEquality() || !is_contained(Cmp->operands(), NArgs))
      continue;
    Value *K = Cmp->getOperand(Cmp->getOperand(0) == NArgs ? 1 : 0); // `3 == nargs` too
    if (!isa<ConstantInt>(K))
      continue;
    BasicBlock *Equal = Br->getSuccessor(Cmp->getPredicate() == ICmpInst::ICMP_EQ ? 0 : 1);
    if (Equal == Br->getSuccessor(0) && Equal == Br->getSuccessor(1))
      continue;
    if (!DT)
      DT.emplace(Draft);
    replaceDominatedUsesWith(NArgs, K, *DT, BasicBlockEdge(&BB, Equal));
  }
}

// Loops over the arguments, unrolled where their trip count is a constant
// (`for (i = 0; i < 3; i++) v[i] = PyFloat_AsDouble(args[i]);`), so that
// each unboxing reads a fixed argument. Only such loops are touched: LLVM's
// own full unroller, forced by the loop's unroll pragma on the draft. The
// draft's optnone (-O0) would make the pass manager skip it, so it is lifted
// for the while. Returns whether any loop was unrolled.
static bool unrollArgumentLoopsOnce(Function &Draft, unsigned MethFlags,
                                    FunctionAnalysisManager &FAM) {
  // Most drafts have no loop at all: a back edge is found without the
  // dominator tree the loop info needs.
  SmallVector<std::pair<const BasicBlock *, const BasicBlock *>, 4> BackEdges;
  FindFunctionBackedges(Draft, BackEdges);
  if (BackEdges.empty())
    return false;
  // Its own loop info for the look: the analysis manager's would stay
  // cached for a function that is soon erased, and be handed, stale, to the
  // next draft allocated at the same address.
  DominatorTree DT(Draft);
  LoopInfo LI(DT);
  LLVMContext &Ctx = Draft.getContext();
  SmallVector<Loop *, 2> Forced;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!readsArguments(*L, *Draft.getArg(1)))
      continue;
    // A fresh loop ID {self, unroll.full}: a nounroll pragma of the source
    // is about the wrapper, not the draft.
    MDNode *Full = MDNode::get(Ctx, MDString::get(Ctx, "llvm.loop.unroll.full"));
    auto Temp = MDNode::getTemporary(Ctx, {});
    Metadata *Ops[] = {Temp.get(), Full};
    MDNode *ID = MDNode::get(Ctx, Ops);
    ID->replaceOperandWith(0, ID);
    L->setLoopID(ID);
    Forced.push_back(L);
  }
  if (Forced.empty())
    return false;
  {
    LazyValueInfo &LVI = FAM.getResult<LazyValueAnalysis>(Draft);
    bool Facts = false;
    for (Loop *L : Forced)
      Facts |= propagateEntryFacts(*L, LVI, DT) || assumeFullArity(*L, LVI, Draft, MethFlags);
    FAM.clear(Draft, Draft.getName()); // nothing cached of the draft as it was
    if (Facts)
      removeUnreachableBlocks(Draft);
  }
  // So would optsize and minsize (-Os, -Oz) hold the unroller to their
  // thresholds, with which a loop of an upper-bounded trip count (SCEV's,
  // not a constant) stays rolled: they are the wrapper's code's business,
  // not the look's.
  SmallVector<Attribute::AttrKind, 3> Lifted;
  for (Attribute::AttrKind Kind : {Attribute::OptimizeNone, Attribute::OptimizeForSize, Attribute::MinSize})
    if (Draft.hasFnAttribute(Kind)) {
      Draft.removeFnAttr(Kind);
      Lifted.push_back(Kind);
    }
  unsigned Before = instructionCount(Draft);
  // Rotated, so that the exit test is the latch's; unrolled to the exact
  // trip count (propagateArityTests and propagateEntryFacts make `i < nargs`
  // one), or else to an upper bound SCEV finds, whose copies keep their
  // exit tests.
  FunctionPassManager FPM;
  FPM.addPass(createFunctionToLoopPassAdaptor(LoopRotatePass()));
  FPM.addPass(LoopUnrollPass(LoopUnrollOptions(/*OptLevel=*/2, /*OnlyWhenForced=*/true,
                                               /*ForgetSCEV=*/false)
                                 .setUpperBound(true)
                                 .setPartial(false)
                                 .setRuntime(false)));
  FPM.run(Draft, FAM);
  FAM.clear(Draft, Draft.getName());
  for (Attribute::AttrKind Kind : Lifted)
    Draft.addFnAttr(Kind);
  // A loop of two iterations may unroll to as many instructions as it had:
  // the back edges tell too.
  SmallVector<std::pair<const BasicBlock *, const BasicBlock *>, 4> BackEdgesAfter;
  FindFunctionBackedges(Draft, BackEdgesAfter);
  return instructionCount(Draft) != Before || BackEdgesAfter.size() != BackEdges.size();
}

// A few rounds: a loop's entry facts can only be read once the loops before
// it are gone (lazy value info gives up on a path through a loop), as
// SWIG_Python_UnpackTuple's padding loop after its copying loop.
static bool unrollArgumentLoops(Function &Draft, unsigned MethFlags, FunctionAnalysisManager &FAM) {
  if (Draft.arg_size() < 2 || !Draft.getArg(1)->getType()->isPointerTy())
    return false;
  bool Changed = false;
  for (unsigned Round = 0; Round != 3 && unrollArgumentLoopsOnce(Draft, MethFlags, FAM); ++Round)
    Changed = true;
  return Changed;
}

Function *startDraft(Function &Wrapper, unsigned MethFlags, CalleeSummaries &Summaries,
                     FunctionAnalysisManager *FAM) {
  Function *Draft = copyFunction(Wrapper, "pyunbox.draft." + Wrapper.getName());
  scalarize(*Draft, FAM);
  assumeNoKeywords(*Draft, MethFlags, Summaries.libraryInfo());
  return Draft;
}

void finishDraft(Function &Wrapper, Function *Draft, unsigned MethFlags,
                 CalleeSummaries &Summaries, FunctionAnalysisManager *FAM,
                 const MinerOptions &Opts, HelperBodies *Bodies) {
  // A few rounds reach helpers of helpers; the analysis refuses what is left.
  // Between the rounds mem2reg is enough to show which calls receive an
  // argument object; the slots it cannot promote wait for the last
  // scalarize, instead of SROA running over the growing draft every round.
  bool Rescalarize = false; // inlined code, or unrolled copies' slots (v[0], v[1], ...)
  // At most the wrapper's size plus, for every helper inlined, its size
  // twice over (cloning prunes; inlining adds at most a lifetime start and
  // end per stack slot, and the return's phi and branch): the exact count,
  // a walk over the whole draft, is only needed once this bound passes the
  // limit.
  unsigned SizeBound = instructionCount(Wrapper);
  for (unsigned Round = 0; Round != Opts.InlineRounds; ++Round) {
    if (Round != 0)
      promoteAllocas(*Draft);
    SmallVector<CallBase *, 4> Calls;
    std::optional<SmallPtrSet<const BasicBlock *, 16>> Failing; // on first need
    auto Fails = [&](const BasicBlock *BB) {
      if (!Failing)
        Failing = blocksReturningNull(*Draft);
      return Failing->count(BB) != 0;
    };
    for (Instruction &I : instructions(*Draft))
      if (auto *CB = dyn_cast<CallBase>(&I);
          CB && shouldInline(*CB, *Draft, Summaries, Opts.MaxHelperInsts, Fails))
        Calls.push_back(CB);
    if (Calls.empty())
      break;
    if (SizeBound > Opts.MaxDraftInsts) {
      SizeBound = instructionCount(*Draft);
      if (SizeBound > Opts.MaxDraftInsts)
        break;
    }
    for (CallBase *CB : Calls) {
      Function &Helper = *CB->getCalledFunction();
      unsigned Size = Summaries.of(Helper).Instructions;
      if (Bodies)
        CB->setCalledFunction(&Bodies->toInline(Helper, Wrapper, *Draft));
      if (inlineIntoDraft(*CB)) {
        Rescalarize = true;
        SizeBound += 2 * Size + 2;
      } else {
        CB->setCalledFunction(&Helper); // no call of a prepared copy stays
      }
    }
  }
  stripDebugInfo(*Draft);
  if (FAM)
    propagateArityTests(*Draft, MethFlags);
  if (FAM && unrollArgumentLoops(*Draft, MethFlags, *FAM))
    Rescalarize = true;
  if (Rescalarize)
    scalarize(*Draft, FAM);
}

Function *buildDraft(Function &Wrapper, unsigned MethFlags, CalleeSummaries &Summaries,
                     FunctionAnalysisManager *FAM, const MinerOptions &Opts,
                     HelperBodies *Bodies) {
  Function *Draft = startDraft(Wrapper, MethFlags, Summaries, FAM);
  finishDraft(Wrapper, Draft, MethFlags, Summaries, FAM, Opts, Bodies);
  return Draft;
}

} // namespace pyunbox
