//===- analysis/InterpreterUse.cpp - No interpreter for well-typed arguments ---===//
//
// Step 3's first half: the code a well-typed call executes (FactPropagation
// under the facts of the boundary scan) touches the interpreter only at the
// boundary. Every operand is checked (self, argument objects, the tuple or
// array, the interpreter's globals), then every call (C API, module helpers
// through CalleeSummaries, indirect calls, inline assembly). Values no code of
// the core needs (pure, used only where the core does not go) are set aside
// first, so what they read never counts.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

void WrapperAnalyzer::collectUnneeded(const FactPropagation &FP) {
  auto Role = [&](Instruction *I) {
    auto It = Sanctioned.find(I);
    return It == Sanctioned.end() ? std::optional<Sanction>() : It->second;
  };
  // Whether a use of V by U matters to the core; RaiseToo: count a raise the
  // core keeps (pyerr) as not mattering, for BailOnly.
  auto UseIsFree = [&](Value *V, User *U, bool RaiseToo) {
    auto *UI = dyn_cast<Instruction>(U);
    if (!UI)
      return false;
    if (auto *Phi = dyn_cast<PHINode>(UI)) {
      bool Live = false;
      for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K)
        Live |= Phi->getIncomingValue(K) == V &&
                FP.isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent());
      if (!Live)
        return true;
    }
    if (!FP.executes(*UI) || Unneeded.count(UI) || Role(UI) == Sanction::Bail)
      return true;
    if (Role(UI) == Sanction::Fact && S.Facts.count(UI))
      return true; // a constant in the core: what it was handed goes
    if (Role(UI) == Sanction::Unbox && isa<LoadInst>(UI))
      return true; // a float's value read, the parameter: its address goes
    return RaiseToo && (BailOnly.count(UI) || Role(UI) == Sanction::KeepRaise);
  };
  // A worklist: an instruction's standing changes only when one of its
  // users' does, so that is when its operands are looked at again. The sets
  // it reaches are the ones a sweep to a fixpoint reaches (both only grow,
  // and a use stays free once it is).
  SmallVector<Instruction *, 64> Work;
  for (BasicBlock &BB : reverse(F))
    for (Instruction &I : BB)
      Work.push_back(&I); // popped as a sweep goes: blocks forward, users first
  while (!Work.empty()) {
    Instruction &I = *Work.pop_back_val();
    if (Unneeded.count(&I) || !FP.executes(I) || I.isTerminator() || isa<PHINode>(I))
      continue;
    // An unbox site (a float's value read) becomes the parameter in the
    // core (Outliner::applyFacts), which erases it there: it is not erased
    // again as unneeded, even where nothing reads its value.
    if (Role(&I) == Sanction::Unbox)
      continue;
    auto *CB = dyn_cast<CallBase>(&I);
    const BoundaryPrimitive *P = calledPrimitive(&I);
    bool Pure = CB ? P && (P->Role == PrimitiveRole::ReadsObject ||
                           P->Role == PrimitiveRole::TypeOf ||
                           P->Role == PrimitiveRole::TupleSize)
                   : !I.mayHaveSideEffects();
    if (!Pure)
      continue;
    if (all_of(I.users(), [&](User *U) { return UseIsFree(&I, U, false); })) {
      Unneeded.insert(&I);
      S.Unneeded.push_back(&I); // users first: safe to erase in order
    } else if (!BailOnly.count(&I) &&
               all_of(I.users(), [&](User *U) { return UseIsFree(&I, U, true); })) {
      BailOnly.insert(&I);
    } else {
      continue;
    }
    for (Value *Op : I.operands())
      if (auto *OpI = dyn_cast<Instruction>(Op))
        Work.push_back(OpI);
  }
}

std::optional<Refusal> WrapperAnalyzer::checkOperand(Instruction &I, Value *Op) {
  if (Unneeded.count(&I))
    return std::nullopt;
  auto Role = Sanctioned.find(&I);
  bool ForRaise = BailOnly.count(&I) ||
                  (Role != Sanctioned.end() && (Role->second == Sanction::Bail ||
                                                Role->second == Sanction::KeepRaise));
  // A bailing core stops before the raise: what the raise is handed never
  // matters. A core that raises itself may read the interpreter's globals
  // for it (PyExc_ValueError), but it has no argument objects to mention.
  if (ForRaise && !PyErrMode)
    return std::nullopt;
  auto Allowed = [&](std::initializer_list<Sanction> Roles) {
    auto It = Sanctioned.find(&I);
    return It != Sanctioned.end() && is_contained(Roles, It->second);
  };
  if (Op == Self)
    return refuse(RefusalKey::UsesSelf, "uses self (" + describe(&I) + ")");
  // Argument objects and the array may be tested against NULL (assert(arg),
  // Clinic's unpack macro): CPython never passes NULL, so the test folds.
  // So may an argument object against None (`if (o != Py_None)` of an "O"
  // unit that starts as None), both operands: a core stands for numbers
  // (knownDifferent).
  auto *NullTest = dyn_cast<ICmpInst>(&I);
  bool IsNoneTest = NullTest && NullTest->isEquality() && any_of(NullTest->operands(), [&](Value *A) {
    auto *C = dyn_cast<Constant>(NullTest->getOperand(NullTest->getOperand(0) == A));
    return C && knownDifferent(A, C);
  });
  bool IsNullTest = IsNoneTest || (NullTest && NullTest->isEquality() &&
                                   isa<ConstantPointerNull>(NullTest->getOperand(NullTest->getOperand(0) == Op)));
  if (S.Conv == Convention::VarArgs && Op == Second && !Allowed({Sanction::Parse, Sanction::Fact}) &&
      !ArrayReads.count(&I) && !IsNullTest)
    return refuse(RefusalKey::ArgumentEscapes, "uses its argument tuple for more than reading arguments (" +
                                         describe(&I) + ")");
  // So is an element's address (args + k): read, or tested against NULL,
  // never handed on (-fsanitize=alignment's check masks it as an integer).
  bool ElementAddress = isa<GetElementPtrInst>(Op) && ArrayReads.count(Op);
  if (S.Conv == Convention::FastCall && (Op == Second || ArrayAliases.count(Op) || ElementAddress) &&
      !ArrayReads.count(&I) && !IsNullTest && !Allowed({Sanction::Parse}))
    return refuse(RefusalKey::ArgumentEscapes, "uses its argument array for more than reading arguments (" +
                                         describe(&I) + ")");
  auto Slot = SlotOf.find(Op);
  auto Merge = SlotOf.find(&I); // a phi that is the same argument
  bool SameArgument = Slot != SlotOf.end() && Merge != SlotOf.end() && Slot->second == Merge->second;
  if (Slot != SlotOf.end() &&
      !Allowed({Sanction::Unbox, Sanction::Fact, Sanction::Parse, Sanction::Refcount}) && !IsNullTest &&
      !SameArgument)
    return argumentEscapes(Slot->second, describe(&I));
  if (auto *GV = dyn_cast<GlobalValue>(Op->stripPointerCasts())) {
    bool IsCallee = isa<CallBase>(I) && cast<CallBase>(I).getCalledOperand() == Op;
    if (!IsCallee && !ForRaise && !InterpMode && isInterpreterSymbol(GV->getName()) &&
        !Sanctioned.count(&I) && !IsNoneTest &&
        !(singletonOf(GV) && (isa<PHINode>(I) || isa<SelectInst>(I) || isa<ReturnInst>(I))))
      return refuse(RefusalKey::UsesInterpreterState, "uses the interpreter's '" + GV->getName() + "'");
  }
  return std::nullopt;
}

// The tests of an argument object against NULL or None that checkOperand
// lets through are constants in the core (FactPropagation folded them): so
// they are wherever their value goes, a branch or not (`v + (o == Py_None)`),
// and the core keeps no use of the object.
void WrapperAnalyzer::noteFoldedArgumentTests(const FactPropagation &FP) {
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *Cmp = dyn_cast<ICmpInst>(&I);
      if (!Cmp || !Cmp->isEquality() || !FP.executes(I) || S.Facts.count(Cmp) ||
          none_of(Cmp->operands(), [&](Value *Op) { return SlotOf.count(Op); }))
        continue;
      if (Constant *C = FP.constantOf(Cmp))
        S.Facts[Cmp] = C;
    }
}

std::optional<Refusal> WrapperAnalyzer::checkCall(CallBase &CB) {
  if (isa<IntrinsicInst>(CB) || Unneeded.count(&CB) || (BailOnly.count(&CB) && !PyErrMode))
    return std::nullopt;
  if (CB.isInlineAsm())
    return refuse(RefusalKey::InlineAsm, "contains inline assembly");
  const Function *Callee = CB.getCalledFunction();
  if (InterpMode)
    return std::nullopt; // with the GIL, as the wrapper: its operands are checked
  if (!Callee)
    return refuse(RefusalKey::IndirectCall, "calls through a function pointer, which may reach the interpreter");
  StringRef Name = Callee->getName();
  if (Sanctioned.count(&CB))
    return std::nullopt; // a boundary call the table gives a meaning
  if (auto Why = TupleRefusals.find(&CB); Why != TupleRefusals.end())
    return Why->second; // a returned tuple that is no tuple result (AssembledTuples.cpp)
  if (isInterpreterSymbol(Name)) {
    const BoundaryPrimitive *P = lookupPrimitive(Name);
    if (P && isUnboxer(P->Role))
      return refuse(RefusalKey::UsesInterpreter, "calls '" + Name + "' on an object that is not an argument");
    return refuse(RefusalKey::UsesInterpreter, "calls '" + Name + "' for well-typed arguments");
  }
  CalleeVerdict V = Summaries.interpreterUse(*Callee);
  if (V.Class == CalleeClass::UsesInterpreter)
    return refuse(RefusalKey::CallsInterpreterHelper,
                  "calls '" + Name + "', which uses the interpreter ('" + V.Culprit + "')");
  if (V.Class == CalleeClass::Unknown)
    return refuse(RefusalKey::CallsUnknownFunction, "calls '" + Name + "', which reaches " +
                                              (V.Culprit == Name ? "code outside this module"
                                                                 : "'" + V.Culprit + "'") +
                                              " that may use the interpreter");
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::checkExecutableCode(const FactPropagation &FP) {
  collectUnneeded(FP);
  // Known problems first: they name the real reason (a raise, a format code)
  // better than the first odd operand on the way to them would.
  for (BasicBlock &BB : F)
    if (FP.isExecutable(&BB))
      for (Instruction &I : BB)
        if (auto It = Problems.find(&I); It != Problems.end() && FP.executes(I))
          return It->second;
  // Then what the code calls (the clearest reason), then what it reads.
  for (BasicBlock &BB : F) {
    if (!FP.isExecutable(&BB)) {
      S.DeadBlocks.push_back(&BB);
      continue;
    }
    for (Instruction &I : BB) {
      if (!FP.executes(I))
        break;
      if (isa<InvokeInst>(I) || isa<CallBrInst>(I) || isa<IndirectBrInst>(I) || I.isEHPad() ||
          isa<ResumeInst>(I))
        return refuse(RefusalKey::UnsupportedControlFlow, "has control flow the pass does not model (" +
                                                    describe(&I) + ")");
      if (auto *CB = dyn_cast<CallBase>(&I);
          CB && !Unneeded.count(CB) && (PyErrMode || !BailOnly.count(CB))) {
        for (Value *Arg : CB->args()) // what is handed over says most
          if (auto R = checkOperand(I, Arg))
            return R;
        if (auto R = checkCall(*CB))
          return R;
      }
      if (auto *Ret = dyn_cast<ReturnInst>(&I))
        S.Returns.push_back(Ret);
    }
  }
  for (BasicBlock &BB : F) {
    if (!FP.isExecutable(&BB))
      continue;
    for (Instruction &I : BB)
      for (unsigned K = 0, E = FP.executes(I) ? I.getNumOperands() : 0; K != E; ++K) {
        if (auto *Phi = dyn_cast<PHINode>(&I))
          if (!FP.isExecutableEdge(Phi->getIncomingBlock(K), &BB))
            continue;
        if (auto R = checkOperand(I, I.getOperand(K)))
          return R;
      }
  }
  S.FoldedBranches = FP.foldedBranches();
  return std::nullopt;
}

} // namespace pyunbox
