//===- analysis/ReturnNetwork.cpp - Every normal return boxes one scalar ----===//
//
// Step 3's second half: the objects a wrapper returns, followed through
// phis, selects and Py_NewRef to their leaves, are boxes of C scalars of one
// kind (PyLong_From*, PyFloat_FromDouble, PyBool_FromLong, a one-code
// Py_BuildValue), None, True or False; NULL where it raises. The leaves are
// what the core returns; the objects go nowhere but out.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "llvm/Support/KnownBits.h"
#include <algorithm>

using namespace llvm;

namespace pyunbox {

namespace {

// A box that can only be the wrapper's result: returned or merged into what
// is returned, and otherwise only compared with NULL or released where it
// is NULL (Cython's __Pyx_XDECREF on the path where boxing failed;
// checkReturns refuses a release that runs in the core). With the
// interpreter, other boxes are objects the core uses: one only released
// (_testcapi's Py_DECREF(PyLong_FromLong(0))) too.
bool usedOnlyAsResult(const CallBase &Box) {
  bool Returned = false;
  bool OnlyResult = all_of(Box.users(), [&](const User *U) {
    if (const BoundaryPrimitive *P = calledPrimitive(U))
      if ((P->Role == PrimitiveRole::XDecRef || P->Role == PrimitiveRole::DecRef) &&
          cast<CallBase>(U)->arg_size() == 1 && cast<CallBase>(U)->getArgOperand(0) == &Box)
        return true;
    Returned |= isa<PHINode>(U) || isa<SelectInst>(U) || isa<ReturnInst>(U);
    return isa<PHINode>(U) || isa<SelectInst>(U) || isa<ReturnInst>(U) || isa<ICmpInst>(U);
  });
  return OnlyResult && Returned;
}

} // namespace

std::optional<Refusal> WrapperAnalyzer::visitBox(CallBase &CB, const BoundaryPrimitive &P) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  // With the interpreter, another box is an object the core uses (appends
  // to a list...): it stays a call, which may fail.
  if (InterpMode && !usedOnlyAsResult(CB))
    return std::nullopt;
  Value *X = Arg(0);
  bool TypeOk = X && CB.arg_size() == 1 &&
                (P.Role == PrimitiveRole::BoolFromLong ? X->getType()->isIntegerTy()
                                                       : X->getType() == abiType(P.Kind, CB.getContext()));
  if (!TypeOk)
    return refuse(RefusalKey::UnexpectedType, "'" + Name + "' is called with an unexpected IR type");
  ReturnLeaf Leaf;
  Leaf.NonZeroTest = P.Role == PrimitiveRole::BoolFromLong;
  S.Leaves[&CB] = Leaf;
  BoxKinds[&CB] = P.Kind;
  Sanctioned[&CB] = Sanction::Box;
  return std::nullopt;
}

namespace {

// The units of a Py_BuildValue format of C scalars alone: one code ("i"),
// or a tuple of 2..PYUNBOX_MAX_RESULTS of them ("(ii)", or "ii": two units
// or more build a tuple too; CPython skips ' ', '\t', ',' and ':' between
// units). Empty for any other format.
SmallVector<char, 4> scalarUnits(StringRef Format) {
  if (Format.size() == 1)
    return {Format[0]};
  StringRef Inner = Format;
  if (Inner.size() >= 2 && Inner.front() == '(' && Inner.back() == ')')
    Inner = Inner.drop_front().drop_back();
  SmallVector<char, 4> Units;
  for (char C : Inner)
    if (C != ' ' && C != '\t' && C != ',' && C != ':')
      Units.push_back(C);
  bool Tuple = Format.front() == '(' || Units.size() >= 2;
  if (!Tuple || Units.size() < 2 || Units.size() > PYUNBOX_MAX_RESULTS ||
      !all_of(Units, [](char C) { return buildValueCodeKind(C).has_value(); }))
    return {};
  return Units;
}

} // namespace

std::optional<Refusal> WrapperAnalyzer::visitBuildValue(CallBase &CB, const BoundaryPrimitive &) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  StringRef Format;
  SmallVector<char, 4> Units;
  if (Arg(0) && getConstantStringInfo(Arg(0), Format))
    Units = scalarUnits(Format);
  // Py_BuildValue("O", Py_True) (hexhamming): a new reference, as Py_NewRef.
  if (Format == "O" && newReferenceOperand(CB) && noteSingletonReference(CB))
    return std::nullopt;
  // Each unit reads one vararg of its type. A long built as "I" (fastrand:
  // Py_BuildValue("I", n1 + r) with a long n1): the unit reads the
  // argument's low-order bits, which the core returns. On every target
  // cores are made for (TargetSupport.h) an integer vararg fills an 8-byte
  // slot and va_arg of a narrower type reads its low-order bytes (x86-64's
  // register save area and stack, AArch64's in either byte order).
  ReturnLeaf Leaf;
  Leaf.ScalarArg = 1;
  SmallVector<ValueKind, 2> Items;
  bool TypesOk = !Units.empty() && CB.arg_size() == 1 + Units.size();
  for (unsigned K = 0; TypesOk && K != Units.size(); ++K) {
    ValueKind Item = *buildValueCodeKind(Units[K]);
    Type *Reads = abiType(Item, CB.getContext()), *Given = Arg(1 + K)->getType();
    auto *ReadAs = dyn_cast<IntegerType>(Reads);
    bool Narrowed = ReadAs && Given->isIntegerTy(64) && ReadAs->getBitWidth() < 64;
    TypesOk = Given == Reads || Narrowed;
    Items.push_back(Item);
    Leaf.ReadAs.push_back(Narrowed ? ReadAs : nullptr);
  }
  // A tuple is no object a core that needs the interpreter or raises
  // itself returns (it would have to check its result as CPython does).
  bool Tuple = Units.size() > 1;
  if (!TypesOk || (Tuple && (InterpMode || PyErrMode))) {
    if (InterpMode)
      return std::nullopt; // an object for the core's own use, unless returned
    Problems[&CB] = refuse(RefusalKey::UnsupportedBuildValue,
                           "'" + Name + "' builds \"" + Format + "\", " +
                               (TypesOk ? "a tuple, which only a core that bails where the wrapper "
                                          "raises returns"
                                        : "not a single C scalar"));
    return std::nullopt;
  }
  if (InterpMode && !usedOnlyAsResult(CB))
    return std::nullopt;
  S.Leaves[&CB] = Leaf;
  BoxKinds[&CB] = Tuple ? ValueKind::Tuple : Items.front();
  if (Tuple)
    TupleItems[&CB] = Items;
  Sanctioned[&CB] = Sanction::Box;
  return std::nullopt;
}

// Cython 3's `def f(...) -> int` tests what it returns for an exact int
// (__Pyx_PyInt_FromNumber: Py_IS_TYPE(r, &PyLong_Type), else PyNumber_Long).
// Of a box the core makes the answer is known: PyLong_From* and an integer
// unit of Py_BuildValue make an exact int, PyFloat_FromDouble an exact float.
// Each such test is a fact: the call Py_IS_TYPE(box, T) (TypeRead is the
// call), or the comparisons of the type read (PyPy's inline ob_type, a
// Py_TYPE call), which with the address it is read at feeds nothing but the
// tests; any other use of it leaves all as it is.
void WrapperAnalyzer::noteBoxTypeTests(Instruction &TypeRead, CallBase &Box) {
  ValueKind K = BoxKinds.lookup(&Box);
  bool Int = K != ValueKind::Void && K != ValueKind::Tuple && K != ValueKind::Bool &&
             !isFloatingPoint(K) && !isString(K);
  if (!Int && !isFloatingPoint(K))
    return;
  auto IsBoxType = [&](const GlobalValue *GV) {
    return Int ? isLongTypeObject(GV->getName()) : isFloatTypeObject(GV->getName());
  };
  auto *Call = dyn_cast<CallBase>(&TypeRead);
  if (const BoundaryPrimitive *P = Call ? calledPrimitive(Call) : nullptr;
      P && P->Role == PrimitiveRole::TypeCheck) {
    auto *GV = dyn_cast<GlobalValue>(Call->getArgOperand(1)->stripPointerCasts());
    if (!GV || !Call->getType()->isIntegerTy() ||
        !(isLongTypeObject(GV->getName()) || isFloatTypeObject(GV->getName())))
      return;
    S.Facts[Call] = ConstantInt::get(Call->getType(), IsBoxType(GV));
    Sanctioned[Call] = Sanction::Fact;
    return;
  }
  SmallVector<std::pair<ICmpInst *, bool>, 2> Tests; // each test, and whether it is true
  for (User *U : TypeRead.users()) {
    auto *Cmp = dyn_cast<ICmpInst>(U);
    auto *GV = Cmp && Cmp->isEquality()
                   ? dyn_cast<GlobalValue>(Cmp->getOperand(Cmp->getOperand(0) == &TypeRead)->stripPointerCasts())
                   : nullptr;
    if (!GV || !(isLongTypeObject(GV->getName()) || isFloatTypeObject(GV->getName())))
      return;
    Tests.push_back({Cmp, IsBoxType(GV) == (Cmp->getPredicate() == ICmpInst::ICMP_EQ)});
  }
  auto *Address = dyn_cast<LoadInst>(&TypeRead)
                      ? dyn_cast<GetElementPtrInst>(cast<LoadInst>(TypeRead).getPointerOperand())
                      : nullptr;
  if (Address && !Address->hasOneUse())
    return;
  for (auto [Cmp, Holds] : Tests) {
    S.Facts[Cmp] = ConstantInt::get(Cmp->getType(), Holds);
    Sanctioned[Cmp] = Sanction::Fact;
  }
  Sanctioned[&TypeRead] = Sanction::Fact;
  if (Address)
    Sanctioned[Address] = Sanction::Fact;
}

// A box of a type no record kind stands for (a complex: Cython 3's `x ** y`
// of doubles boxes cpow's result as one where its imaginary part is not 0,
// as a float otherwise). Where the wrapper returns it, the core bails, and
// its caller calls the wrapper, which returns it: a bail is a call handed
// back, sound where nothing observable came before it
// (checkNothingObservedBeforeBails), as for a raise. A core that raises
// itself has no such way out; with the interpreter, another use makes the
// object one the core uses, a call it keeps.
std::optional<Refusal> WrapperAnalyzer::visitForeignBox(CallBase &CB, const BoundaryPrimitive &) {
  if (InterpMode && !usedOnlyAsResult(CB))
    return std::nullopt;
  StringRef Name = CB.getCalledFunction()->getName();
  if (PyErrMode || !usedOnlyAsResult(CB)) {
    Problems[&CB] = refuse(RefusalKey::ReturnsObject,
                           "returns an object no C scalar stands for ('" + Name + "')");
    return std::nullopt;
  }
  S.BailPoints.push_back(&CB);
  Sanctioned[&CB] = Sanction::Bail;
  return std::nullopt;
}

// Collect the leaves of a returned object through phis and selects, over
// edges that execute; the scalar they box is what the core returns.
std::optional<Refusal> WrapperAnalyzer::walkReturned(Value *V, const FactPropagation &FP,
                                              SmallPtrSetImpl<Value *> &Network,
                                              SmallVectorImpl<ValueKind> &Kinds) {
  if (!Network.insert(V).second)
    return std::nullopt;
  if (auto *Phi = dyn_cast<PHINode>(V)) {
    for (unsigned K = 0, E = Phi->getNumIncomingValues(); K != E; ++K) {
      if (!FP.isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()))
        continue;
      if (isa<ConstantPointerNull>(Phi->getIncomingValue(K)))
        NullEntries.push_back(Phi->getIncomingBlock(K));
      if (auto R = walkReturned(Phi->getIncomingValue(K), FP, Network, Kinds))
        return R;
    }
    return std::nullopt;
  }
  if (auto *Sel = dyn_cast<SelectInst>(V)) {
    if (auto R = walkReturned(Sel->getTrueValue(), FP, Network, Kinds))
      return R;
    return walkReturned(Sel->getFalseValue(), FP, Network, Kinds);
  }
  if (auto *CB = dyn_cast<CallBase>(V)) {
    auto It = Sanctioned.find(CB);
    if (It != Sanctioned.end() && It->second == Sanction::NewRef) {
      Value *One = newReferenceOperand(*CB);
      auto R = walkReturned(One, FP, Network, Kinds);
      if (auto Leaf = S.Leaves.find(One); Leaf != S.Leaves.end()) {
        ReturnLeaf Same = Leaf->second; // a copy: inserting may move the map's
        S.Leaves[CB] = Same;            // the call stays (InterpMode)
      }
      return R;
    }
    // `return PyErr_Format(...)`: the raises that return an object return
    // NULL, always. The core raises the same and returns no value.
    if (It != Sanctioned.end() && It->second == Sanction::KeepRaise) {
      S.NullResults.push_back(CB);
      NullEntries.push_back(CB->getParent());
      S.Errors = PYUNBOX_ERRORS_PYERR;
      return std::nullopt;
    }
    if (It != Sanctioned.end() && It->second == Sanction::Box) {
      Kinds.push_back(BoxKinds.lookup(CB));
      S.Boxes.push_back(CB);
      // A tuple made item by item returns its items too, each stored
      // before it leaves.
      return checkItems(*CB, FP, Network);
    }
    // A call where the core bails (visitForeignBox's box, a raise whose
    // result is returned): the core never returns what it would make.
    if (It != Sanctioned.end() && It->second == Sanction::Bail) {
      S.Errors = PYUNBOX_ERRORS_BAIL;
      return std::nullopt;
    }
  }
  if (auto One = singletonOf(V)) {
    Kinds.push_back(*One == Singleton::None ? ValueKind::Void : ValueKind::Bool);
    if (*One != Singleton::None) {
      ReturnLeaf Leaf;
      Leaf.Const = ConstantInt::getBool(F.getContext(), *One == Singleton::True);
      S.Leaves[V] = Leaf;
    }
    return std::nullopt;
  }
  // An undefined object (clang's cleanup slots leave one on paths that a
  // switch later rules out) says nothing; the core may return anything there.
  if (isa<UndefValue>(V))
    return std::nullopt;
  if (isa<ConstantPointerNull>(V)) {
    // The wrapper raises (or fails) here: the core bails, or returns with
    // the exception set.
    S.Errors = PyErrMode ? PYUNBOX_ERRORS_PYERR : PYUNBOX_ERRORS_BAIL;
    return std::nullopt;
  }
  return refuse(RefusalKey::ReturnsObject, "returns an object that is not a boxed C scalar (" + describe(V) + ")");
}

std::optional<Refusal> WrapperAnalyzer::checkReturns(const FactPropagation &FP) {
  // Where what the wrapper returns normally is only ever a box no C scalar
  // stands for (visitForeignBox's bail, after which nothing runs for the
  // core), the core would only bail: say that, not that it never returns.
  auto NoScalarReturned = [&]() -> Refusal {
    auto Foreign = find_if(S.BailPoints, [&](Instruction *I) {
      return callsRole(I, PrimitiveRole::ForeignBox) && FP.executes(*I);
    });
    if (Foreign != S.BailPoints.end())
      return refuse(RefusalKey::ReturnsObject,
                   "returns only objects no C scalar stands for (" + describe(*Foreign) + ")");
    return refuse(RefusalKey::NoNormalReturn, "never returns normally for well-typed arguments");
  };
  if (S.Returns.empty())
    return NoScalarReturned();
  SmallPtrSet<Value *, 8> Network;
  SmallVector<ValueKind, 4> Kinds;
  for (ReturnInst *Ret : S.Returns) {
    if (isa<ConstantPointerNull>(Ret->getReturnValue()))
      NullEntries.push_back(Ret->getParent());
    if (auto R = walkReturned(Ret->getReturnValue(), FP, Network, Kinds))
      return R;
  }
  if (Kinds.empty())
    return S.Errors != PYUNBOX_ERRORS_NONE
               ? NoScalarReturned()
               : refuse(RefusalKey::ReturnsObject, "returns only undefined objects");
  unifySignedness(Kinds);
  // A result as a remark names it: "long", "a tuple (long, double)".
  auto Spelling = [](ValueKind K, ArrayRef<ValueKind> Items) {
    if (K != ValueKind::Tuple)
      return cSpelling(K).str();
    std::string S = "a tuple (";
    for (ValueKind Item : Items)
      S += (S.back() == '(' ? "" : ", ") + cSpelling(Item).str();
    return S + ")";
  };
  auto ItemsOf = [&](ValueKind K) -> ArrayRef<ValueKind> {
    for (CallBase *Box : S.Boxes)
      if (auto It = TupleItems.find(Box); K == ValueKind::Tuple && It != TupleItems.end())
        return It->second;
    return {};
  };
  for (ValueKind K : Kinds)
    if (K != Kinds.front())
      return refuse(RefusalKey::MixedReturns, "returns both " + Spelling(Kinds.front(), ItemsOf(Kinds.front())) +
                                                  " and " + Spelling(K, ItemsOf(K)) + " results");
  S.Return = Kinds.front();
  // Tuples of one signature: each item's kind the same at every return.
  S.Results.clear();
  for (CallBase *Box : S.Boxes) {
    auto It = TupleItems.find(Box);
    if (It == TupleItems.end())
      continue;
    if (S.Results.empty())
      S.Results = It->second;
    else if (S.Results != It->second)
      return refuse(RefusalKey::MixedReturns, "returns both " + Spelling(ValueKind::Tuple, S.Results) +
                                                  " and " + Spelling(ValueKind::Tuple, It->second) +
                                                  " results");
  }
  // A box whose object is not returned would stay in the core and allocate.
  for (auto &[I, Role] : Sanctioned)
    if (Role == Sanction::Box && FP.isExecutable(I->getParent()) && !Network.count(I))
      return refuse(RefusalKey::UnusedBox, "boxes a value it does not return (" + describe(I) + ")");
  // The returned objects must go nowhere but out: a use elsewhere would lose
  // its object in the core. Comparing them with NULL is folded away.
  for (Value *V : Network) {
    if (isa<Constant>(V))
      continue; // NULL, None, True, False: shared, their other users are not ours
    for (User *U : V->users()) {
      auto *UI = dyn_cast<Instruction>(U);
      if (!UI || !FP.isExecutable(UI->getParent()) || Network.count(UI) || isa<ReturnInst>(UI))
        continue;
      if (auto *Cmp = dyn_cast<ICmpInst>(UI); Cmp && Cmp->isEquality() && FP.constantOf(Cmp))
        continue;
      if (auto It = Sanctioned.find(UI); It != Sanctioned.end() && It->second != Sanction::Box)
        continue; // reference counting of a singleton, a tuple's item stored by a call
      if (any_of(S.TupleItemWrites, [&](const WeakVH &W) { return W == UI; }))
        continue; // a tuple's item stored (AssembledTuples.cpp)
      return refuse(RefusalKey::BoxedResultEscapes, "uses its result object for more than returning it (" +
                                              describe(UI) + ")");
    }
  }
  return std::nullopt;
}

// PyLong_FromUnsignedLong(x) of an x known to be below 2^63 makes the int
// PyLong_FromLong(x) makes: beside signed boxes of the same width, such boxes
// are signed ones (posix's _PyLong_FromUid boxes -1 signed, a uid unsigned).
void WrapperAnalyzer::unifySignedness(SmallVectorImpl<ValueKind> &Kinds) {
  for (auto [Unsigned, Signed] : {std::pair(ValueKind::ULong, ValueKind::Long),
                                  std::pair(ValueKind::ULongLong, ValueKind::LongLong)}) {
    if (!is_contained(Kinds, Unsigned) || !is_contained(Kinds, Signed))
      continue;
    SmallVector<CallBase *, 2> Boxes;
    for (CallBase *Box : S.Boxes)
      if (BoxKinds.lookup(Box) == Unsigned)
        Boxes.push_back(Box);
    bool Fits = all_of(Boxes, [&](CallBase *Box) {
      Value *X = Box->getArgOperand(S.Leaves[Box].ScalarArg);
      return computeKnownBits(X, DL).isNonNegative();
    });
    if (!Fits || Boxes.empty())
      continue;
    for (CallBase *Box : Boxes)
      BoxKinds[Box] = Signed;
    std::replace(Kinds.begin(), Kinds.end(), Unsigned, Signed);
  }
}

} // namespace pyunbox
