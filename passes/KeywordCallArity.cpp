//===- KeywordCallArity.cpp - What a Clinic wrapper sees of a call by name -===//
//
// Argument Clinic's METH_FASTCALL|METH_KEYWORDS wrapper hands nargs and
// kwnames to _PyArg_UnpackKeywords, which returns the array of every
// parameter's object in its place, passed by position or by name alike.
// Clinic's code reads the two itself as well, in ways a call by name and
// the call of the same values by position agree on:
//  - the macro's fast path, `kwnames == NULL && minpos <= nargs && ...`,
//    whose tests of nargs a call with keywords never gets to;
//  - noptargs, `nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - minpos`:
//    how many arguments were passed, however;
//  - `if (nargs < K) goto skip_optional_posonly`, which gives the same for
//    every call that passes its K positional-only parameters, the ones no
//    call can name.
// A hand-written wrapper in Clinic's style may read them otherwise (`if
// (nargs < 2)` for a parameter a call may name, `nargs * 1000`): a call by
// name, whose nargs counts the positional arguments only, then takes another
// path than the core, which stands for the call by position.
//
// Drafting folds kwnames to NULL, so this is asked of the wrapper's clone
// before, run twice (FactPropagation): as a call by name (kwnames not NULL)
// and as one by position (kwnames NULL), nargs unknown in both.
//  - Code that only one of them runs does nothing but branch, compute pure
//    values, unpack and read kwnames' size.
//  - A phi both run merges the same values in both, or the array (args or
//    what the unpack returned: the same objects in the same places), or
//    kwnames' size in one and 0 in the other (noptargs).
//  - A value of kwnames' test for NULL, different in the two, reaches only
//    branches (the two rules above see where they lead), the choice of
//    such a phi's values, and logic of its own kind.
//  - Every other read of nargs or kwnames the call by name runs is the
//    unpack's, the size added to nargs (the count of arguments passed), or
//    a test of nargs against a constant.
// The answer is the least count of arguments a call must pass by position
// for those tests to give what they give the core; the analysis compares it
// with the count of positional-only parameters (analysis/KeywordCalls.cpp).
// Nothing here changes IR.
//
//===----------------------------------------------------------------------===//
#include "pyunbox/format.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CallingConvention.h"
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/FactPropagation.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

#include <algorithm>

using namespace llvm;

namespace pyunbox {

namespace {

// What a value derived from nargs or kwnames is, in a call with keywords.
enum class Reads : uint8_t {
  Count,        // nargs + Offset
  Keywords,     // kwnames, or an address into it
  KeywordCount, // PyTuple_GET_SIZE(kwnames) + Offset
};

struct Derived {
  Value *V;
  Reads Kind;
  int64_t Offset;
};

class KeywordCallReads {
public:
  KeywordCallReads(Function &W, Argument &NArgs, Argument &KwNames,
                   const SmallPtrSetImpl<const CallBase *> &Unpacks, uint64_t MaxPos)
      : W(W), NArgs(NArgs), KwNames(KwNames), Unpacks(Unpacks), MaxPos(MaxPos),
        NullKeywords{{&KwNames, ConstantPointerNull::get(cast<PointerType>(KwNames.getType()))}},
        Named(W, NoFacts, NoModels, [&KwNames](const Value *V) { return V == &KwNames; }),
        Positional(W, NullKeywords, NoModels, [](const Value *) { return false; }) {}

  std::optional<unsigned> leastPositional();

private:
  bool visit(const Derived &D, Use &U);
  bool differsOnlyInBranches(Instruction &I, SmallPtrSetImpl<const Instruction *> &Seen) const;
  const BasicBlock *meeting(const BranchInst &Br, const FactPropagation &Run) const;
  bool unpackFailure(const BasicBlock &From, const BasicBlock &To) const;
  bool arrayReadThroughUnpack() const;
  bool runsTheSame(const BasicBlock &BB) const;
  bool mergesTheSame(const PHINode &Phi) const;
  bool sameInBoth(ArrayRef<Value *> InNamed, ArrayRef<Value *> InPositional) const;
  bool isArray(const Value *V) const;
  bool isKeywordCount(const Value *V) const;
  bool isUnpackOperand(const Use &U, Reads Kind) const;
  bool isSizeLoad(const LoadInst &L) const;
  std::optional<unsigned> leastAgreeing(const ICmpInst &Cmp, const Derived &D) const;

  Function &W;
  Argument &NArgs, &KwNames;
  const SmallPtrSetImpl<const CallBase *> &Unpacks;
  uint64_t MaxPos;
  DenseMap<Value *, Constant *> NoFacts, NullKeywords;
  DenseMap<Value *, Value *> NoModels;
  FactPropagation Named;      // the wrapper called with keywords
  FactPropagation Positional; // and without
  SmallVector<Derived, 16> Work;
  DenseMap<const Value *, Reads> Seen;
  DenseMap<const Instruction *, unsigned> SumSides; // 1: a count, 2: a keyword count
  unsigned Least = 0;
};

bool KeywordCallReads::isUnpackOperand(const Use &U, Reads Kind) const {
  auto *CB = dyn_cast<CallBase>(U.getUser());
  if (!CB || !Unpacks.count(CB) || !CB->isArgOperand(&U))
    return false;
  unsigned No = CB->getArgOperandNo(&U);
  return (Kind == Reads::Count && No == 1) || (Kind == Reads::Keywords && No == 3);
}

// A read of kwnames' ob_size: PyTuple_GET_SIZE inlined (or PyPy's macro).
bool KeywordCallReads::isSizeLoad(const LoadInst &L) const {
  std::optional<TupleLayout> Layout = tupleLayout(*W.getParent());
  int64_t Offset = 0;
  return Layout && L.isSimple() && L.getType()->isIntegerTy() &&
         GetPointerBaseWithConstantOffset(L.getPointerOperand(), Offset,
                                          W.getParent()->getDataLayout()) == &KwNames &&
         Offset >= 0 && uint64_t(Offset) == Layout->SizeOffset;
}

// What the unpack hands back, or args where its macro skips it.
bool KeywordCallReads::isArray(const Value *V) const {
  auto *CB = dyn_cast<CallBase>(V);
  return V == W.getArg(1) || (CB && Unpacks.count(CB));
}

// PyTuple_GET_SIZE(kwnames): a call of the primitive, or its read inlined.
bool KeywordCallReads::isKeywordCount(const Value *V) const {
  if (auto *L = dyn_cast<LoadInst>(V))
    return isSizeLoad(*L);
  const BoundaryPrimitive *P = calledPrimitive(V);
  return P && P->Role == PrimitiveRole::TupleSize && cast<CallBase>(V)->arg_size() == 1 &&
         cast<CallBase>(V)->getArgOperand(0) == &KwNames;
}

// Whether a value that is one of InNamed in a call by name and one of
// InPositional in a call by position is the same to what follows: the same
// values, or the argument array, or kwnames' size against 0 (which only
// the sum with nargs may read: visit's walk sees to that).
bool KeywordCallReads::sameInBoth(ArrayRef<Value *> InNamed, ArrayRef<Value *> InPositional) const {
  SmallPtrSet<Value *, 4> N(InNamed.begin(), InNamed.end()), P(InPositional.begin(), InPositional.end());
  if (N == P)
    return true;
  auto AllArrays = [&](const SmallPtrSetImpl<Value *> &Vs) {
    return all_of(Vs, [&](const Value *V) { return isArray(V); });
  };
  if (AllArrays(N) && AllArrays(P))
    return true;
  return all_of(N, [&](const Value *V) { return isKeywordCount(V); }) &&
         all_of(P, [](const Value *V) {
           auto *C = dyn_cast<ConstantInt>(V);
           return C && C->isZero();
         });
}

// A block only one of the calls runs does nothing the other misses: it
// branches, computes pure values, unpacks, reads kwnames' size.
bool KeywordCallReads::runsTheSame(const BasicBlock &BB) const {
  // A dead end (an assert's __assert_fail: kwnames is always a tuple).
  if (isa<UnreachableInst>(BB.getTerminator()))
    return true;
  return all_of(BB, [&](const Instruction &I) {
    if (isa<PHINode>(I) || isa<BranchInst>(I) || isa<SwitchInst>(I) || isa<DbgInfoIntrinsic>(I))
      return true;
    if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->isLifetimeStartOrEnd())
      return true;
    if (isa<CallBase>(I) && (Unpacks.count(cast<CallBase>(&I)) || isKeywordCount(&I)))
      return true;
    return !I.isTerminator() && !I.mayHaveSideEffects() &&
           (!I.mayReadFromMemory() || isKeywordCount(&I));
  });
}

// A phi both calls run merges what sameInBoth calls the same.
bool KeywordCallReads::mergesTheSame(const PHINode &Phi) const {
  SmallVector<Value *, 4> N, P;
  for (unsigned K = 0; K != Phi.getNumIncomingValues(); ++K) {
    const BasicBlock *From = Phi.getIncomingBlock(K);
    if (Named.isExecutableEdge(From, Phi.getParent()))
      N.push_back(Phi.getIncomingValue(K));
    if (Positional.isExecutableEdge(From, Phi.getParent()))
      P.push_back(Phi.getIncomingValue(K));
  }
  return sameInBoth(N, P);
}

// Whether From goes to To where the unpack it calls has failed (returned
// NULL: a call the core never stands for, which raises in both).
bool KeywordCallReads::unpackFailure(const BasicBlock &From, const BasicBlock &To) const {
  auto *Br = dyn_cast<BranchInst>(From.getTerminator());
  auto *Cmp = Br && Br->isConditional() ? dyn_cast<ICmpInst>(Br->getCondition()) : nullptr;
  if (!Cmp || !Cmp->isEquality() || !isa<ConstantPointerNull>(Cmp->getOperand(1)))
    return false;
  auto *CB = dyn_cast<CallBase>(Cmp->getOperand(0));
  if (!CB || !Unpacks.count(CB))
    return false;
  return Br->getSuccessor(Cmp->getPredicate() == CmpInst::ICMP_EQ ? 0 : 1) == &To;
}

// The one block where the paths Run takes out of Br meet code both calls
// run: through blocks only one of them runs (which runsTheSame), and on
// through the unpack's success; nullptr where they reach two such blocks
// (`if (kwnames) goto L1; else goto L2;` as both calls reach L1 and L2),
// or a return. Both calls must meet at the same block, whose phis
// mergesTheSame judges.
const BasicBlock *KeywordCallReads::meeting(const BranchInst &Br, const FactPropagation &Run) const {
  SmallVector<const BasicBlock *, 8> Work;
  for (const BasicBlock *To : successors(Br.getParent()))
    if (Run.isExecutableEdge(Br.getParent(), To))
      Work.push_back(To);
  SmallPtrSet<const BasicBlock *, 8> Seen;
  const BasicBlock *Meet = nullptr;
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (!Seen.insert(BB).second)
      continue;
    bool Unpacking = any_of(*BB, [&](const Instruction &I) {
      auto *CB = dyn_cast<CallBase>(&I);
      return CB && Unpacks.count(CB);
    });
    if (!Unpacking && Named.isExecutable(BB) && Positional.isExecutable(BB)) {
      if (Meet && Meet != BB)
        return nullptr;
      Meet = BB;
      continue;
    }
    if (!runsTheSame(*BB) || isa<ReturnInst>(BB->getTerminator()))
      return nullptr;
    for (const BasicBlock *To : successors(BB))
      if (Run.isExecutableEdge(BB, To) && !(Unpacking && unpackFailure(*BB, *To)))
        Work.push_back(To);
  }
  return Meet;
}

// A call by name finds its objects in the unpacked array only: the
// caller's array holds the keywords' values in the order of the call from
// nargs on. Its one use the call by name runs is the unpack's, or a test
// for NULL, or a phi or select that takes it or what the unpack returned
// (the macro's fast path) on an edge the call by name does not take.
bool KeywordCallReads::arrayReadThroughUnpack() const {
  Argument &Args = *W.getArg(1);
  for (Use &U : Args.uses()) {
    auto *I = cast<Instruction>(U.getUser());
    if (!Named.executes(*I))
      continue;
    if (auto *CB = dyn_cast<CallBase>(I); CB && Unpacks.count(CB) && CB->isArgOperand(&U) &&
                                          CB->getArgOperandNo(&U) == 0)
      continue;
    if (auto *Cmp = dyn_cast<ICmpInst>(I); Cmp && Cmp->isEquality() &&
                                           isa<ConstantPointerNull>(Cmp->getOperand(1)))
      continue;
    if (auto *Phi = dyn_cast<PHINode>(I);
        Phi && !Named.isExecutableEdge(Phi->getIncomingBlock(U), Phi->getParent()))
      continue;
    if (auto *Sel = dyn_cast<SelectInst>(I); Sel && U.getOperandNo() != 0) {
      Constant *C = Named.constantOf(Sel->getCondition());
      if (C && Sel->getOperand(C->isNullValue() ? 2 : 1) != &Args)
        continue;
    }
    return false;
  }
  return true;
}

// I has one value in a call by name and another in one by position (a
// test of kwnames for NULL): whether it only steers branches, which
// runsTheSame and mergesTheSame judge where they lead, and chooses between
// values sameInBoth calls the same; through logic of its kind.
bool KeywordCallReads::differsOnlyInBranches(Instruction &I,
                                             SmallPtrSetImpl<const Instruction *> &Seen) const {
  if (!Seen.insert(&I).second)
    return true;
  for (Use &U : I.uses()) {
    auto *User = cast<Instruction>(U.getUser());
    if (!Named.executes(*User) && !Positional.executes(*User))
      continue;
    if (auto *Br = dyn_cast<BranchInst>(User)) {
      const BasicBlock *From = Br->getParent();
      if (!Named.isExecutable(From) || !Positional.isExecutable(From))
        continue; // steers within code one call runs: judged where that starts
      const BasicBlock *Meet = meeting(*Br, Named);
      if (!Meet || Meet != meeting(*Br, Positional))
        return false;
      continue;
    }
    if (auto *Sel = dyn_cast<SelectInst>(User); Sel && U.getOperandNo() == 0) {
      auto Chosen = [&](const FactPropagation &Run, SmallVectorImpl<Value *> &Out) {
        Constant *C = Run.constantOf(Sel);
        if (Constant *Cond = Run.constantOf(Sel->getCondition()))
          Out.push_back(Sel->getOperand(Cond->isNullValue() ? 2 : 1));
        else if (C)
          Out.push_back(C);
        else
          Out.append({Sel->getTrueValue(), Sel->getFalseValue()});
      };
      SmallVector<Value *, 2> N, P;
      Chosen(Named, N);
      Chosen(Positional, P);
      if (sameInBoth(N, P))
        continue;
    }
    bool Logic = User->getType()->isIntegerTy(1) &&
                 (isa<BinaryOperator>(User) || isa<SelectInst>(User) || isa<PHINode>(User) ||
                  isa<ICmpInst>(User));
    if (!Logic || !differsOnlyInBranches(*User, Seen))
      return false;
  }
  return true;
}

// The least count L of positional arguments from which the test of nargs
// (D) gives the same for every count up to MaxPos, the most a call passes
// by position; none where it is not a test against a constant.
std::optional<unsigned> KeywordCallReads::leastAgreeing(const ICmpInst &Cmp,
                                                        const Derived &D) const {
  bool Left = Cmp.getOperand(0) == D.V;
  auto *K = dyn_cast<ConstantInt>(Cmp.getOperand(Left ? 1 : 0));
  if (!K || D.Kind != Reads::Count || Cmp.getOperand(0) == Cmp.getOperand(1))
    return std::nullopt;
  CmpInst::Predicate Pred = Left ? Cmp.getPredicate() : Cmp.getSwappedPredicate();
  unsigned Width = K->getBitWidth();
  auto Test = [&](uint64_t N) {
    return ICmpInst::compare(APInt(Width, N, /*isSigned=*/true) + APInt(Width, D.Offset, true),
                             K->getValue(), Pred);
  };
  bool AtMost = Test(MaxPos);
  uint64_t L = MaxPos;
  while (L > 0 && Test(L - 1) == AtMost)
    --L;
  return unsigned(L);
}

// Whether use U of D is one a call by name and the call by position agree
// on; the values it derives go on the work list.
bool KeywordCallReads::visit(const Derived &D, Use &U) {
  auto *I = dyn_cast<Instruction>(U.getUser());
  if (!I)
    return false;
  // A call by name never runs it (the macro's tests of nargs after its
  // `kwnames == NULL`), or it has one value whatever the counts: the same
  // as in a call by position, or one that only steers branches.
  if (!Named.executes(*I) || isUnpackOperand(U, D.Kind))
    return true;
  if (Constant *C = Named.constantOf(I)) {
    SmallPtrSet<const Instruction *, 8> Seen;
    return C == Positional.constantOf(I) || differsOnlyInBranches(*I, Seen);
  }
  auto Push = [&](Reads Kind, int64_t Offset) {
    auto [It, New] = Seen.try_emplace(I, Kind);
    if (New)
      Work.push_back({I, Kind, Offset});
    return It->second == Kind; // one value reached as two: not followed
  };
  if (auto *Phi = dyn_cast<PHINode>(I)) {
    // What it merges on the edges a call with keywords takes must be D.
    for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K)
      if (Named.isExecutableEdge(Phi->getIncomingBlock(K), Phi->getParent()) &&
          Phi->getIncomingValue(K) != D.V)
        return false;
    return Push(D.Kind, D.Offset);
  }
  if (auto *Sel = dyn_cast<SelectInst>(I)) {
    Constant *C = Named.constantOf(Sel->getCondition());
    if (!C || U.getOperandNo() == 0)
      return false;
    if (Sel->getOperand(C->isNullValue() ? 2 : 1) != D.V)
      return true; // the other value is taken
    return Push(D.Kind, D.Offset);
  }
  if (D.Kind == Reads::Keywords) {
    if (auto *GEP = dyn_cast<GetElementPtrInst>(I); GEP && GEP->hasAllConstantIndices())
      return Push(Reads::Keywords, 0);
    return isKeywordCount(I) && Push(Reads::KeywordCount, 0);
  }
  // A count, nargs's or kwnames' size.
  if (auto *Cmp = dyn_cast<ICmpInst>(I)) {
    std::optional<unsigned> L = leastAgreeing(*Cmp, D);
    if (L)
      Least = std::max(Least, *L);
    return L.has_value();
  }
  auto *BO = dyn_cast<BinaryOperator>(I);
  if (!BO || (BO->getOpcode() != Instruction::Add && BO->getOpcode() != Instruction::Sub))
    return false;
  Value *Other = BO->getOperand(U.getOperandNo() == 0 ? 1 : 0);
  if (auto *C = dyn_cast<ConstantInt>(Other)) {
    if (BO->getOpcode() == Instruction::Sub && U.getOperandNo() != 0)
      return false; // C - count
    int64_t Step = C->getSExtValue();
    return Push(D.Kind, BO->getOpcode() == Instruction::Add ? D.Offset + Step : D.Offset - Step);
  }
  // nargs + PyTuple_GET_SIZE(kwnames): how many arguments were passed, the
  // same for both calls. Checked once both sides have come.
  if (BO->getOpcode() != Instruction::Add)
    return false;
  SumSides[BO] |= D.Kind == Reads::Count ? 1u : 2u;
  return true;
}

std::optional<unsigned> KeywordCallReads::leastPositional() {
  if (!arrayReadThroughUnpack())
    return std::nullopt;
  for (BasicBlock &BB : W) {
    bool InNamed = Named.isExecutable(&BB), InPositional = Positional.isExecutable(&BB);
    if (InNamed != InPositional && !runsTheSame(BB))
      return std::nullopt;
    if (InNamed && InPositional)
      for (PHINode &Phi : BB.phis())
        if (!mergesTheSame(Phi))
          return std::nullopt;
  }
  Work.push_back({&NArgs, Reads::Count, 0});
  Work.push_back({&KwNames, Reads::Keywords, 0});
  while (!Work.empty()) {
    Derived D = Work.pop_back_val();
    for (Use &U : D.V->uses())
      if (!visit(D, U))
        return std::nullopt;
  }
  for (const auto &[Sum, Sides] : SumSides)
    if (Sides != 3)
      return std::nullopt; // a count added to something else
  return Least;
}

// Whether nothing but an unpack reads the buffer Buf it fills
// (stores into it, its stack slot's lifetime, addresses into it are fine).
bool onlyUnpackReads(const Value &Buf) {
  SmallVector<const Value *, 4> Work{getUnderlyingObject(&Buf)};
  SmallPtrSet<const Value *, 8> Seen;
  while (!Work.empty()) {
    const Value *Addr = Work.pop_back_val();
    if (!Seen.insert(Addr).second)
      continue;
    for (const Use &U : Addr->uses()) {
      const User *I = U.getUser();
      if (isa<GetElementPtrInst>(I) || isa<BitCastInst>(I)) {
        Work.push_back(I);
        continue;
      }
      if (auto *St = dyn_cast<StoreInst>(I); St && St->getPointerOperand() == Addr)
        continue;
      if (auto *II = dyn_cast<IntrinsicInst>(I);
          II && (II->isLifetimeStartOrEnd() || II->getIntrinsicID() == Intrinsic::memset))
        continue;
      if (auto *CB = dyn_cast<CallBase>(I); CB && calledPrimitive(CB) &&
                                            calledPrimitive(CB)->Role == PrimitiveRole::UnpackKeywords)
        continue;
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<unsigned> leastPositionalForKeywordCalls(Function &Wrapper, unsigned MethFlags) {
  if (!(MethFlags & METH_FASTCALL) || !(MethFlags & METH_KEYWORDS) || Wrapper.arg_size() != 4)
    return 0;
  Argument &NArgs = *Wrapper.getArg(2), &KwNames = *Wrapper.getArg(3);
  SmallPtrSet<const CallBase *, 2> Unpacks;
  uint64_t MaxPos = 0;
  for (Instruction &I : instructions(Wrapper)) {
    const BoundaryPrimitive *P = calledPrimitive(&I);
    auto *CB = dyn_cast<CallBase>(&I);
    if (!P || P->Role != PrimitiveRole::UnpackKeywords)
      continue;
    // An unpack of other counts or names than the call's (kwnames not
    // handed on: a call by name then unpacks no names at all).
    if (CB->arg_size() < 7 || CB->getArgOperand(1) != &NArgs || CB->getArgOperand(3) != &KwNames)
      return std::nullopt;
    auto *Max = dyn_cast<ConstantInt>(CB->getArgOperand(6));
    if (!Max || Max->getZExtValue() > PYUNBOX_MAX_PARAMS)
      return std::nullopt;
    // One parser (its names are the record's), and a buffer only the unpack
    // reads: a call by position leaves it as it was (the macro's fast path).
    if (CB->arg_size() < 9 || (!Unpacks.empty() && (*Unpacks.begin())->getArgOperand(4) != CB->getArgOperand(4)) ||
        !onlyUnpackReads(*CB->getArgOperand(8)))
      return std::nullopt;
    Unpacks.insert(CB);
    MaxPos = std::max(MaxPos, Max->getZExtValue());
  }
  if (Unpacks.empty())
    return 0;
  return KeywordCallReads(Wrapper, NArgs, KwNames, Unpacks, MaxPos).leastPositional();
}

std::optional<unsigned> leastPositionalForKeywordCalls(const Function &Draft) {
  Attribute A = Draft.getFnAttribute(KeywordCallArityAttribute);
  if (!A.isStringAttribute())
    return 0;
  unsigned Least = 0;
  if (A.getValueAsString().getAsInteger(10, Least))
    return std::nullopt;
  return Least;
}

} // namespace pyunbox
