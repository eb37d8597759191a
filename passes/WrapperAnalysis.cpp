//===- WrapperAnalysis.cpp - Is this function an unbox/compute/box wrapper? -===//
//
// The decision. Three steps, none of which changes the IR:
//  1. find the boundary: which values are argument objects, which calls unbox
//     them, parse them or box results (BoundaryScan and the files it hands
//     calls to; BoundaryPrimitives decides what a call means);
//  2. find the code a well-typed call executes (FactPropagation under the
//     facts of step 1);
//  3. check that this code touches the interpreter only at the boundary
//     (InterpreterUse), that every normal return boxes one kind of scalar
//     (ReturnNetwork) and that its error paths allow a core (ErrorPaths).
// Then the mode ladder: a bailing core first; then one that bails also
// before the paths that surely fail; one that raises itself where state
// changes before a raise; one that uses the interpreter where that is what
// stands in the way and the core can check its result. The cost model of
// the last is here too.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

// The predicates that read only the wrapper's own definition and signature:
// asked of the wrapper before a draft is made (screenWrapper), and of the
// draft (the same function) when the analysis runs.
std::optional<Refusal> WrapperAnalyzer::checkDefinition() {
  if (F.isDeclaration())
    return refuse(RefusalKey::NotDefined,
                  "its wrapper '" + F.getName() + "' is not defined in this module");
  if (auto R = decideConvention())
    return R;
  return checkSignature();
}

bool WrapperAnalyzer::knownNonNull(const Value *V) const {
  // CPython passes a real array whenever there are arguments to read, and
  // Clinic's unpack hands it back (were the unpack call to run, the core
  // would be refused for it).
  if ((V == Second || ArrayAliases.count(V)) && S.Conv == Convention::FastCall && NumSlots > 0)
    return true;
  // METH_VARARGS always gets a tuple, () when there are no arguments (SWIG's
  // SWIG_Python_UnpackTuple tests `if (!args)` all the same).
  if (V == Second && S.Conv == Convention::VarArgs)
    return true;
  if (SlotOf.count(const_cast<Value *>(V)))
    return true; // an argument object
  if (isBytesDataRead(V))
    return true; // a bytes argument's bytes
  // The address of an element read (args + k, a tuple's ob_item[k]) lies in
  // that array or tuple: -fsanitize=null tests it before the load.
  if (isa<GetElementPtrInst>(V) && ArrayReads.count(const_cast<Value *>(V)) &&
      ((S.Conv == Convention::FastCall && NumSlots > 0) || S.Conv == Convention::VarArgs))
    return true;
  SmallPtrSet<const Value *, 8> Seen;
  return isMadeObject(V, Seen);
}

// A singleton or a result boxed or NewRef'd in the core, or a choice
// between such (Cython 3.1's __Pyx_PyBool_FromLong is
// b ? __Pyx_NewRef(Py_True) : __Pyx_NewRef(Py_False)): never NULL.
bool WrapperAnalyzer::isMadeObject(const Value *V, SmallPtrSetImpl<const Value *> &Seen) const {
  if (singletonOf(V))
    return true;
  if (isa<PHINode>(V) || isa<SelectInst>(V)) {
    if (!Seen.insert(V).second)
      return true; // a cycle adds no other value
    if (auto *Sel = dyn_cast<SelectInst>(V))
      return isMadeObject(Sel->getTrueValue(), Seen) && isMadeObject(Sel->getFalseValue(), Seen);
    return all_of(cast<PHINode>(V)->incoming_values(),
                  [&](const Value *In) { return isMadeObject(In, Seen); });
  }
  auto It = Sanctioned.find(const_cast<Instruction *>(dyn_cast<Instruction>(V)));
  if (It == Sanctioned.end())
    return false;
  // A box no kind stands for, where the core bails (visitForeignBox).
  return It->second == Sanction::Box || It->second == Sanction::NewRef ||
         (It->second == Sanction::Bail && callsRole(V, PrimitiveRole::ForeignBox));
}

AnalysisResult WrapperAnalyzer::run(const MinerOptions &Opts) {
  auto Fail = [](Refusal R) { return AnalysisResult{std::nullopt, std::move(R)}; };
  if (auto R = checkDefinition())
    return Fail(*R);
  collectArgumentSlots();
  if (auto R = findBoundary())
    return Fail(*R);
  if (PyErrMode)
    keepErrorChecksAfterRaises();
  else if (CutFailing)
    cutFailingPaths();
  auto NonNull = [this](const Value *V) { return knownNonNull(V); };
  auto Stops = [this](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    return It != Sanctioned.end() && It->second == Sanction::Bail;
  };
  auto Differs = [this](const Value *V, const Constant *C) { return knownDifferent(V, C); };
  // More facts only take edges away, so what the phis were found to be holds.
  std::optional<FactPropagation> Propagation;
  for (bool NewFacts = true; NewFacts;) {
    Propagation.emplace(F, S.Facts, Models, NonNull, Stops, /*Pessimistic=*/false, Differs);
    if (auto R = followSlotsThroughPhis(*Propagation, NewFacts))
      return Fail(*R);
  }
  const FactPropagation &FP = *Propagation;
  settleBytesObjectReads(FP);
  if (auto R = settleSlotKinds(FP))
    return Fail(*R);
  auto Propagate = [&](const DenseMap<Value *, Constant *> &Facts,
                       std::function<bool(const Value *)> AlsoNonNull) {
    auto WorldNonNull = [this, AlsoNonNull](const Value *V) {
      return knownNonNull(V) || (AlsoNonNull && AlsoNonNull(V));
    };
    return std::make_unique<FactPropagation>(F, Facts, Models, WorldNonNull, Stops,
                                             /*Pessimistic=*/false, Differs);
  };
  if (settleFloatIntDispatches(Propagate))
    Propagation.emplace(F, S.Facts, Models, NonNull, Stops, /*Pessimistic=*/false, Differs);
  settleBytesStrDispatches(Propagate);
  if (auto R = checkBytesChecks(FP))
    return Fail(*R);
  if (auto R = checkIntChecks(FP))
    return Fail(*R);
  // Where args[i] runs, no slot can be told; where it does not (the facts
  // took the arity from the constant reads, none here), the function would
  // seem to fail for every call.
  auto VariableIndex = [&] {
    return refuse(RefusalKey::ArgumentIndexNotConstant,
                  "reads its arguments at an index that is not a constant (a loop over "
                  "them whose trip count is not a constant)");
  };
  if (any_of(VariableIndexReads, [&](GetElementPtrInst *GEP) { return FP.executes(*GEP); }))
    return Fail(VariableIndex());
  noteReleasesOfNull(FP);
  if (auto R = checkExecutableCode(FP))
    return Fail(*R);
  if (auto R = checkArgumentReferences(FP))
    return Fail(*R);
  // An argument that nothing unboxes to a C scalar where the core runs
  // (Anywhere: nowhere in the wrapper at all, a Cython `list` parameter; a
  // bytes read by hand becomes a SlotUse only where it runs).
  auto NotUnboxed = [&](bool Anywhere, const char *Why) -> std::optional<Refusal> {
    auto UnboxedSomewhere = [&](unsigned K) {
      return any_of(SlotUses, [K](const SlotUse &U) { return U.Slot == K; }) ||
             any_of(BytesObjectReads, [K](const BytesObjectRead &R) { return R.Slot == K; });
    };
    for (unsigned K = 0; K != NumSlots; ++K)
      if (Anywhere ? !UnboxedSomewhere(K) : K >= SlotKinds.size() || !SlotKinds[K])
        return refuse(RefusalKey::ArgumentNotUnboxed,
                      "argument " + Twine(K + 1) + " is never unboxed to a C scalar" + Why);
    return std::nullopt;
  };
  if (auto R = checkReturns(FP)) {
    if (R->Key != RefusalKey::NoNormalReturn)
      return Fail(*R);
    if (!VariableIndexReads.empty())
      return Fail(VariableIndex());
    // An argument of another type (its type tested, and the wrapper raises
    // for the scalar's box a core's caller would pass in its place) is the
    // reason, not the returns. One unboxed only in code that never runs
    // (a test of the arity that always fails) is not.
    if (auto Why = NotUnboxed(/*Anywhere=*/true, " (for a C scalar's box in its place, the "
                                                 "wrapper never returns normally)"))
      return Fail(*Why);
    return Fail(*R);
  }
  // Keep only the bail points that run; they make the core bail.
  erase_if(S.BailPoints, [&](Instruction *I) { return !FP.executes(*I); });
  S.BailsForForeignResult =
      any_of(S.BailPoints, [](Instruction *I) { return callsRole(I, PrimitiveRole::ForeignBox); });
  erase_if(S.ArgumentReads, [&](CallBase *CB) { return !FP.executes(*CB); });
  erase_if(S.FailsBelowZero, [&](CallBase *CB) { return !FP.executes(*CB); });
  erase_if(S.FailsBefore313, [&](CallBase *CB) { return !FP.executes(*CB); });
  // A core that raises itself would have to raise CPython's SystemError
  // there, for no caller that could use it.
  if (PyErrMode && !S.FailsBefore313.empty())
    return Fail(refuse(RefusalKey::UnsupportedFormat,
                       "parses a '#' unit in '" + S.FailsBefore313.front()->getCalledFunction()->getName() +
                           "', which raises SystemError before CPython 3.13, and raises itself"));
  if (!S.BailPoints.empty() || (!PyErrMode && !S.FailsBelowZero.empty()) || !S.FailsBefore313.empty())
    S.Errors = PYUNBOX_ERRORS_BAIL;
  // A core that checks its result as CPython does (Outliner) needs no proof
  // that its NULLs come with an exception and its values without.
  if (!PyErrMode)
    if (auto R = checkNothingObservedBeforeBails(FP))
      return Fail(*R);
  if (PyErrMode && !S.ChecksResult) {
    if (auto R = checkEveryNullIsRaised(FP))
      return Fail(*R);
    if (auto R = checkNoValueAfterRaise(FP))
      return Fail(*R);
  }
  bool Raises = !S.FailsBelowZero.empty() || any_of(Sanctioned, [&](auto &E) {
    return E.second == Sanction::KeepRaise && FP.executes(*E.first);
  });
  if (InterpMode || (PyErrMode && (Raises || S.Errors != PYUNBOX_ERRORS_NONE))) {
    S.Errors = PYUNBOX_ERRORS_PYERR;
    S.NeedsInterpreter = true;
  }
  // A core that needs the interpreter saves its caller the boxing and no
  // more; where the wrapper's work is large that saving is nothing, and the
  // copy would still cost compile time and code size.
  if (InterpMode) {
    unsigned Work = 0;
    for (BasicBlock &BB : F)
      if (FP.isExecutable(&BB))
        Work += count_if(BB, [&](const Instruction &I) {
          return FP.executes(I) && !Unneeded.count(const_cast<Instruction *>(&I)) &&
                 !isa<DbgInfoIntrinsic>(I);
        });
    if (Work > Opts.MaxInterpreterCoreInsts)
      return Fail(refuse(RefusalKey::LargeInterpreterCore,
                         "uses the interpreter for " + Twine(Work) +
                             " instructions of work (more than " +
                             Twine(Opts.MaxInterpreterCoreInsts) +
                             "): a core would save only the boxing, for a copy of it all"));
  }
  // A tuple comes back through the core's pointers where it returns at all;
  // a core that raises itself would have to tell its caller what it left
  // there.
  if (S.Return == ValueKind::Tuple && (S.Errors == PYUNBOX_ERRORS_PYERR || S.NeedsInterpreter))
    return Fail(refuse(RefusalKey::UnsupportedBuildValue,
                       "returns a tuple, which only a core that bails where the wrapper raises "
                       "returns (this one would raise itself)"));
  // A METH_VARARGS wrapper that never looks at its tuple (old code's way
  // to take no arguments) does the same for every call; its core stands
  // for the call without arguments, as a METH_NOARGS one does.
  if (auto R = NotUnboxed(/*Anywhere=*/false, ""))
    return Fail(*R);
  for (unsigned K = 0; K != NumSlots; ++K)
    S.Params.push_back(*SlotKinds[K]);
  if (ClinicKeywords && S.ParamNames.empty())
    S.ParamNames = stringArray(ClinicKeywords, NumSlots);
  S.ParamNames.resize(NumSlots);
  findDefaults(FP);
  for (unsigned Slot : BufferSlots)
    if (Slot < S.Passing.size())
      S.Passing[Slot].Flags |= PYUNBOX_PARAM_ANY_BUFFER;
  for (unsigned Slot : NoneIsNullSlots)
    if (Slot < S.Passing.size())
      S.Passing[Slot].Flags |= PYUNBOX_PARAM_NONE_IS_NULL;
  if (auto R = settleKeywordCalls(FP))
    return Fail(*R);
  // After the defaults: with fewer arguments those tests may go the other way.
  noteFoldedArgumentTests(FP);
  return {std::move(S), {}};
}

// Refusals that using the interpreter (with the GIL held) would lift.
static bool interpreterWouldHelp(RefusalKey Key) {
  switch (Key) {
  case RefusalKey::UsesInterpreter:
  case RefusalKey::CallsInterpreterHelper:
  case RefusalKey::CallsUnknownFunction:
  case RefusalKey::IndirectCall:
  case RefusalKey::UsesInterpreterState:
  case RefusalKey::UnsupportedBuildValue:
    return true;
  default:
    return false;
  }
}

// Refusals for what error paths typically do (build the exception with the
// interpreter, add a traceback, change state before the raise): where that
// code is on paths that fail anyway, a core that bails before them may not
// need it. An argument object used for more than unboxing is left out: in
// CPython's modules it is almost always a use on a path that returns (an
// object protocol fallback), and the rung's walk is not free (#16's cost).
static bool cuttingFailingPathsMayHelp(RefusalKey Key) {
  switch (Key) {
  case RefusalKey::UsesInterpreter:
  case RefusalKey::UsesInterpreterState:
  case RefusalKey::CallsInterpreterHelper:
  case RefusalKey::CallsUnknownFunction:
  case RefusalKey::IndirectCall:
  case RefusalKey::EffectBeforeRaise:
    return true;
  default:
    return false;
  }
}

// The rungs below the first: raising in the core, using the interpreter.
static AnalysisResult analyzeFurther(Function &Wrapper, unsigned MethFlags,
                                     CalleeSummaries &Summaries, bool CheckResults,
                                     const MinerOptions &Opts, AnalysisResult Last) {
  // State changes before a raise: a bail would repeat them. The core can
  // still raise itself, with the GIL held (CPython's convention).
  if (Last.Why.Key == RefusalKey::EffectBeforeRaise) {
    std::string Before = Last.Why.Reason;
    Last = WrapperAnalyzer(Wrapper, MethFlags, Summaries, /*PyErrMode=*/true, false, CheckResults)
               .run(Opts);
    if (Last.Shape)
      return Last;
    Last.Why.Reason = Before + "; raising in the core: " + Last.Why.Reason;
  }
  // The wrapper uses the interpreter for more than its arguments: the core
  // does the same, with the GIL held, where it checks its result.
  if (CheckResults && interpreterWouldHelp(Last.Why.Key)) {
    AnalysisResult Using = WrapperAnalyzer(Wrapper, MethFlags, Summaries, true, /*InterpMode=*/true,
                                    CheckResults).run(Opts);
    if (Using.Shape)
      return Using;
    Using.Why.Reason = Last.Why.Reason + "; with the interpreter: " + Using.Why.Reason;
    return Using;
  }
  return Last;
}

AnalysisResult analyzeWrapper(Function &Wrapper, unsigned MethFlags, CalleeSummaries &Summaries,
                              bool CheckResults, const MinerOptions &Opts) {
  AnalysisResult Bailing =
      WrapperAnalyzer(Wrapper, MethFlags, Summaries, /*PyErrMode=*/false).run(Opts);
  if (Bailing.Shape)
    return Bailing;
  // Bail also where a run enters code from which it surely fails (Cython's
  // traceback code, SWIG's SWIG_Python_ErrorType choosing the exception):
  // before the rungs that need the GIL, since a core that bails serves every
  // caller (PyPy's accelerate, Numba) and one that needs the GIL few. Where
  // it makes no core, the refusal is the rungs' below.
  if (cuttingFailingPathsMayHelp(Bailing.Why.Key)) {
    AnalysisResult Cut = WrapperAnalyzer(Wrapper, MethFlags, Summaries, /*PyErrMode=*/false)
                             .cuttingFailingPaths()
                             .run(Opts);
    if (Cut.Shape)
      return Cut;
  }
  return analyzeFurther(Wrapper, MethFlags, Summaries, CheckResults, Opts, std::move(Bailing));
}

// A cheap look before the expensive draft: a wrapper that takes arguments
// but reaches no unboxer or argument parser (directly or through the
// helpers a draft would inline) cannot get a core. Most object-level
// functions of a large module end here.
static bool reachesUnboxing(const Function &W, unsigned MaxDepth) {
  SmallVector<std::pair<const Function *, unsigned>, 8> Work{{&W, 0}};
  SmallPtrSet<const Function *, 8> Seen{&W};
  while (!Work.empty()) {
    auto [F, Depth] = Work.pop_back_val();
    for (const BasicBlock &BB : *F)
      for (const Instruction &I : BB) {
        auto *CB = dyn_cast<CallBase>(&I);
        const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
        if (!Callee)
          continue;
        // PyLong_AsDouble: the int's way of a double argument tested for
        // its type, whose float's way may read the float's value (FloatIntDispatch.cpp).
        if (isIntAsDouble(apiName(*Callee)))
          return true;
        if (const BoundaryPrimitive *P = lookupPrimitive(*Callee)) {
          switch (P->Role) {
          case PrimitiveRole::Unbox:
          case PrimitiveRole::UnboxOrOverflow:
          case PrimitiveRole::UnboxOfNonNegative:
          case PrimitiveRole::ParseTuple:
          case PrimitiveRole::ParseTupleAndKeywords:
          case PrimitiveRole::ParseStack:
          case PrimitiveRole::ParseStackAndKeywords:
          case PrimitiveRole::ParseObject:
          case PrimitiveRole::Converter:
          case PrimitiveRole::ConverterOfNonNegative:
          case PrimitiveRole::UnboxInto:
          case PrimitiveRole::GetBuffer:
          case PrimitiveRole::BytesData:
          case PrimitiveRole::BytesLength:
          case PrimitiveRole::BytesInto:
            return true;
          default:
            continue;
          }
        }
        if (!Callee->isDeclaration() && Depth < MaxDepth && Seen.insert(Callee).second)
          Work.push_back({Callee, Depth + 1});
      }
  }
  return false;
}

// Whether the wrapper never reads parameter A: no use, or (at -O0) only its
// store into a stack slot that nothing reads.
static bool neverRead(const Argument &A) {
  return all_of(A.users(), [&](const User *U) {
    auto *St = dyn_cast<StoreInst>(U);
    auto *Slot = St && St->getValueOperand() == &A
                     ? dyn_cast<AllocaInst>(St->getPointerOperand())
                     : nullptr;
    return Slot && all_of(Slot->users(), [&](const User *SU) {
             auto *Other = dyn_cast<StoreInst>(SU);
             return (Other && Other->getPointerOperand() == Slot) ||
                    (isa<IntrinsicInst>(SU) && cast<IntrinsicInst>(SU)->isLifetimeStartOrEnd());
           });
  });
}

// Whether nothing reads through METH_FASTCALL's argument array A: it only
// takes part in address arithmetic (Cython's kwvalues, args + nargs) or
// NULL tests, also through a stack slot (-O0) or a phi. A call it is handed
// to might read it.
static bool neverReadThrough(const Argument &A) {
  SmallVector<const Value *, 8> Work{&A};
  SmallPtrSet<const Value *, 8> Seen{&A};
  auto Push = [&](const Value *V) {
    if (Seen.insert(V).second)
      Work.push_back(V);
  };
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      if (isa<GetElementPtrInst>(U) || isa<PHINode>(U) || isa<SelectInst>(U)) {
        Push(U);
      } else if (auto *St = dyn_cast<StoreInst>(U)) {
        auto *Slot = dyn_cast<AllocaInst>(St->getPointerOperand());
        if (St->getValueOperand() != V || !Slot)
          return false; // written through, or kept somewhere
        for (const User *SU : Slot->users()) {
          if (auto *L = dyn_cast<LoadInst>(SU))
            Push(L); // the same address again
          else if ((!isa<StoreInst>(SU) || cast<StoreInst>(SU)->getPointerOperand() != Slot) &&
                   !(isa<IntrinsicInst>(SU) && cast<IntrinsicInst>(SU)->isLifetimeStartOrEnd()))
            return false; // the slot's address goes elsewhere
        }
      } else if (auto *Cmp = dyn_cast<ICmpInst>(U); !Cmp || !Cmp->isEquality()) {
        return false; // a load, a call, a conversion: may read
      }
    }
  }
  return true;
}

std::optional<Refusal> screenWrapper(Function &Wrapper, unsigned MethFlags,
                                    const MinerOptions &Opts) {
  CalleeSummaries NoneAsked(nullptr); // the definition's checks ask about no callee
  if (auto R = WrapperAnalyzer(Wrapper, MethFlags, NoneAsked, /*PyErrMode=*/false).checkDefinition())
    return R;
  // A METH_VARARGS wrapper that never looks at its tuple takes none. Its
  // keywords must go unread too: f(**{}) passes an empty dict, not NULL,
  // and a wrapper that tests them would tell the two calls apart.
  // One that declares only self never reads either (checkSignature).
  bool IgnoresTuple = (MethFlags & METH_VARARGS) &&
                      (Wrapper.arg_size() < 2 || all_of(drop_begin(Wrapper.args()), [](const Argument &A) {
                         return neverRead(A);
                       }));
  // Likewise a METH_FASTCALL wrapper that reads nothing through its array
  // (Cython 3's wrapper of a def without arguments only checks nargs == 0
  // and computes kwvalues): its core stands for the call without arguments.
  // Its keywords may be read: CPython passes NULL kwnames for f(**{}) too.
  bool IgnoresArray = (MethFlags & METH_FASTCALL) &&
                      (Wrapper.arg_size() < 2 || (Wrapper.getArg(1)->getType()->isPointerTy() &&
                                                  neverReadThrough(*Wrapper.getArg(1))));
  bool TakesArguments = (MethFlags & (METH_O | METH_VARARGS | METH_FASTCALL | METH_KEYWORDS)) != 0 &&
                        !IgnoresTuple && !IgnoresArray;
  if (TakesArguments && !reachesUnboxing(Wrapper, Opts.ScreenDepth))
    return refuse(RefusalKey::ArgumentNotUnboxed,
                  "no unboxer or argument parser of a C scalar is reachable from the wrapper");
  return std::nullopt;
}

std::optional<Refusal> findKeptArgument(Function &Draft, unsigned MethFlags,
                                        CalleeSummaries &Summaries, KeptParameters &Kept) {
  return WrapperAnalyzer(Draft, MethFlags, Summaries, /*PyErrMode=*/false).findKeptArgument(Kept);
}

AnalysisResult analyzeWrapper(Function &Draft, const MethodEntry &Entry,
                              CalleeSummaries &Summaries, bool PyPySpelling,
                              const MinerOptions &Opts) {
  // A core can check its result as CPython does where it knows the
  // function's repr (a module's function) and the API's spelling (CPython's).
  bool CheckResults = !Entry.ModuleName.empty() && !PyPySpelling;
  AnalysisResult R = analyzeWrapper(Draft, Entry.Flags, Summaries, CheckResults, Opts);
  // Where no core may use the interpreter, a refusal it would lift is not
  // the whole story: the analysis of such a core says what else stands in
  // the way (a type's method's self), or else the remark says why none is
  // made (the analysis changes no IR; its description is not used).
  if (!R.Shape && !CheckResults && interpreterWouldHelp(R.Why.Key)) {
    AnalysisResult Using = WrapperAnalyzer(Draft, Entry.Flags, Summaries, /*PyErrMode=*/true,
                                           /*InterpMode=*/true)
                               .run(Opts);
    if (!Using.Shape)
      R.Why = {Using.Why.Key, R.Why.Reason + "; with the interpreter: " + Using.Why.Reason};
    else
      R.Why.Reason += PyPySpelling
                          ? "; a core that needs the interpreter is made only against CPython's "
                            "headers (it checks its result as CPython does)"
                          : "; a core that needs the interpreter is made only for a function of a "
                            "known module (it checks its result as CPython does, naming the "
                            "function)";
  }
  // Cython keeps the names where only the keyword path (gone from the draft,
  // which has no keywords) reads them: its parser fills values[First + i]
  // from name i, and the core's parameter k is values[k], argument k. Names
  // past the core's parameters are keyword-only ones'.
  if (R.Shape && Entry.Keywords &&
      all_of(R.Shape->ParamNames, [](const std::string &N) { return N.empty(); })) {
    const KeywordNames &KW = *Entry.Keywords;
    for (size_t K = KW.FirstParam; K < R.Shape->ParamNames.size() && K - KW.FirstParam < KW.Names.size(); ++K)
      R.Shape->ParamNames[K] = KW.Names[K - KW.FirstParam];
  }
  // A named parameter of a function that takes keywords may be passed by
  // name: its keyword parser (PyArg_ParseTupleAndKeywords' kwlist, Clinic's
  // or Cython's) puts it where the positional one goes, and where nothing
  // else tells the two calls apart (KeywordCallsMatch) that is all. A
  // keyword-only one is passed by name only (settleKeywordCalls made sure
  // it can be).
  if (R.Shape && (Entry.Flags & METH_KEYWORDS) && R.Shape->KeywordCallsMatch)
    for (size_t K = 0; K != R.Shape->Passing.size(); ++K) {
      if (K < R.Shape->ParamNames.size() && !R.Shape->ParamNames[K].empty() &&
          K < R.Shape->NamedBefore)
        R.Shape->Passing[K].Flags |= PYUNBOX_PARAM_KEYWORD;
      if (K >= R.Shape->KeywordOnlyFrom)
        R.Shape->Passing[K].Flags &= ~PYUNBOX_PARAM_POSITIONAL;
    }
  return R;
}

} // namespace pyunbox
