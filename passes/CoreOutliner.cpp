//===- CoreOutliner.cpp - Build the unboxed core of a wrapper -------------===//
#include "pyunbox/passes/CoreOutliner.h"
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/FaultContainment.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/MethodTables.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/LoopRotation.h"
#include "llvm/Transforms/Scalar/LoopUnrollPass.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

using namespace llvm;

namespace pyunbox {
namespace {

// A value of ABI type From converted to the type the wrapper's code used.
Value *convert(IRBuilder<> &B, Value *V, Type *To) {
  if (V->getType() == To)
    return V;
  if (V->getType()->isIntegerTy(1) && To->isIntegerTy())
    return B.CreateZExt(V, To); // _Bool into an int flag
  return nullptr;
}

// A C-API function a core calls that the module did not: declared to be
// called through the GOT (nonlazybind, as -fno-plt does) rather than a new
// PLT entry. A new PLT entry would move every function of .text after it by
// 16 bytes, the wrappers included, and with their alignment their speed.
FunctionCallee declareForCore(Module &M, StringRef Name, FunctionType *FT) {
  bool New = !M.getFunction(Name);
  FunctionCallee Callee = M.getOrInsertFunction(Name, FT);
  if (auto *F = dyn_cast<Function>(Callee.getCallee()); F && New)
    F->addFnAttr(Attribute::NonLazyBind);
  return Callee;
}

void eraseWithUses(Instruction *I) {
  if (!I->use_empty())
    I->replaceAllUsesWith(PoisonValue::get(I->getType()));
  I->eraseFromParent();
}

class Outliner {
public:
  Outliner(Function &Draft, const WrapperShape &S, StringRef PythonName)
      : Draft(Draft), S(S), PythonName(PythonName) {}
  Function *run(StringRef Name, std::string &Why);

private:
  Function *createCore(StringRef Name);
  bool applyFacts(std::string &Why);
  void splitAtNegativeValues();
  bool gateOnPython313(std::string &Why);
  void dropDeadCode();
  Value *scalarOf(Value *Obj, unsigned Item = 0, Type *ItemType = nullptr);
  Type *itemType(unsigned Item) const;
  unsigned resultParameter(unsigned Item) const;
  Value *mirror(Value *Obj, Type *T, DenseMap<Value *, Value *> &Memo,
                function_ref<Value *(Value *)> Leaf);
  Value *bailedOf(Value *Obj);
  void emitBail(IRBuilder<> &B);
  void cutAtBailPoints();
  void rewriteReturns();
  Value *ownedOf(Value *Obj);
  void checkResult(ReturnInst *R, Value *IsNull, Value *Owned);

  Function &Draft;
  const WrapperShape &S;
  StringRef PythonName;
  Function *Core = nullptr;
  // Returned objects, and a tuple's item (0 for a scalar), to the scalars
  // they box.
  DenseMap<std::pair<Value *, unsigned>, Value *> Scalars;
  DenseMap<Value *, Value *> Bailed;  // returned objects to "this is a NULL"
  DenseMap<Value *, Value *> Owned;   // returned objects to the singleton they hold
  SmallVector<Instruction *, 8> OldNetwork;
  bool Unexpected = false;
};

Function *Outliner::createCore(StringRef Name) {
  LLVMContext &Ctx = Draft.getContext();
  SmallVector<Type *, 4> Params;
  for (ValueKind K : S.Params) {
    Params.push_back(abiType(K, Ctx));
    if (cParameterCount(K) == 2) // a string's length after its pointer
      Params.push_back(abiType(ValueKind::SSizeT, Ctx));
  }
  if (S.Errors == PYUNBOX_ERRORS_BAIL)
    Params.push_back(PointerType::get(Ctx, 0)); // int *bail
  for (unsigned K = 0; K != S.Results.size(); ++K)
    Params.push_back(PointerType::get(Ctx, 0)); // a tuple's item, last
  auto *FT = FunctionType::get(abiType(S.Return, Ctx), Params, false);
  Function *F = Function::Create(FT, GlobalValue::ExternalLinkage, Name, Draft.getParent());
  // Exported even under -fvisibility=hidden: consumers find it with dlsym.
  F->setVisibility(GlobalValue::DefaultVisibility);
  F->setAttributes(AttributeList::get(Ctx, Draft.getAttributes().getFnAttrs(), {}, {}));
  F->removeFnAttr(Attribute::NoReturn);
  F->removeFnAttr(AssumedArityAttribute); // the draft's, for the analysis
  F->removeFnAttr(ReadsKeywordsAttribute);
  F->removeFnAttr(KeywordCallArityAttribute);
  unsigned NumParams = cParameterIndex(S.Params, S.Params.size());
  for (unsigned K = 0; K != NumParams; ++K)
    F->addParamAttr(K, Attribute::NoUndef);
  for (unsigned K = 0; K != S.Params.size(); ++K) {
    unsigned Index = cParameterIndex(S.Params, K);
    if (auto Ext = abiExtension(S.Params[K]); Ext != Attribute::None)
      F->addParamAttr(Index, Ext);
    // A string's bytes are the caller's: never NULL (FORMAT.md), but where
    // None stands for NULL ("z").
    if (isString(S.Params[K]) &&
        !(K < S.Passing.size() && (S.Passing[K].Flags & PYUNBOX_PARAM_NONE_IS_NULL)))
      F->addParamAttr(Index, Attribute::NonNull);
  }
  if (S.Errors == PYUNBOX_ERRORS_BAIL) {
    unsigned K = NumParams;
    F->getArg(K)->setName("bail");
    for (auto A : {Attribute::NoAlias, Attribute::NoUndef, Attribute::NonNull})
      F->addParamAttr(K, A);
    compat::addNoCaptureParamAttr(*F, K);
  }
  // A tuple's items: written where the core returns, never kept.
  for (unsigned K = 0; K != S.Results.size(); ++K) {
    unsigned Index = F->arg_size() - S.Results.size() + K;
    F->getArg(Index)->setName("r" + Twine(K));
    for (auto A : {Attribute::NoUndef, Attribute::NonNull})
      F->addParamAttr(Index, A);
    compat::addNoCaptureParamAttr(*F, Index);
  }
  if (!FT->getReturnType()->isVoidTy()) {
    F->addRetAttr(Attribute::NoUndef);
    if (auto Ext = abiExtension(S.Return); Ext != Attribute::None)
      F->addRetAttr(Ext);
  }
  return F;
}

bool Outliner::applyFacts(std::string &Why) {
  for (auto &[V, C] : S.Facts) {
    if (any_of(S.Parses, [&](const ParseSite &P) { return P.Call == V; }))
      continue; // the parse writes its outputs first, below
    V->replaceAllUsesWith(C);
    if (auto *I = dyn_cast<Instruction>(V))
      I->eraseFromParent();
  }
  for (const ParseSite &P : S.Parses) {
    IRBuilder<> B(P.Call);
    for (unsigned K = 0; K != P.OutPtrs.size(); ++K) {
      if (!P.StoredTypes[K])
        continue; // an "O" unit: its reads are the argument, and go (run)
      // Its slot's C parameters, in the order of the slot's outputs ("s#":
      // the pointer, then the length). Not FirstParam's + K: an "O" unit's
      // one output may stand for two C parameters (its object's Py_buffer).
      unsigned Within = count(ArrayRef<unsigned>(P.Slots).take_front(K), P.Slots[K]);
      Value *X = convert(B, Core->getArg(cParameterIndex(S.Params, P.Slots[K]) + Within),
                         P.StoredTypes[K]);
      if (!X)
        return Why = "cannot store parameter " + std::to_string(K + 1), false;
      B.CreateStore(X, P.OutPtrs[K]);
    }
    if (is_contained(S.FailsBelowZero, P.Call) || is_contained(S.FailsBefore313, P.Call))
      continue; // once the CFG is final (splitAtNegativeValues, gateOnPython313)
    P.Call->replaceAllUsesWith(ConstantInt::get(P.Call->getType(), 1));
    P.Call->eraseFromParent();
  }
  // A view's reads take the parameters; the loads themselves die unused
  // (run), as Unneeded code might have them go first (cutAtBailPoints). A
  // bytes object's reads are calls (PyBytes_AS_STRING ...), which go here.
  for (const BufferRead &R : S.BufferReads) {
    IRBuilder<> B(R.Read);
    Value *X = convert(B, Core->getArg(cParameterIndex(S.Params, R.Param) + R.Length),
                       R.Read->getType());
    if (!X)
      return Why = "cannot pass parameter " + std::to_string(R.Param + 1), false;
    R.Read->replaceAllUsesWith(X);
    if (isa<CallBase>(R.Read))
      R.Read->eraseFromParent();
  }
  for (CallBase *Release : S.BufferReleases)
    Release->eraseFromParent();
  for (const UnboxSite &U : S.Unboxes) {
    if (is_contained(S.FailsBelowZero, U.Call))
      continue; // once the CFG is final (splitAtNegativeValues)
    IRBuilder<> B(U.Call);
    Value *X = convert(B, Core->getArg(cParameterIndex(S.Params, U.Param)), U.Call->getType());
    if (!X)
      return Why = "cannot pass parameter " + std::to_string(U.Param + 1), false;
    U.Call->replaceAllUsesWith(X);
    U.Call->eraseFromParent();
  }
  for (CallBase *NR : S.NewRefs) {
    NR->replaceAllUsesWith(newReferenceOperand(*NR));
    NR->eraseFromParent();
  }
  for (Instruction *I : S.RefcountOps)
    I->eraseFromParent();
  for (CallBase *CB : S.GilCalls)
    CB->eraseFromParent();
  return true;
}

// A converter or unboxer that raises for negative values (Clinic's `fildes`)
// succeeds for the others: stores or gives the value. For a negative one the
// core bails, or, if it raises itself, calls it on the value boxed, as the
// wrapper did with its argument, to raise just the same.
void Outliner::splitAtNegativeValues() {
  Module &M = *Core->getParent();
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::get(Ctx, 0);
  Type *Long = abiType(ValueKind::Long, Ctx);
  for (CallBase *Call : S.FailsBelowZero) {
    auto Parse = find_if(S.Parses, [&](const ParseSite &P) { return P.Call == Call; });
    auto Unbox = find_if(S.Unboxes, [&](const UnboxSite &U) { return U.Call == Call; });
    Value *X = Core->getArg(
        cParameterIndex(S.Params, Parse != S.Parses.end() ? Parse->FirstParam : Unbox->Param));
    // What it gives for X >= 0: a converter 1 (it has stored X), an unboxer X.
    Value *Success = Parse != S.Parses.end() ? ConstantInt::get(Call->getType(), 1) : X;
    IRBuilder<> B(Call);
    Value *Ok = B.CreateICmpSGE(X, ConstantInt::get(X->getType(), 0));
    BasicBlock *Before = Call->getParent();
    BasicBlock *After = Before->splitBasicBlock(Call, "converted");
    BasicBlock *Negative = BasicBlock::Create(Ctx, "negative", Core, After);
    Before->getTerminator()->eraseFromParent();
    BranchInst::Create(After, Negative, Ok, Before);
    IRBuilder<> NB(Negative);
    if (S.Errors != PYUNBOX_ERRORS_PYERR) {
      emitBail(NB);
      Call->replaceAllUsesWith(Success);
      Call->eraseFromParent();
      continue;
    }
    BasicBlock *Redo = BasicBlock::Create(Ctx, "negative.redo", Core, After);
    Value *Obj = NB.CreateCall(declareForCore(M, capi::LongFromLong, FunctionType::get(Ptr, {Long}, false)),
                               {NB.CreateSExt(X, Long)});
    NB.CreateCondBr(NB.CreateIsNull(Obj), After, Redo); // MemoryError raised
    IRBuilder<> RB(Redo);
    SmallVector<Value *, 2> Args(Call->args());
    Args[0] = Obj;
    Value *Redone = RB.CreateCall(Call->getFunctionType(), Call->getCalledOperand(), Args);
    RB.CreateCall(declareForCore(M, capi::DecRef, FunctionType::get(Type::getVoidTy(Ctx), {Ptr}, false)), {Obj});
    RB.CreateBr(After);
    // Had boxing failed, the wrapper's own failure value: 0 or -1.
    Value *Failed = Parse != S.Parses.end() ? ConstantInt::get(Call->getType(), 0)
                                            : ConstantInt::get(Call->getType(), -1, true);
    IRBuilder<> AB(&After->front());
    PHINode *Result = AB.CreatePHI(Call->getType(), 3);
    Result->addIncoming(Success, Before);
    Result->addIncoming(Failed, Negative);
    Result->addIncoming(Redone, Redo);
    Call->replaceAllUsesWith(Result);
    Call->eraseFromParent();
  }
}

// A '#' length in a parse that does not show PY_SSIZE_T_CLEAN is a
// Py_ssize_t from CPython 3.13 on, and the parse succeeds there as the core
// does; before 3.13 it raises SystemError, and PyPy's stores an int. So the
// core reads the running interpreter's Py_Version and bails below 3.13, and
// where there is none: the reference is weak, since PyPy exports no
// Py_Version and the module must load there all the same.
bool Outliner::gateOnPython313(std::string &Why) {
  if (S.FailsBefore313.empty())
    return true;
  Module &M = *Core->getParent();
  LLVMContext &Ctx = M.getContext();
  Type *ULong = abiType(ValueKind::ULong, Ctx);
  GlobalValue *Named = M.getNamedValue(capi::Version);
  if (Named && !isa<GlobalVariable>(Named))
    return Why = std::string(capi::Version) + " names a function here, not the interpreter's version",
           false;
  auto *Version = cast_or_null<GlobalVariable>(Named);
  if (!Version)
    Version = new GlobalVariable(M, ULong, /*isConstant=*/true, GlobalValue::ExternalWeakLinkage,
                                 nullptr, capi::Version);
  for (CallBase *Call : S.FailsBefore313) {
    BasicBlock *Before = Call->getParent();
    BasicBlock *After = Before->splitBasicBlock(Call, "parsed");
    BasicBlock *Check = BasicBlock::Create(Ctx, "version", Core, After);
    BasicBlock *Older = BasicBlock::Create(Ctx, "before.3.13", Core, After);
    Before->getTerminator()->eraseFromParent();
    IRBuilder<> B(Before);
    B.CreateCondBr(B.CreateIsNull(Version), Older, Check);
    IRBuilder<> CB(Check);
    Value *Running = CB.CreateLoad(ULong, Version, "py.version");
    CB.CreateCondBr(CB.CreateICmpUGE(Running, ConstantInt::get(ULong, capi::Version313)), After, Older);
    IRBuilder<> OB(Older);
    emitBail(OB);
    Call->replaceAllUsesWith(ConstantInt::get(Call->getType(), 1));
    Call->eraseFromParent();
  }
  return true;
}

// Branches that go one way under the facts go that way only; what is then
// unreachable is exactly what the analysis found not executable.
void Outliner::dropDeadCode() {
  for (auto &[From, To] : S.FoldedBranches) {
    BasicBlock *BB = const_cast<BasicBlock *>(From);
    Instruction *T = BB->getTerminator();
    for (BasicBlock *Succ : successors(BB))
      if (Succ != To)
        Succ->removePredecessor(BB);
    BranchInst::Create(To, compat::before(T));
    T->eraseFromParent();
  }
  removeUnreachableBlocks(*Core);
}

Type *Outliner::itemType(unsigned Item) const {
  return abiType(S.Return == ValueKind::Tuple ? S.Results[Item] : S.Return, Draft.getContext());
}

unsigned Outliner::resultParameter(unsigned Item) const {
  return Core->arg_size() - S.Results.size() + Item;
}

// The scalar of item Item that Obj stands for, of type ItemType where it is
// not the result's item's (an item of a tuple made item by item, followed
// on its own as item 0).
Value *Outliner::scalarOf(Value *Obj, unsigned Item, Type *ItemType) {
  if (Value *V = Scalars.lookup({Obj, Item}))
    return V;
  Type *T = ItemType ? ItemType : itemType(Item);
  Value *Result = nullptr;
  if (auto *Phi = dyn_cast<PHINode>(Obj)) {
    auto *New = PHINode::Create(T, Phi->getNumIncomingValues(), "", compat::before(Phi));
    Scalars[{Obj, Item}] = New; // before the incoming values: loops come back here
    for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K)
      New->addIncoming(scalarOf(Phi->getIncomingValue(K), Item, ItemType), Phi->getIncomingBlock(K));
    if (Item == 0) // the first item's walk meets each of them
      OldNetwork.push_back(Phi);
    Result = New;
  } else if (auto *Sel = dyn_cast<SelectInst>(Obj)) {
    Value *TV = scalarOf(Sel->getTrueValue(), Item, ItemType),
          *FV = scalarOf(Sel->getFalseValue(), Item, ItemType);
    Result = SelectInst::Create(Sel->getCondition(), TV, FV, "", compat::before(Sel));
    if (Item == 0)
      OldNetwork.push_back(Sel);
  } else if (isa<UndefValue>(Obj) || isa<ConstantPointerNull>(Obj) ||
             is_contained(S.NullResults, Obj)) {
    // Any value refines an undefined one; on a NULL the core has bailed.
    Result = Constant::getNullValue(T);
  } else {
    auto It = S.Leaves.find(Obj);
    if (It == S.Leaves.end()) {
      Unexpected = true; // the analysis saw every leaf; checked by run()
      return PoisonValue::get(T);
    }
    const ReturnLeaf &L = It->second;
    if (!L.Items.empty()) {
      // A tuple made item by item: the item is an object of its own (a
      // box, a choice of True and False), whose scalar is its item 0.
      Value *Of = L.Items[Item];
      if (!Of) {
        Unexpected = true; // gone: no core (run says why)
        return PoisonValue::get(T);
      }
      Result = scalarOf(Of, 0, itemType(Item));
    } else if (L.Const) {
      Result = L.Const;
    } else {
      // Read the operand now: the value it held may have been replaced by a
      // parameter since the analysis ran.
      auto *Box = cast<CallBase>(Obj);
      Value *X = Box->getArgOperand(L.ScalarArg + Item);
      IRBuilder<> B(Box);
      if (IntegerType *ReadAs = L.readAs(Item))
        X = B.CreateTrunc(X, ReadAs); // what the unit's va_arg reads of it
      Result = L.NonZeroTest ? B.CreateICmpNE(X, Constant::getNullValue(X->getType())) : X;
    }
  }
  Scalars[{Obj, Item}] = Result;
  return Result;
}

// Set *bail and leave, returning some value: the caller runs the wrapper.
void Outliner::emitBail(IRBuilder<> &B) {
  B.CreateStore(B.getInt32(1), Core->getArg(cParameterIndex(S.Params, S.Params.size())));
  if (Core->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Constant::getNullValue(abiType(S.Return, Core->getContext())));
}

// Where the wrapper raises, the core bails; what followed the raise goes, and
// so does what the core does not need (computed only for a raise, or for
// code the facts rule out).
void Outliner::cutAtBailPoints() {
  // A bail point at a block's entry (FailingPaths.cpp) may itself be code
  // needed only on the way to the raise: it goes with what it cuts off.
  SmallVector<Instruction *, 8> Unneeded;
  for (Instruction *I : S.Unneeded)
    if (!is_contained(S.BailPoints, I))
      Unneeded.push_back(I);
  for (Instruction *I : Unneeded)
    I->replaceAllUsesWith(PoisonValue::get(I->getType()));
  for (Instruction *I : Unneeded)
    I->eraseFromParent();
  for (Instruction *Raise : S.BailPoints) {
    BasicBlock *Rest = Raise->getParent()->splitBasicBlock(Raise);
    Instruction *Jump = Rest->getSinglePredecessor()->getTerminator();
    IRBuilder<> B(Jump);
    emitBail(B);
    Jump->eraseFromParent();
  }
}

// A phi/select network of values of type T beside the network of returned
// objects, Leaf giving the value of each object that is not a phi or select.
Value *Outliner::mirror(Value *Obj, Type *T, DenseMap<Value *, Value *> &Memo,
                        function_ref<Value *(Value *)> Leaf) {
  if (Value *V = Memo.lookup(Obj))
    return V;
  Value *Result;
  if (auto *Phi = dyn_cast<PHINode>(Obj)) {
    auto *New = PHINode::Create(T, Phi->getNumIncomingValues(), "", compat::before(Phi));
    Memo[Obj] = New; // before the incoming values: loops come back here
    for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K)
      New->addIncoming(mirror(Phi->getIncomingValue(K), T, Memo, Leaf), Phi->getIncomingBlock(K));
    Result = New;
  } else if (auto *Sel = dyn_cast<SelectInst>(Obj)) {
    Result = SelectInst::Create(Sel->getCondition(), mirror(Sel->getTrueValue(), T, Memo, Leaf),
                                mirror(Sel->getFalseValue(), T, Memo, Leaf), "",
                                compat::before(Sel));
  } else {
    Result = Leaf(Obj);
  }
  Memo[Obj] = Result;
  return Result;
}

// Whether a returned object is NULL: true where NULL enters.
Value *Outliner::bailedOf(Value *Obj) {
  return mirror(Obj, Type::getInt1Ty(Draft.getContext()), Bailed, [&](Value *Leaf) -> Value * {
    return ConstantInt::getBool(Draft.getContext(), isa<ConstantPointerNull>(Leaf) ||
                                                        is_contained(S.NullResults, Leaf));
  });
}

// The singleton a returned object is (None, True, False, or Py_NewRef of
// one, whose reference the wrapper hands its caller), else NULL, for a core
// that keeps reference counting.
Value *Outliner::ownedOf(Value *Obj) {
  return mirror(Obj, Obj->getType(), Owned, [&](Value *Leaf) -> Value * {
    if (singletonOf(Leaf))
      return Leaf;
    const BoundaryPrimitive *P = calledPrimitive(Leaf);
    if (P && P->Role == PrimitiveRole::NewRef)
      return Leaf;
    return ConstantPointerNull::get(cast<PointerType>(Leaf->getType()));
  });
}

// What CPython does after a builtin returns (_Py_CheckFunctionResult, as
// PyObject_Vectorcall reports it): a NULL without an exception becomes a
// SystemError, and so does a value with one (from the exception as its
// cause). First the core lets go of the singleton the wrapper would have
// returned.
void Outliner::checkResult(ReturnInst *R, Value *IsNull, Value *Owned) {
  Module &M = *Core->getParent();
  LLVMContext &Ctx = M.getContext();
  auto *Ptr = PointerType::get(Ctx, 0);
  std::string Repr = "<built-in function " + PythonName.str() + ">";
  std::string Escaped; // a format for _PyErr_FormatFromCause
  for (char C : Repr)
    Escaped += C == '%' ? std::string("%%") : std::string(1, C);
  BasicBlock *BB = R->getParent();
  BasicBlock *Tail = BB->splitBasicBlock(R, "checked");
  IRBuilder<> B(BB->getTerminator());
  if (Owned && !isa<ConstantPointerNull>(Owned))
    B.CreateCall(declareForCore(M, capi::DecRef, FunctionType::get(Type::getVoidTy(Ctx), {Ptr}, false)), {Owned});
  Value *Err = B.CreateCall(declareForCore(M, capi::ErrOccurred, FunctionType::get(Ptr, false)), {});
  Value *Bad = B.CreateXor(B.CreateIsNotNull(Err), IsNull);
  // _PyErr_FormatFromCause is CPython's own, not the stable ABI: referenced
  // weakly (unless the module already calls it), so that the extension
  // still loads where it is missing; there the SystemError has no cause.
  bool Declared = M.getFunction(capi::ErrFormatFromCause) != nullptr;
  FunctionCallee FromCause =
      declareForCore(M, capi::ErrFormatFromCause, FunctionType::get(Ptr, {Ptr, Ptr}, true));
  auto *Weak = dyn_cast<Function>(FromCause.getCallee());
  if (Weak && !Declared)
    Weak->setLinkage(GlobalValue::ExternalWeakLinkage);
  else
    Weak = nullptr;
  FunctionCallee SetString =
      declareForCore(M, capi::ErrSetString, FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false));
  auto NewBlock = [&](StringRef Label) { return BasicBlock::Create(Ctx, Label, Core, Tail); };
  auto Raise = [&](BasicBlock *Block, FunctionCallee Fn, const std::string &Text) {
    IRBuilder<> FB(Block);
    Value *Type = FB.CreateLoad(Ptr, M.getOrInsertGlobal(capi::SystemError, Ptr));
    FB.CreateCall(Fn, {Type, FB.CreateGlobalString(Text)});
    FB.CreateBr(Tail);
  };
  auto NullWithoutError = [&] {
    BasicBlock *Block = NewBlock("null_without_error");
    Raise(Block, SetString, Repr + " returned NULL without setting an exception");
    return Block;
  };
  auto ValueWithError = [&] {
    BasicBlock *Block = NewBlock("value_with_error");
    std::string Text = " returned a result with an exception set";
    if (!Weak) {
      Raise(Block, FromCause, Escaped + Text);
      return Block;
    }
    BasicBlock *WithCause = NewBlock("value_with_error.cause");
    BasicBlock *Plain = NewBlock("value_with_error.plain");
    IRBuilder<> Branch(Block);
    Branch.CreateCondBr(Branch.CreateIsNotNull(Weak), WithCause, Plain);
    Raise(WithCause, FromCause, Escaped + Text);
    Raise(Plain, SetString, Repr + Text);
    return Block;
  };
  Instruction *Jump = BB->getTerminator();
  auto *Known = dyn_cast<ConstantInt>(IsNull);
  BasicBlock *Target;
  if (Known) {
    Target = Known->isOne() ? NullWithoutError() : ValueWithError();
  } else {
    Target = NewBlock("bad_result");
    BranchInst::Create(NullWithoutError(), ValueWithError(), IsNull, Target);
  }
  BranchInst::Create(Target, Tail, Bad, compat::before(Jump));
  Jump->eraseFromParent();
}

void Outliner::rewriteReturns() {
  SmallVector<ReturnInst *, 4> Rets;
  for (BasicBlock &BB : *Core)
    if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
      Rets.push_back(R);
  for (ReturnInst *R : Rets) {
    // A bail's own return: `ret void` for a core without a result, a
    // scalar otherwise. Only the wrapper's returns carry an object.
    Value *Obj = R->getReturnValue();
    if (!Obj || !Obj->getType()->isPointerTy())
      continue;
    if (S.Errors == PYUNBOX_ERRORS_BAIL) {
      Value *IsNull = bailedOf(Obj);
      if (auto *C = dyn_cast<ConstantInt>(IsNull); C && C->isOne()) {
        IRBuilder<> B(R);
        emitBail(B);
        R->eraseFromParent();
        continue;
      }
      if (!isa<Constant>(IsNull)) {
        // Split: the NULL case bails, the rest returns below.
        BasicBlock *BB = R->getParent();
        BasicBlock *Normal = BB->splitBasicBlock(R);
        BasicBlock *Bail = BasicBlock::Create(Core->getContext(), "bail", Core, Normal);
        BB->getTerminator()->eraseFromParent();
        BranchInst::Create(Bail, Normal, IsNull, BB);
        IRBuilder<> B(Bail);
        emitBail(B);
      }
    }
    if (S.ChecksResult) {
      checkResult(R, bailedOf(Obj), S.KeepsReferenceCounts ? ownedOf(Obj) : nullptr);
      // R is still the return (now after the check) and Obj still its value.
    }
    if (S.Return == ValueKind::Tuple) {
      IRBuilder<> B(R);
      for (unsigned K = 0; K != S.Results.size(); ++K)
        B.CreateStore(scalarOf(Obj, K), Core->getArg(resultParameter(K)));
      B.CreateRetVoid();
    } else if (S.Return == ValueKind::Void)
      ReturnInst::Create(Core->getContext(), nullptr, compat::before(R));
    else
      ReturnInst::Create(Core->getContext(), scalarOf(Obj), compat::before(R));
    R->eraseFromParent();
  }
  for (auto &[Obj, Flag] : Bailed)
    if (auto *I = dyn_cast<Instruction>(Flag); I && I->use_empty())
      I->eraseFromParent();
  for (auto &[Obj, Single] : Owned)
    if (auto *I = dyn_cast<Instruction>(Single); I && I != Obj && I->use_empty())
      I->eraseFromParent();
  for (Instruction *I : OldNetwork)
    I->replaceAllUsesWith(PoisonValue::get(I->getType()));
  for (Instruction *I : OldNetwork)
    I->eraseFromParent();
  // The stores into a tuple made item by item go first: each writes a box.
  // (A call whose result was a fact is gone already: applyFacts.)
  for (const WeakVH &W : S.TupleItemWrites) // each store before its address
    if (auto *I = dyn_cast_or_null<Instruction>(W))
      eraseWithUses(I);
  // The box calls allocate; the core must not, whether or not they are used.
  for (CallBase *Box : S.Boxes)
    if (Box->getParent())
      eraseWithUses(Box);
}

Function *Outliner::run(StringRef Name, std::string &Why) {
  Core = createCore(Name);
  compat::spliceAllBlocks(*Core, Draft);
  // An "O" unit's output, whose reads must all be gone at the end: held by
  // handles, since it dies with its last use (a Py_buffer unit's view too).
  SmallVector<std::pair<WeakVH, unsigned>, 2> ObjectOutputs;
  for (const ParseSite &P : S.Parses)
    for (unsigned K = 0; K != P.OutPtrs.size(); ++K)
      if (!P.StoredTypes[K])
        ObjectOutputs.push_back({WeakVH(P.OutPtrs[K]), P.Slots[K]});
  if (applyFacts(Why)) {
    cutAtBailPoints();
    dropDeadCode();
    splitAtNegativeValues();
    gateOnPython313(Why);
    rewriteReturns();
    if (Unexpected)
      Why = "a returned object has no known scalar";
    // Loads of now unused argument objects die here, and so do the calls
    // that read them (the analysis kept only executable ones: PyTuple_GetItem,
    // _PyNumber_Index), whose own operands may die next; a draft argument
    // still used would mean the analysis missed a use.
    SmallPtrSet<CallBase *, 4> Reads(S.ArgumentReads.begin(), S.ArgumentReads.end());
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (BasicBlock &BB : *Core)
        for (Instruction &I : make_early_inc_range(reverse(BB))) {
          auto *Read = dyn_cast<CallBase>(&I);
          if (isInstructionTriviallyDead(&I) || (Read && Read->use_empty() && Reads.erase(Read))) {
            I.eraseFromParent();
            Changed = true;
          }
        }
    }
    for (Argument &A : Draft.args())
      if (!A.use_empty())
        Why = "the wrapper's argument " + std::to_string(A.getArgNo() + 1) + " is still used";
    // So is an "O" unit's object: nothing was stored for it in the core.
    for (auto &[Output, Slot] : ObjectOutputs)
      if (Output && any_of(Output->users(), [](User *U) { return isa<LoadInst>(U); }))
        Why = "the object of argument " + std::to_string(Slot + 1) + " is still used";
  }
  if (Why.empty()) {
    promoteAllocas(*Core);
    if (injectsInvalidIR(PythonName)) // a block without a terminator
      BasicBlock::Create(Core->getContext(), "injected.fault", Core);
    // The safety net: a core the verifier rejects is no core. Its first
    // line says why.
    std::string Verifier;
    raw_string_ostream OS(Verifier);
    if (verifyFunction(*Core, &OS))
      Why = "invalid IR: " + StringRef(OS.str()).split('\n').first.rtrim().str();
  }
  if (!Why.empty()) {
    for (Argument &A : Draft.args())
      A.replaceAllUsesWith(PoisonValue::get(A.getType()));
    Core->dropAllReferences();
    Core->eraseFromParent();
    Core = nullptr;
  }
  Draft.eraseFromParent();
  return Core;
}

} // namespace

Function *outlineCore(Function &Draft, const WrapperShape &Shape, StringRef Name,
                      StringRef PythonName, std::string &Why) {
  Why.clear();
  return Outliner(Draft, Shape, PythonName).run(Name, Why);
}

} // namespace pyunbox
