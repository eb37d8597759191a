//===- analysis/ParameterDefaults.cpp - What an omitted argument stands for -===//
//
// A core takes every positional argument (full arity). A call that omits
// trailing optional arguments can still use it if the wrapper, given m
// arguments, does exactly what it does given all of them with each omitted
// one replaced by a constant, its default. That is asked of the draft under
// the facts of arity m (nargs, the tuple's length, Clinic's positional
// checks) beside those of full arity:
//  - no argument past m is read or unboxed;
//  - the blocks that run only with all arguments do nothing but unbox the
//    missing ones (reads, unboxers, their error checks, bails, pure values),
//    and those that run only with m do nothing at all (branches, phis);
//  - every phi that runs both ways merges the same values, except the phis
//    that take argument k's unboxed value with all arguments and one
//    constant with m: that constant is k's default; and those whose value
//    only decides branches (Clinic's noptargs, counted down as optional
//    arguments are unboxed);
//  - the arity itself reaches nothing but branches and the parsers, and
//    no branch in a loop (whose blocks run either way, but not as often),
//    nor one it decides only together with an argument's value;
//  - a PyArg_Parse* format leaves an omitted output as it was: the constant
//    stored before the parse that dominates it (for a "z" unit, NULL, which
//    is also what None gives).
// A parameter that may be omitted but whose default is not shown so is
// optional with no known default: consumers keep such calls on the slow
// path. Nothing here changes IR.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "pyunbox/passes/Drafting.h"

#include "llvm/IR/Dominators.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"

#include <functional>

using namespace llvm;

namespace pyunbox {

namespace {

// The bits of Constant C as the record holds a default of kind K (format.h:
// integers widened to 64 bits by their signedness, floats as a double, a
// string's NULL, None's, as 0), or nothing if C is not a plain value of
// that kind.
std::optional<uint64_t> defaultBits(const Constant *C, ValueKind K) {
  if (isString(K)) // only noneDefault's NULL: None
    return isa<ConstantPointerNull>(C) ? std::optional<uint64_t>(0) : std::nullopt;
  if (auto *CI = dyn_cast<ConstantInt>(C)) {
    if (isFloatingPoint(K))
      return std::nullopt;
    if (K == ValueKind::Bool)
      return CI->getValue().ule(1) ? std::optional<uint64_t>(CI->getZExtValue()) : std::nullopt;
    if (CI->getBitWidth() > 64)
      return std::nullopt;
    return isSigned(K) ? uint64_t(CI->getSExtValue()) : CI->getZExtValue();
  }
  if (auto *CF = dyn_cast<ConstantFP>(C); CF && isFloatingPoint(K)) {
    APFloat V = CF->getValueAPF();
    bool LosesInfo = false;
    V.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &LosesInfo);
    return V.bitcastToAPInt().getZExtValue();
  }
  return std::nullopt;
}

// Whether Call is a converter of one argument (`int f(PyObject *, T *)`),
// not a format's parse.
bool isConverter(const CallBase &Call) {
  const BoundaryPrimitive *P = calledPrimitive(&Call);
  return P && (P->Role == PrimitiveRole::Converter || P->Role == PrimitiveRole::ConverterOfNonNegative ||
               P->Role == PrimitiveRole::UnboxInto);
}

// Whether the core, given C for the converter Call's parameter, does what
// the wrapper does with the converter skipped: it stores C where the
// converter would have. A converter of non-negative values fails below zero,
// and so does the core (a bail, or the raise redone), where the wrapper
// given fewer arguments just keeps C (a file descriptor's -1).
bool coreTakesDefault(const CallBase &Call, const Constant *C) {
  const BoundaryPrimitive *P = calledPrimitive(&Call);
  auto *CI = dyn_cast_or_null<ConstantInt>(C);
  return P && (P->Role != PrimitiveRole::ConverterOfNonNegative || (CI && !CI->isNegative()));
}

// V as run FP has it: through the phis that only one value reaches on
// the edges that run takes.
Value *settledValue(const FactPropagation &FP, Value *V) {
  SmallPtrSet<const Value *, 4> Seen;
  while (auto *Phi = dyn_cast<PHINode>(V)) {
    if (!Seen.insert(Phi).second)
      return V;
    Value *One = nullptr;
    for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K) {
      if (!FP.isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()))
        continue;
      if (One && One != Phi->getIncomingValue(K))
        return V;
      One = Phi->getIncomingValue(K);
    }
    if (!One)
      return V;
    V = One;
  }
  return V;
}

bool isInert(const Instruction &I) {
  if (I.isTerminator() || isa<PHINode>(I) || isa<DbgInfoIntrinsic>(I))
    return true;
  if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->isLifetimeStartOrEnd())
    return true;
  return !I.mayHaveSideEffects() && !I.mayReadFromMemory();
}

// Whether the way from From to To is taken only where V is not NULL: a
// branch on the way tests it (`args != NULL`, alone or in a conjunction,
// Clinic's macro's condition), at the end of From or of a block that leads
// to From alone.
bool passedOnlyIfNonNull(const Value *V, const BasicBlock *From, const BasicBlock *To) {
  std::function<bool(Value *, bool)> Implies = [&](Value *Cond, bool Holds) {
    Value *A, *B;
    if (auto *Cmp = dyn_cast<ICmpInst>(Cond); Cmp && Cmp->isEquality()) {
      const Value *Other = Cmp->getOperand(0) == V ? Cmp->getOperand(1)
                           : Cmp->getOperand(1) == V ? Cmp->getOperand(0) : nullptr;
      return Other && isa<ConstantPointerNull>(Other) &&
             (Cmp->getPredicate() == ICmpInst::ICMP_NE) == Holds;
    }
    if (match(Cond, PatternMatch::m_Not(PatternMatch::m_Value(A))))
      return Implies(A, !Holds);
    if (Holds && match(Cond, PatternMatch::m_LogicalAnd(PatternMatch::m_Value(A), PatternMatch::m_Value(B))))
      return Implies(A, true) || Implies(B, true);
    if (!Holds && match(Cond, PatternMatch::m_LogicalOr(PatternMatch::m_Value(A), PatternMatch::m_Value(B))))
      return Implies(A, false) || Implies(B, false);
    return false;
  };
  for (unsigned Steps = 0; From && Steps != 8; ++Steps, To = From, From = From->getSinglePredecessor()) {
    auto *BI = dyn_cast<BranchInst>(From->getTerminator());
    if (BI && BI->isConditional() && BI->getSuccessor(0) != BI->getSuccessor(1) &&
        Implies(BI->getCondition(), BI->getSuccessor(0) == To))
      return true;
  }
  return false;
}

} // namespace

// Without arguments CPython may pass a NULL array, for which Clinic's macro
// calls the real _PyArg_UnpackKeywords. Given no keywords, a count in
// [minpos, maxpos] and minkw 0, that returns the array, or its own buffer
// for a NULL one (getargs.c: `if (args == NULL && nargs == 0) args = buf;`
// then its fast path, `return args;`): never NULL. (Only the parser's
// first set-up, a cache of its keyword tuple, could fail, were memory to
// run out, as a call by name's unpack, which the core stands for too.)
// Whether V is such a call in the run of M arguments.
bool WrapperAnalyzer::unpackReturnsArray(const Value *V, unsigned M) const {
  auto *CB = dyn_cast<CallBase>(V);
  const BoundaryPrimitive *P = calledPrimitive(V);
  // (args, nargs, kwargs, kwnames, parser, minpos, maxpos, minkw, buf):
  // 3.11 to 3.13's; 3.14 adds varpos.
  if (!CB || !P || P->Role != PrimitiveRole::UnpackKeywords || CB->arg_size() != 9)
    return false;
  auto IntArg = [&](unsigned K) -> std::optional<int64_t> {
    if (auto *C = dyn_cast<ConstantInt>(CB->getArgOperand(K)))
      return C->getSExtValue();
    return std::nullopt;
  };
  Value *Array = CB->getArgOperand(0), *NArgs = CB->getArgOperand(1);
  auto Count = IntArg(1);
  std::optional<int64_t> MinPos = IntArg(5), MaxPos = IntArg(6), MinKw = IntArg(7);
  return (Array == Second || ArrayAliases.count(Array)) &&
         (ArityFacts.count(NArgs) || (Count && *Count == M)) &&
         isa<ConstantPointerNull>(CB->getArgOperand(2)) && isa<ConstantPointerNull>(CB->getArgOperand(3)) &&
         MinPos && MaxPos && MinKw && *MinPos <= int64_t(M) && int64_t(M) <= *MaxPos && *MinKw == 0;
}

// A run without arguments: the array, or what Clinic's macro makes of it
// (itself where it is not NULL, the unpack's otherwise), is not NULL where
// each value it may be is not on its way there.
bool WrapperAnalyzer::emptyArrayNonNull(const Value *V) const {
  if (unpackReturnsArray(V, 0))
    return true;
  auto NonNullOn = [&](const Value *In, const BasicBlock *From, const BasicBlock *To) {
    return unpackReturnsArray(In, 0) ||
           ((In == Second || ArrayAliases.count(In)) && passedOnlyIfNonNull(In, From, To));
  };
  if (auto *Phi = dyn_cast<PHINode>(V); Phi && ArrayAliases.count(Phi)) {
    for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K)
      if (!NonNullOn(Phi->getIncomingValue(K), Phi->getIncomingBlock(K), Phi->getParent()))
        return false;
    return true;
  }
  return false;
}

// Whether V is argument Slot's unboxed value as the core has it: the unbox
// call, or a phi whose incomings with all arguments all are (the float fast
// path, whose type check is a fact, leaves one).
bool WrapperAnalyzer::isUnboxedValue(const Value *V, unsigned Slot, const FactPropagation &Full,
                                     SmallPtrSetImpl<const Value *> &Seen) const {
  if (!Seen.insert(V).second)
    return true; // a cycle of phis adds no other value
  if (any_of(S.Unboxes, [&](const UnboxSite &U) { return U.Call == V && U.Param == Slot; }))
    return true;
  auto *Phi = dyn_cast<PHINode>(V);
  if (!Phi)
    return false;
  bool Any = false;
  for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K) {
    if (!Full.isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()))
      continue;
    if (!isUnboxedValue(Phi->getIncomingValue(K), Slot, Full, Seen))
      return false;
    Any = true;
  }
  return Any;
}

// Cython's values[k] or an "O" unit's variable read: argument k with all
// arguments and NULL (or None, a sentinel the variable may start with) with
// M. Its uses that still run only test it (a test's branch, a release of
// NULL that does nothing).
bool WrapperAnalyzer::argumentAbsent(Instruction &Arg, const PassedArguments &Call,
                                     const FactPropagation &Fewer) const {
  auto It = SlotOf.find(&Arg);
  Constant *Absent = Fewer.constantOf(&Arg);
  if (It == SlotOf.end() || !Call.omits(It->second) || !Absent ||
      !(Absent->isNullValue() || singletonOf(Absent) == Singleton::None))
    return false;
  return all_of(Arg.users(), [&](const User *U) {
    auto *I = cast<Instruction>(U);
    if (!Fewer.executes(*I) || isa<PHINode>(I))
      return true; // a phi is compared on its own
    auto S = Sanctioned.find(const_cast<Instruction *>(I));
    if (S != Sanctioned.end() && (S->second == Sanction::Refcount || S->second == Sanction::NewRef))
      return true;
    auto *Cmp = dyn_cast<ICmpInst>(I);
    return Cmp && Cmp->isEquality() && all_of(Cmp->users(), [](const User *CU) {
             return isa<BranchInst>(CU);
           });
  });
}

// The arity reaches only branches, the parsers and the checks of the arity
// (pure values on the way): the code then differs only where it branches.
bool WrapperAnalyzer::arityOnlyBranches(const FactPropagation &Full,
                                        const FactPropagation &Fewer) const {
  SmallVector<const Value *, 8> Work;
  for (const auto &[V, C] : ArityFacts)
    Work.push_back(V);
  return onlyBranchOn(Work, Full, Fewer);
}

// Values Work reach only branches out of any loop, the parsers and the
// checks of the arity, through pure values (Clinic's noptargs, counted down as the optional
// arguments are unboxed: a phi of it merges other counts with M).
bool WrapperAnalyzer::onlyBranchOn(SmallVectorImpl<const Value *> &Work,
                                   const FactPropagation &Full,
                                   const FactPropagation &Fewer) const {
  SmallPtrSet<const Value *, 8> Seen;
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I || (!Full.executes(*I) && !Fewer.executes(*I)))
        continue;
      if (isa<BranchInst>(I) || isa<SwitchInst>(I)) {
        // The count alone must decide it in each run: where an argument's
        // value takes part too (`a + nargs == 3`), both runs take both
        // ways, and the blocks below would compare equal for nothing.
        const Value *Cond = isa<BranchInst>(I) ? cast<BranchInst>(I)->getCondition()
                                               : cast<SwitchInst>(I)->getCondition();
        auto Decided = [&](const FactPropagation &Run) {
          return !Run.executes(*I) || Run.constantOf(Cond);
        };
        // A branch in a cycle: the blocks of a loop run with either count,
        // its trip count may not (`for (i = 0; i < nargs; i++)`).
        if (onCycle(*I->getParent()) || !Decided(Full) || !Decided(Fewer))
          return false;
        continue;
      }
      if (auto It = Sanctioned.find(const_cast<Instruction *>(I));
          It != Sanctioned.end() && (It->second == Sanction::Parse || It->second == Sanction::Fact))
        continue;
      const BoundaryPrimitive *P = calledPrimitive(I);
      if (P && P->Role == PrimitiveRole::UnpackKeywords)
        continue;
      if (!isInert(*I) || I->isTerminator())
        return false;
      if (Seen.insert(I).second)
        Work.push_back(I);
    }
  }
  return true;
}

WrapperAnalyzer::PassedArguments WrapperAnalyzer::firstArguments(unsigned M) const {
  PassedArguments Call{SmallBitVector(NumSlots), SmallBitVector(NumSlots)};
  Call.Given.set(0, std::min(M, NumSlots));
  return Call;
}

// The defaults of the arguments Call omits where that call is the call of
// all of them with those defaults (the file's comment), into Defaults[k]
// (nullptr: no constant shows). The count of arguments is Call's: as
// KeywordCallArity.cpp makes sure, a call by name that the core stands for
// is seen by the wrapper only through the count of arguments passed and
// the unpacked array.
WrapperAnalyzer::Omission WrapperAnalyzer::defaultsWithout(const PassedArguments &Call,
                                                            const FactPropagation &Full,
                                                            SmallVectorImpl<Constant *> &Defaults) {
  unsigned M = Call.count();
  DenseMap<Value *, Constant *> Facts = S.Facts;
  for (auto &[V, C] : ArityFacts)
    Facts[V] = ConstantInt::get(C->getType(), M);
  for (const PendingCheck &C : PositionalChecks)
    Facts[C.Call] = ConstantInt::get(C.Call->getType(), C.Min <= M && M <= C.Max);
  // The parse leaves an omitted "O" unit's variable as it was: its loads
  // read what was stored before (NULL, mostly), where that is a constant.
  for (const ObjectUnitRead &R : ObjectUnitReads)
    if (Call.omits(R.Slot))
      if (Constant *C = storedBefore(*R.Parse, R.Var, R.Read->getType(), dominators()))
        Facts[R.Read] = C;
  // Without arguments the array may be NULL; the objects past M are
  // missing (Cython's values[k] stays NULL, an "O" unit's variable keeps
  // what it had, None maybe).
  auto Missing = [&](const Value *V) {
    auto Slot = SlotOf.find(const_cast<Value *>(V));
    return Slot != SlotOf.end() && Call.omits(Slot->second);
  };
  // A gap's object is NULL in the unpack's buffer (PassedArguments).
  for (const auto &[V, Slot] : SlotOf)
    if (isa<LoadInst>(V) && Slot < Call.Gaps.size() && Call.Gaps[Slot])
      Facts[V] = Constant::getNullValue(V->getType());
  auto NonNull = [&](const Value *V) {
    if (Missing(V))
      return false;
    if (M == 0)
      return V == Second || ArrayAliases.count(V) || unpackReturnsArray(V, 0) ? emptyArrayNonNull(V)
                                                                              : knownNonNull(V);
    return knownNonNull(V);
  };
  auto Stops = [this](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    return It != Sanctioned.end() && It->second == Sanction::Bail;
  };
  FactPropagation Fewer(F, Facts, Models, NonNull, Stops, /*Pessimistic=*/false,
                        [&](const Value *V, const Constant *C) { return !Missing(V) && knownDifferent(V, C); });
  // Where no default shows, a call of M arguments may still be one the
  // wrapper takes: it returns a value and raises nowhere that a call of all
  // of them does not (what a stub needs to know).
  auto NoDefault = [&] {
    bool Returns = any_of(S.Returns, [&](ReturnInst *R) {
      Constant *C = R->getReturnValue() ? Fewer.constantOf(R->getReturnValue()) : nullptr;
      return Fewer.executes(*R) && !(C && C->isNullValue()) &&
             !isa<ConstantPointerNull>(R->getReturnValue());
    });
    for (BasicBlock &BB : F)
      if (Fewer.isExecutable(&BB) && !Full.isExecutable(&BB))
        for (Instruction &I : BB)
          if (auto It = Sanctioned.find(&I); (It != Sanctioned.end() && (It->second == Sanction::Bail ||
                                                                       It->second == Sanction::KeepRaise)) ||
                                            Problems.count(&I))
            return Omission::Refused;
    return Returns ? Omission::Accepted : Omission::Refused;
  };
  // Nothing past M is read or unboxed (a converter of one argument is one):
  // a wrapper that would does not take M arguments.
  for (const auto &[V, Slot] : SlotOf)
    if (auto *I = dyn_cast<Instruction>(V); I && !isa<PHINode>(I) && Call.omits(Slot) &&
                                            Fewer.executes(*I) &&
                                            !(isa<LoadInst>(I) && argumentAbsent(*I, Call, Fewer)))
      return Omission::Refused;
  for (const UnboxSite &U : S.Unboxes)
    if (Call.omits(U.Param) && Fewer.executes(*U.Call))
      return Omission::Refused;
  for (const ParseSite &P : S.Parses)
    if (P.OutPtrs.size() == 1 && Call.omits(P.FirstParam) && Fewer.executes(*P.Call))
      return Omission::Refused;
  // What may run with all arguments only: unboxing the ones now missing.
  auto Unboxing = [&](const Instruction &I) {
    if (isInert(I) || SlotOf.count(const_cast<Instruction *>(&I)) || ArrayReads.count(&I))
      return true;
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    if (It != Sanctioned.end())
      return It->second != Sanction::KeepRaise && It->second != Sanction::KeepCall &&
             It->second != Sanction::Box && It->second != Sanction::Gil;
    // The type of an argument object, asked of it or read from it (the
    // float fast path's check), and its type's fields (PyPy's inline
    // PyFloat_Check reads tp_pypy_flags, CPython's PyLong_Check tp_flags).
    auto IsArgument = [&](const Value *V) {
      return V && (SlotOf.count(const_cast<Value *>(V)) || V == Second);
    };
    const BoundaryPrimitive *P = calledPrimitive(&I);
    if (P && (P->Role == PrimitiveRole::TypeOf || P->Role == PrimitiveRole::TypeCheck ||
              P->Role == PrimitiveRole::IntCheck || P->Role == PrimitiveRole::BufferCheck) &&
        cast<CallBase>(I).arg_size() && IsArgument(cast<CallBase>(I).getArgOperand(0)))
      return true;
    auto *L = dyn_cast<LoadInst>(&I);
    const Value *Base = L && L->isSimple() ? getUnderlyingObject(L->getPointerOperand()) : nullptr;
    return IsArgument(Base) || (Base && IsArgument(objectOfType(const_cast<Value *>(Base))));
  };
  auto Branching = [&](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    return isInert(I) || (It != Sanctioned.end() && It->second == Sanction::Fact) ||
           is_contained(TupleSizes, &I) || unpackReturnsArray(&I, M);
  };
  // The phis that take argument k's unboxed value with all arguments and
  // a constant with M: k's default. The comparison then runs the core's
  // code with those constants for the unboxers (FullD), whose branches
  // they may decide as they do with M.
  auto Incoming = [](const FactPropagation &FP, PHINode &Phi) {
    SmallVector<std::pair<BasicBlock *, Value *>, 4> In;
    for (unsigned K = 0; K != Phi.getNumIncomingValues(); ++K)
      if (FP.isExecutableEdge(Phi.getIncomingBlock(K), Phi.getParent()))
        In.push_back({Phi.getIncomingBlock(K), Phi.getIncomingValue(K)});
    return In;
  };
  // The one value a phi takes in run FP, each incoming one as the run has
  // it: a phi that only one value reaches in that run is that value
  // (Clinic's `if (args[1]) b = ...;`, whose other way a run with the
  // argument never takes, merged again where `--noptargs` skips the rest).
  auto Single = [](const FactPropagation &FP,
                   ArrayRef<std::pair<BasicBlock *, Value *>> In) -> Value * {
    Value *V = In.empty() ? nullptr : settledValue(FP, In.front().second);
    return all_of(In, [&](auto &E) { return settledValue(FP, E.second) == V; }) ? V : nullptr;
  };
  // The argument whose default a phi merges in (D with M), or none.
  auto MergedSlot = [&](PHINode &Phi, Constant *D, const FactPropagation &With) -> std::optional<unsigned> {
    if (!D || isa<UndefValue>(D) || isa<ConstantExpr>(D))
      return std::nullopt;
    for (unsigned K = 0; K != NumSlots; ++K) {
      if (!Call.omits(K))
        continue;
      if (K < S.Params.size() && isString(S.Params[K]))
        return std::nullopt; // a string's default is an address (FORMAT.md)
      SmallPtrSet<const Value *, 4> Seen;
      if (!isUnboxedValue(&Phi, K, With, Seen))
        continue;
      // The unboxed value must be the core's parameter as is (no
      // conversion in between, which a default would have to undo); a
      // _Bool arrives as the int of PyObject_IsTrue, 0 or 1 either way.
      if (Phi.getType() == abiType(S.Params[K], F.getContext()) ||
          (S.Params[K] == ValueKind::Bool && Phi.getType()->isIntegerTy()))
        return K;
      return std::nullopt;
    }
    return std::nullopt;
  };
  for (BasicBlock &BB : F) {
    if (!Full.isExecutable(&BB) || !Fewer.isExecutable(&BB))
      continue;
    for (PHINode &Phi : BB.phis()) {
      auto *D = dyn_cast_or_null<Constant>(Single(Fewer, Incoming(Fewer, Phi)));
      std::optional<unsigned> Slot = MergedSlot(Phi, D, Full);
      Constant *Default = D;
      if (!Slot && D && !isa<UndefValue>(D) && !isa<ConstantExpr>(D))
        std::tie(Slot, Default) = convertedDefault(Phi, D, Call, Full);
      if (!Slot)
        continue;
      if (Defaults[*Slot] && Defaults[*Slot] != Default)
        return NoDefault(); // two defaults for one argument
      Defaults[*Slot] = Default;
    }
  }
  DenseMap<Value *, Constant *> WithDefaults = S.Facts;
  for (const UnboxSite &U : S.Unboxes)
    if (Call.omits(U.Param) && Defaults[U.Param] && Defaults[U.Param]->getType() == U.Call->getType())
      WithDefaults[U.Call] = Defaults[U.Param];
  FactPropagation FullD(F, WithDefaults, Models, [this](const Value *V) { return knownNonNull(V); },
                        Stops, /*Pessimistic=*/false,
                        [this](const Value *V, const Constant *C) { return knownDifferent(V, C); });
  if (!arityOnlyBranches(FullD, Fewer))
    return NoDefault();
  // Where the two runs part (a test of the count, of an omitted argument's
  // object), each does only its own kind of work until they meet again:
  // with all arguments unboxing, with M nothing. That a block both run
  // does the same is not enough: one of them may reach it on this path and
  // the other not, and a store or a loop's extra trip shows in no phi
  // (`if (nargs < 2) goto out; g++; out:` where an unknown test also leads
  // to g++).
  for (BasicBlock &BB : F) {
    if (!FullD.isExecutable(&BB) || !Fewer.isExecutable(&BB) || !FullD.executes(*BB.getTerminator()) ||
        !Fewer.executes(*BB.getTerminator()) ||
        all_of(successors(&BB), [&](const BasicBlock *To) {
          return FullD.isExecutableEdge(&BB, To) == Fewer.isExecutableEdge(&BB, To);
        }))
      continue;
    SmallPtrSet<const BasicBlock *, 16> WithAll, WithM;
    if (!rejoin(BB, FullD, Fewer, WithAll, WithM) ||
        !all_of(WithAll, [&](const BasicBlock *X) { return all_of(*X, Unboxing); }) ||
        !all_of(WithM, [&](const BasicBlock *X) { return all_of(*X, Branching); }))
      return NoDefault();
  }
  for (BasicBlock &BB : F) {
    bool WithAll = FullD.isExecutable(&BB), WithM = Fewer.isExecutable(&BB);
    if (WithAll != WithM) {
      if (!all_of(BB, WithAll ? function_ref<bool(const Instruction &)>(Unboxing)
                              : function_ref<bool(const Instruction &)>(Branching)))
        return NoDefault();
      continue;
    }
    if (!WithAll)
      continue;
    for (PHINode &Phi : BB.phis()) {
      auto InAll = Incoming(FullD, Phi), InM = Incoming(Fewer, Phi);
      Value *One = Single(Fewer, InM);
      if (InAll == InM || (One && One == Single(FullD, InAll)))
        continue; // merges the same
      if (ArrayAliases.count(&Phi))
        continue; // the array in both (what the unpack returns for a NULL one holds no argument)
      auto *D = dyn_cast_or_null<Constant>(One);
      if (D && argumentAbsent(Phi, Call, Fewer))
        continue;
      if (D && FullD.constantOf(&Phi) == D)
        continue; // the core's code gives the default the same value (a conversion of it)
      std::optional<unsigned> Slot = MergedSlot(Phi, D, FullD);
      SmallVector<const Value *, 8> Steers{&Phi};
      if (!Slot && onlyBranchOn(Steers, FullD, Fewer))
        continue; // a count that decides branches only (the blocks above say where)
      if (!Slot || Defaults[*Slot] != D)
        return NoDefault();
    }
  }
  // A format's outputs past M keep what was stored before the parse (not
  // a string's: its default is an address; but for a "z" or "z#" unit's
  // NULL, and 0 as its length, what None gives: noneDefault). A converter of an omitted
  // argument (Clinic's `unsigned int n = 3; if (nargs < 2) goto skip;
  // if (!_PyLong_UnsignedInt_Converter(args[1], &n)) ...`) does not run
  // with M: its variable keeps what was stored before it, since that store
  // dominates the call, nothing else writes the variable before it, and
  // what runs with M only and not with all does nothing but branch (above);
  // the core stores its parameter there instead.
  for (const ParseSite &P : S.Parses) {
    bool Converter = P.OutPtrs.size() == 1 && isConverter(*P.Call);
    if (Converter ? Fewer.executes(*P.Call) || !Call.omits(P.Slots.front())
                  : P.OutPtrs.size() == 1 || !Fewer.executes(*P.Call))
      continue;
    const DominatorTree &DT = dominators();
    for (unsigned K = 0; K != P.OutPtrs.size(); ++K) {
      unsigned Slot = P.Slots[K];
      if (!Call.omits(Slot) || Slot >= Defaults.size())
        continue;
      if (isString(S.Params[Slot])) {
        if (K == 0 || P.Slots[K - 1] != Slot) // at its first output, once
          Defaults[Slot] = noneDefault(P, Slot, DT);
        continue;
      }
      if (!Defaults[Slot] && P.StoredTypes[K]) // an "O" unit's: above
        Defaults[Slot] = storedBefore(*P.Call, P.OutPtrs[K], P.StoredTypes[K], DT);
      if (Converter && !coreTakesDefault(*P.Call, Defaults[Slot]))
        Defaults[Slot] = nullptr;
    }
  }
  return Omission::Default;
}

// An omitted argument whose unboxed value the wrapper converts before the
// phi that merges it with constant C (Clinic's short, unsigned char and
// float: PyLong_AsLong's value range-checked and truncated, a double
// narrowed): the slot and the core's default, a value the conversion takes
// to C. The candidates are C widened as the conversion may have narrowed
// it; one is the default where the wrapper run with all arguments and it
// for the unboxed value gives the phi C (the comparison then finds every
// other block alike). Else none.
std::pair<std::optional<unsigned>, Constant *>
WrapperAnalyzer::convertedDefault(PHINode &Phi, Constant *C, const PassedArguments &Call,
                                  const FactPropagation &Full) {
  // The one argument whose unboxed value the phi's values with all
  // arguments come from, through casts, masks and phis.
  std::optional<unsigned> Slot;
  SmallVector<Value *, 8> Work;
  SmallPtrSet<Value *, 8> Seen;
  for (unsigned K = 0; K != Phi.getNumIncomingValues(); ++K)
    if (Full.isExecutableEdge(Phi.getIncomingBlock(K), Phi.getParent()))
      Work.push_back(Phi.getIncomingValue(K));
  while (!Work.empty()) {
    Value *V = Work.pop_back_val();
    if (!Seen.insert(V).second)
      continue;
    auto U = find_if(S.Unboxes, [&](const UnboxSite &U) { return U.Call == V; });
    if (U != S.Unboxes.end()) {
      if (Slot && *Slot != U->Param)
        return {};
      Slot = U->Param;
    } else if (auto *In = dyn_cast<PHINode>(V)) {
      for (unsigned K = 0; K != In->getNumIncomingValues(); ++K)
        if (Full.isExecutableEdge(In->getIncomingBlock(K), In->getParent()))
          Work.push_back(In->getIncomingValue(K));
    } else if (isa<CastInst>(V)) {
      Work.push_back(cast<CastInst>(V)->getOperand(0));
    } else if (auto *BO = dyn_cast<BinaryOperator>(V); BO && isa<Constant>(BO->getOperand(1))) {
      Work.push_back(BO->getOperand(0));
    } else {
      return {};
    }
  }
  if (!Slot || !Call.omits(*Slot) || *Slot >= S.Params.size() || isString(S.Params[*Slot]))
    return {};
  Type *Core = abiType(S.Params[*Slot], F.getContext());
  SmallVector<Constant *, 2> Candidates;
  if (auto *CI = dyn_cast<ConstantInt>(C); CI && Core->isIntegerTy() &&
                                           CI->getBitWidth() < Core->getIntegerBitWidth()) {
    // The core kind's own extension first: a bitwise unsigned short's
    // 65535 is also what ULONG_MAX masks to, but 65535 is its default.
    Constant *Signed = ConstantInt::get(Core, CI->getValue().sext(Core->getIntegerBitWidth()));
    Constant *Unsigned = ConstantInt::get(Core, CI->getValue().zext(Core->getIntegerBitWidth()));
    Candidates.append(isSigned(S.Params[*Slot]) ? std::initializer_list<Constant *>{Signed, Unsigned}
                                                : std::initializer_list<Constant *>{Unsigned, Signed});
  } else if (auto *CF = dyn_cast<ConstantFP>(C); CF && CF->getType()->isFloatTy() && Core->isDoubleTy()) {
    APFloat Wide = CF->getValueAPF();
    bool LosesInfo = false;
    Wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &LosesInfo);
    Candidates.push_back(ConstantFP::get(F.getContext(), Wide));
  }
  auto Stops = [this](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    return It != Sanctioned.end() && It->second == Sanction::Bail;
  };
  for (Constant *Default : Candidates) {
    DenseMap<Value *, Constant *> Facts = S.Facts;
    for (const UnboxSite &U : S.Unboxes)
      if (U.Param == *Slot) {
        if (U.Call->getType() != Default->getType())
          return {};
        Facts[U.Call] = Default;
      }
    FactPropagation With(F, Facts, Models, [this](const Value *V) { return knownNonNull(V); },
                         Stops, /*Pessimistic=*/false,
                         [this](const Value *V, const Constant *K) { return knownDifferent(V, K); });
    if (With.isExecutable(Phi.getParent()) && With.constantOf(&Phi) == C)
      return {Slot, Default};
  }
  return {};
}

// The constant of type Stored (what the parse writes there) stored into Out
// before Call on every path, where Out is a stack slot that only that store
// writes before the call, and the call's output for no other unit (`"l|l",
// &b, &b`: the first unit's value is the second's when it is omitted);
// else nullptr.
Constant *WrapperAnalyzer::storedBefore(CallBase &Call, Value *Out, Type *Stored,
                                        const DominatorTree &DT) {
  auto *Slot = dyn_cast<AllocaInst>(Out->stripPointerCasts());
  if (!Slot || count_if(Call.args(), [&](const Use &A) {
                 return A->stripPointerCasts() == Slot;
               }) != 1)
    return nullptr;
  StoreInst *Before = nullptr;
  for (User *U : Slot->users()) {
    auto *I = cast<Instruction>(U);
    if (I == &Call || isa<LoadInst>(I) || isa<DbgInfoIntrinsic>(I) ||
        (isa<IntrinsicInst>(I) && cast<IntrinsicInst>(I)->isLifetimeStartOrEnd()))
      continue;
    auto *St = dyn_cast<StoreInst>(I);
    if (!St || St->getPointerOperand() != Slot || St->getValueOperand() == Slot)
      return nullptr; // another write, or the address goes elsewhere
    if (DT.dominates(&Call, St))
      continue; // after the parse: the same with all arguments
    if (Before || !DT.dominates(St, &Call))
      return nullptr;
    Before = St;
  }
  // A store of another type (a 1-byte bool under 'p', which writes an int)
  // leaves the parse's output partly unknown.
  return Before && Before->getValueOperand()->getType() == Stored
             ? dyn_cast<Constant>(Before->getValueOperand())
             : nullptr;
}

// The default of string unit Slot of parse P: a null pointer where it is
// a "z" or "z#" unit whose pointer the wrapper set to NULL before the parse
// (and its length to 0), since an omitted argument leaves them so and None
// gives the core the same (format.h's PYUNBOX_PARAM_NONE_IS_NULL); else
// nullptr. Any other string's default would be an address.
Constant *WrapperAnalyzer::noneDefault(const ParseSite &P, unsigned Slot,
                                        const DominatorTree &DT) const {
  if (!is_contained(NoneIsNullSlots, Slot))
    return nullptr;
  Constant *Null = nullptr;
  for (unsigned K = 0; K != P.OutPtrs.size(); ++K) {
    if (P.Slots[K] != Slot)
      continue;
    Constant *C = P.StoredTypes[K] ? storedBefore(*P.Call, P.OutPtrs[K], P.StoredTypes[K], DT) : nullptr;
    if (!C || !C->isNullValue())
      return nullptr;
    if (C->getType()->isPointerTy())
      Null = C;
  }
  return Null;
}

// Whether every call by name that omits optional parameters before one it
// passes (f(1, c=5) of f(a, b=2, c=3)) is the call of all of them with the
// recorded defaults. Clinic's unpack leaves NULL in the buffer where such a
// parameter goes, and its noptargs counts the arguments passed, so the
// wrapper tests for them (`if (args[1])`, `--noptargs`); each such choice
// of arguments runs as defaultsWithout asks of the first M, and must give
// each omitted one its default. Choices a consumer never makes (an omitted
// parameter without a default, a positional-only one after the gap) need
// nothing; more than MaxOptional optional parameters are not tried.
bool WrapperAnalyzer::gapCallsTakeDefaults(const FactPropagation &Full) {
  constexpr unsigned MaxOptional = 6;
  unsigned N = S.Passing.size();
  if (!UnpacksKeywords || N != NumSlots || !PositionalLimit || N > *PositionalLimit)
    return false;
  SmallVector<unsigned, 8> Optional;
  for (unsigned K = 0; K != N; ++K)
    if (S.Passing[K].Flags & PYUNBOX_PARAM_OPTIONAL)
      Optional.push_back(K);
  if (Optional.size() > MaxOptional)
    return false;
  auto Named = [&](unsigned K) { return K < S.ParamNames.size() && !S.ParamNames[K].empty(); };
  auto HasDefault = [&](unsigned K) { return (S.Passing[K].Flags & PYUNBOX_PARAM_DEFAULT) != 0; };
  for (unsigned Choice = 0; Choice != 1u << Optional.size(); ++Choice) {
    PassedArguments Call = firstArguments(Optional.empty() ? N : Optional.front());
    for (unsigned I = 0; I != Optional.size(); ++I)
      if (Choice >> I & 1)
        Call.Given.set(Optional[I]);
    int Last = Call.Given.find_last();
    if (Call.count() == unsigned(Last + 1))
      continue; // the first M: findDefaults' own
    bool Made = true;
    for (unsigned K = 0; K != N; ++K) {
      if (!Call.omits(K)) {
        Made &= Named(K) || Call.Given.find_first_unset() > int(K);
        continue;
      }
      Made &= HasDefault(K);
      // A positional-only one's place the unpack leaves as it was.
      if (int(K) < Last && Named(K))
        Call.Gaps.set(K);
    }
    if (!Made)
      continue;
    SmallVector<Constant *, 4> Defaults(N, nullptr);
    if (defaultsWithout(Call, Full, Defaults) != Omission::Default)
      return false;
    for (unsigned K = 0; K != N; ++K) {
      if (!Call.omits(K))
        continue;
      std::optional<uint64_t> Bits = Defaults[K] ? defaultBits(Defaults[K], S.Params[K]) : std::nullopt;
      if (!Bits || *Bits != S.Passing[K].Default)
        return false;
    }
  }
  return true;
}

void WrapperAnalyzer::findDefaults(const FactPropagation &Full) {
  unsigned N = S.Params.size();
  S.Passing.assign(N, ParamPassing{});
  for (ParamPassing &P : S.Passing)
    P.Flags = PYUNBOX_PARAM_POSITIONAL;
  // A draft made for calls of all arguments only (Drafting.h's
  // ArityAssumption) tells nothing of fewer: those past the fewest its
  // checks let through are optional, without a default.
  if (std::optional<ArityAssumption> A = assumedArity(F)) {
    for (unsigned K = std::min(A->Fewest, N); K != N; ++K)
      S.Passing[K].Flags |= PYUNBOX_PARAM_OPTIONAL;
    return;
  }
  // A format's '|' says which outputs may be omitted, whatever the facts
  // say of its success.
  unsigned Least = FormatRequired.value_or(0);
  bool DependsOnArity = !ArityFacts.empty() || FormatRequired.value_or(N) < N;
  if (!DependsOnArity || N == 0)
    return;
  SmallVector<Constant *, 4> Defaults(N, nullptr), Proven(N, nullptr);
  SmallVector<bool, 4> Known(N, true);
  // Fewest: the fewest arguments a call may pass, all omitted ones with
  // defaults; Optional: the fewest a call may pass at all.
  unsigned Fewest = N, Optional = N;
  for (unsigned M = N; M-- > Least;) {
    std::fill(Defaults.begin(), Defaults.end(), nullptr);
    Omission O = defaultsWithout(firstArguments(M), Full, Defaults);
    if (O == Omission::Refused)
      break;
    Optional = M;
    if (O == Omission::Accepted || Fewest != M + 1)
      continue;
    Fewest = M;
    // A default must be the same whichever arguments before it are given.
    for (unsigned K = M; K != N; ++K) {
      if (!Defaults[K] || (K > M && Proven[K] != Defaults[K]))
        Known[K] = false;
      if (K == M)
        Proven[K] = Defaults[K];
    }
  }
  // A format says what is optional even where no default shows.
  for (unsigned K = std::min(Optional, FormatRequired.value_or(Optional)); K != N; ++K) {
    ParamPassing &P = S.Passing[K];
    P.Flags |= PYUNBOX_PARAM_OPTIONAL;
    std::optional<uint64_t> Bits =
        K >= Fewest && Known[K] && Proven[K] ? defaultBits(Proven[K], S.Params[K]) : std::nullopt;
    if (Bits) {
      P.Flags |= PYUNBOX_PARAM_DEFAULT;
      P.Default = *Bits;
    }
  }
}

} // namespace pyunbox
