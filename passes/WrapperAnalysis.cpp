//===- WrapperAnalysis.cpp - Is this function an unbox/compute/box wrapper? -===//
//
// Three steps, none of which changes the IR:
//  1. find the boundary: which values are argument objects, which calls unbox
//     them, parse them or box results (BoundaryPrimitives decides what a call
//     means);
//  2. find the code a well-typed call executes (FactPropagation under the
//     facts of step 1);
//  3. check that this code touches the interpreter only at the boundary and
//     that every normal return boxes one kind of scalar.
//
//===----------------------------------------------------------------------===//
#include "pyunbox/passes/WrapperAnalysis.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CalleeEffects.h"
#include "pyunbox/passes/FactPropagation.h"
#include "pyunbox/passes/MethodTables.h"
#include "pyunbox/passes/ObservableEffects.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include <algorithm>
#include <functional>

using namespace llvm;

namespace pyunbox {

StringRef conventionName(Convention C) {
  switch (C) {
  case Convention::NoArgs: return "METH_NOARGS";
  case Convention::O: return "METH_O";
  case Convention::FastCall: return "METH_FASTCALL";
  case Convention::VarArgs: return "METH_VARARGS";
  }
  return "?";
}

namespace {

Refusal refuse(StringRef Key, const Twine &Reason) { return {Key.str(), Reason.str()}; }

std::string describe(const Value *V) {
  if (auto *CB = dyn_cast<CallBase>(V))
    if (const Function *F = CB->getCalledFunction())
      return ("a call of '" + F->getName() + "'").str();
  if (auto *I = dyn_cast<Instruction>(V))
    return ("'" + StringRef(I->getOpcodeName()) + "'").str();
  return "a value";
}

bool isZeroConstant(const Value *V) {
  auto *C = dyn_cast<ConstantInt>(V);
  return C && C->isZero();
}

bool isFloatType(const Value *V) {
  auto *GV = dyn_cast<GlobalValue>(V->stripPointerCasts());
  return GV && isFloatTypeObject(GV->getName());
}

// A box that can only be the wrapper's result: returned, merged into what is
// returned, or compared with NULL (with the interpreter, other boxes are
// objects the core uses).
bool usedOnlyAsResult(const CallBase &Box) {
  return all_of(Box.users(), [](const User *U) {
    return isa<PHINode>(U) || isa<SelectInst>(U) || isa<ReturnInst>(U) || isa<ICmpInst>(U);
  });
}

// Argument Clinic's static _PyArg_Parser {format, keywords, ...}: the two
// constants, or nullptrs.
std::pair<Constant *, Constant *> clinicParser(Value *V) {
  auto *GV = dyn_cast_or_null<GlobalVariable>(V ? V->stripPointerCasts() : nullptr);
  auto *CS = GV && GV->hasInitializer() ? dyn_cast<ConstantStruct>(GV->getInitializer()) : nullptr;
  if (!CS || CS->getNumOperands() < 2)
    return {nullptr, nullptr};
  return {CS->getOperand(0), CS->getOperand(1)};
}

// The most work (IR instructions of the draft that run for well-typed
// arguments) a core that needs the interpreter may copy: about a system call
// with its argument parsing and error handling.
constexpr unsigned MaxInterpreterCoreInstructions = 250;

// The roles the primitive calls of step 1 play; anything else of the
// interpreter's reached by executable code is a refusal.
// Bail: a raise where the core bails. KeepRaise, KeepCall: calls a core with
// CPython's error convention (pyerr) keeps, since it runs with the GIL.
enum class Sanction : uint8_t { Unbox, Parse, Fact, Refcount, Gil, NewRef, Box, Bail, KeepRaise, KeepCall };

class Analyzer {
public:
  /// PyErrMode: raises stay in the core, which then needs the interpreter;
  /// otherwise they become bails. InterpMode (implies PyErrMode): besides,
  /// the core may do anything with the interpreter that the wrapper does with
  /// objects other than its arguments. CheckResults: the core checks its
  /// result as CPython does (WrapperShape::ChecksResult).
  Analyzer(Function &F, unsigned Flags, const TargetLibraryInfo *TLI, bool PyErrMode,
           bool InterpMode = false, bool CheckResults = false)
      : F(F), DL(F.getParent()->getDataLayout()), Callees(TLI), Effects(TLI),
        PyErrMode(PyErrMode || InterpMode), InterpMode(InterpMode) {
    S.MethFlags = Flags;
    S.ChecksResult = CheckResults && this->PyErrMode;
    S.KeepsReferenceCounts = InterpMode;
  }
  AnalysisResult run();

private:
  std::optional<Refusal> decideConvention();
  std::optional<Refusal> checkSignature();
  void collectArgumentSlots();
  void collectTupleReads();
  std::optional<Refusal> findBoundary();
  std::optional<Refusal> visitPrimitive(CallBase &CB, const BoundaryPrimitive &P);
  void noteSlotKind(Instruction &Site, unsigned Slot, ValueKind K);
  bool noteFailsBelowZero(CallBase &CB, StringRef Name);
  void noteIntCheck(Instruction &I, unsigned Slot, bool Exact, uint64_t Value = 1);
  void collectInlineTypeChecks();
  std::optional<Refusal> checkIntChecks(const FactPropagation &FP) const;
  // PyLong_Check(arg), PyLong_CheckExact(arg): true where the argument is the
  // box of a value of an integer kind (an exact int; a bool for _Bool).
  struct IntCheckSite {
    Instruction *Call;
    unsigned Slot;
    bool Exact;
  };
  SmallVector<IntCheckSite, 1> IntChecks;
  std::optional<Refusal> settleSlotKinds(const FactPropagation &FP);
  bool overflowFlagReads(CallBase &CB, SmallVectorImpl<LoadInst *> &Reads);
  bool isFloatFastPath(CallBase &Check, Value *Obj) const;
  /// Two values that are the same argument object (Argument Clinic reads
  /// args[0] afresh for each use).
  bool sameArgument(const Value *A, const Value *B) const {
    auto SA = SlotOf.find(const_cast<Value *>(A)), SB = SlotOf.find(const_cast<Value *>(B));
    return A == B || (SA != SlotOf.end() && SB != SlotOf.end() && SA->second == SB->second);
  }
  std::optional<Refusal> checkExecutableCode(const FactPropagation &FP);
  std::optional<Refusal> checkOperand(Instruction &I, Value *Op);
  std::optional<Refusal> checkCall(CallBase &CB);
  std::optional<Refusal> checkReturns(const FactPropagation &FP);
  void unifySignedness(SmallVectorImpl<ValueKind> &Kinds);
  std::optional<Refusal> checkNothingObservedBeforeBails(const FactPropagation &FP);
  void keepErrorChecksAfterRaises();
  std::optional<Refusal> checkEveryNullIsRaised(const FactPropagation &FP);
  std::optional<Refusal> checkNoValueAfterRaise(const FactPropagation &FP);
  std::optional<Refusal> walkReturned(Value *V, const FactPropagation &FP,
                                      SmallPtrSetImpl<Value *> &Network,
                                      SmallVectorImpl<ValueKind> &Kinds);

  Function &F;
  const DataLayout &DL;
  CalleeEffects Callees;
  ObservableEffects Effects;
  bool PyErrMode;
  bool InterpMode;
  WrapperShape S;
  // Blocks where a NULL return enters the returned value: bails happen there.
  SmallVector<const BasicBlock *, 2> NullEntries;

  Argument *Self = nullptr;
  Argument *Second = nullptr; // the argument object, tuple or array
  Argument *NArgs = nullptr;
  bool HasKeywords = false;
  DenseMap<Value *, unsigned> SlotOf; // argument objects by position
  SmallPtrSet<Value *, 8> ArrayReads; // GEPs and loads of the fastcall array
  SmallPtrSet<Value *, 4> ArrayAliases; // phis/selects that are the array again
  // METH_VARARGS read without PyArg_ParseTuple: the reads of the tuple's
  // length (facts: the arity) and whether any item was read.
  SmallVector<Value *, 2> TupleSizes;
  // Reads of args[i] whose i is not a constant: a loop over the arguments
  // that the draft could not unroll (its trip count is not a constant).
  SmallVector<GetElementPtrInst *, 1> VariableIndexReads;
  void noteVariableIndexRead(GetElementPtrInst &GEP) {
    // Cython's kwvalues, args + nargs, is an address and no read.
    if (!GEP.hasAllConstantIndices() && any_of(GEP.users(), [](User *U) { return isa<LoadInst>(U); }))
      VariableIndexReads.push_back(&GEP);
  }
  bool ReadsTupleItems = false;
  bool FormatParsed = false;             // a PyArg_Parse* of a format
  SmallPtrSet<Value *, 2> IndexResults;  // _PyNumber_Index of an argument
  // What each unboxer or parse takes its argument for; the ones that run
  // decide the core's parameter kinds (settleSlotKinds).
  struct SlotUse {
    Instruction *Site;
    unsigned Slot;
    ValueKind Kind;
  };
  SmallVector<SlotUse, 4> SlotUses;
  SmallVector<std::optional<ValueKind>, 4> SlotKinds;
  DenseMap<Instruction *, Sanction> Sanctioned;
  DenseMap<Instruction *, Refusal> Problems; // refusals if executed
  // Values computed only to be handed to a raise (the exception type, a
  // message, Py_TYPE(arg)->tp_name): the core bails before using them.
  SmallPtrSet<Instruction *, 8> BailOnly;
  // Values no code of the core needs: pure, and used only where the core does
  // not go (code ruled out by the facts, or a bail). They go with it.
  SmallPtrSet<Instruction *, 8> Unneeded;
  void collectUnneeded(const FactPropagation &FP);
  std::optional<Refusal> followSlotsThroughPhis(const FactPropagation &FP, bool &NewFacts);
  struct PendingCheck {
    CallBase *Call;
    uint64_t Min, Max;
  };
  SmallVector<PendingCheck, 1> PositionalChecks;
  DenseMap<Value *, ValueKind> BoxKinds; // box calls and the kind they box
  Constant *ClinicKeywords = nullptr;     // Argument Clinic's _keywords array
  // A NULL-terminated array of C strings (a kwlist), Count entries at most.
  static SmallVector<std::string, 4> stringArray(Value *V, unsigned Count) {
    SmallVector<std::string, 4> Names;
    auto *GV = V ? dyn_cast<GlobalVariable>(V->stripPointerCasts()) : nullptr;
    auto *CA = GV && GV->hasInitializer() ? dyn_cast<ConstantArray>(GV->getInitializer()) : nullptr;
    for (unsigned K = 0; CA && K != Count && K < CA->getNumOperands(); ++K) {
      StringRef Name;
      Names.push_back(getConstantStringInfo(CA->getOperand(K), Name) ? Name.str() : "");
    }
    Names.resize(Count);
    return Names;
  }
  DenseMap<Value *, Value *> Models;      // for FactPropagation
  // Models live in functions of a scratch module of their own (freed with
  // the analyzer): an instruction with no block crashes the value tracking
  // that simplification runs on its users (it asks for the block).
  std::unique_ptr<Module> ModelModule;
  /// A value of type T that is 0 or 1 and nothing else known: a _Bool
  /// parameter widened to T.
  Value *newBoolModel(Type *T) {
    LLVMContext &Ctx = T->getContext();
    if (!ModelModule)
      ModelModule = std::make_unique<Module>("pyunbox.models", Ctx);
    auto *Fn = Function::Create(FunctionType::get(T, {Type::getInt1Ty(Ctx)}, false),
                                GlobalValue::ExternalLinkage, "model", *ModelModule);
    BasicBlock *BB = BasicBlock::Create(Ctx, "", Fn);
    auto *Widened = new ZExtInst(Fn->getArg(0), T, "", BB);
    ReturnInst::Create(Ctx, Widened, BB);
    return Widened;
  }

public:
  unsigned NumSlots = 0;
};

std::optional<Refusal> Analyzer::decideConvention() {
  unsigned Call = S.MethFlags & (METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O |
                                 METH_FASTCALL | METH_METHOD);
  if (Call & METH_METHOD)
    return refuse("DefiningClass", "METH_METHOD wrappers receive their defining class; not mined");
  // With METH_KEYWORDS a core stands for the calls without keywords; the
  // parameter names let a consumer map keywords onto positions.
  HasKeywords = Call & METH_KEYWORDS;
  switch (Call & ~unsigned(METH_KEYWORDS)) {
  case METH_NOARGS: S.Conv = Convention::NoArgs; return std::nullopt;
  case METH_O: S.Conv = Convention::O; return std::nullopt;
  case METH_FASTCALL: S.Conv = Convention::FastCall; return std::nullopt;
  case METH_VARARGS: S.Conv = Convention::VarArgs; return std::nullopt;
  case 0:
    if (HasKeywords) { // METH_KEYWORDS alone means METH_VARARGS | METH_KEYWORDS
      S.Conv = Convention::VarArgs;
      return std::nullopt;
    }
    [[fallthrough]];
  default:
    return refuse("BadCallFlags", "ml_flags 0x" + Twine::utohexstr(S.MethFlags) +
                                      " name no single calling convention");
  }
}

std::optional<Refusal> Analyzer::checkSignature() {
  // METH_NOARGS functions are often defined without the unused argument
  // (`f(PyObject *self)`, even `f(void)`), and called through a cast: the
  // C calling convention drops what they do not declare.
  if (S.Conv == Convention::NoArgs && F.arg_size() < 2) {
    if (!F.getReturnType()->isPointerTy() || F.isVarArg() ||
        (F.arg_size() == 1 && !F.getArg(0)->getType()->isPointerTy()))
      return refuse("UnexpectedSignature", "its IR signature does not match METH_NOARGS");
    Self = F.arg_size() ? F.getArg(0) : nullptr;
    return std::nullopt;
  }
  unsigned Want = (S.Conv == Convention::FastCall ? 3 : 2) + HasKeywords;
  bool Ok = F.arg_size() == Want && F.getReturnType()->isPointerTy() && !F.isVarArg() &&
            F.getArg(0)->getType()->isPointerTy() && F.getArg(1)->getType()->isPointerTy() &&
            (S.Conv != Convention::FastCall || F.getArg(2)->getType()->isIntegerTy()) &&
            (!HasKeywords || F.getArg(Want - 1)->getType()->isPointerTy());
  if (!Ok)
    return refuse("UnexpectedSignature", "its IR signature does not match " +
                                             conventionName(S.Conv));
  Self = F.getArg(0);
  Second = F.getArg(1);
  if (S.Conv == Convention::FastCall)
    NArgs = F.getArg(2);
  if (HasKeywords) // the dict or the kwnames tuple: a core's calls have none
    S.Facts[F.getArg(Want - 1)] = ConstantPointerNull::get(cast<PointerType>(F.getArg(Want - 1)->getType()));
  return std::nullopt;
}

void Analyzer::collectArgumentSlots() {
  if (S.Conv == Convention::O) {
    SlotOf[Second] = 0;
    NumSlots = 1;
    return;
  }
  if (S.Conv == Convention::VarArgs)
    return collectTupleReads();
  if (S.Conv != Convention::FastCall)
    return;
  unsigned PtrSize = DL.getPointerSize();
  auto AddLoad = [&](Value *U, uint64_t Slot) {
    auto *L = dyn_cast<LoadInst>(U);
    if (!L || !L->isSimple() || !L->getType()->isPointerTy())
      return;
    SlotOf[L] = Slot;
    ArrayReads.insert(L);
    NumSlots = std::max<unsigned>(NumSlots, Slot + 1);
  };
  // Argument Clinic's `args = _PyArg_UnpackKeywords(args, ...)` returns args
  // itself for a call without keywords: reads through the merge of the two
  // are reads of the array.
  SmallVector<Value *, 4> Arrays{Second};
  SmallPtrSet<Value *, 4> IsArray{Second};
  auto FromArray = [&](Value *V) {
    if (IsArray.count(V))
      return true;
    const BoundaryPrimitive *P = calledPrimitive(V);
    return P && P->Role == PrimitiveRole::UnpackKeywords &&
           IsArray.count(cast<CallBase>(V)->getArgOperand(0));
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (Value *A : SmallVector<Value *, 4>(Arrays))
      for (User *U : A->users()) {
        auto *I = dyn_cast<Instruction>(U);
        if (!I || IsArray.count(I) || !(isa<PHINode>(I) || isa<SelectInst>(I)))
          continue;
        auto Incoming = isa<PHINode>(I) ? SmallVector<Value *, 2>(cast<PHINode>(I)->incoming_values())
                                        : SmallVector<Value *, 2>{cast<SelectInst>(I)->getTrueValue(),
                                                                  cast<SelectInst>(I)->getFalseValue()};
        if (all_of(Incoming, FromArray)) {
          IsArray.insert(I);
          ArrayAliases.insert(I);
          Arrays.push_back(I);
          ArrayReads.insert(I);
          Changed = true;
        }
      }
  }
  for (Value *Array : Arrays)
    for (User *U : Array->users()) {
      if (auto *L = dyn_cast<LoadInst>(U)) {
        if (L->getPointerOperand() == Array)
          AddLoad(L, 0);
        continue;
      }
      auto *GEP = dyn_cast<GetElementPtrInst>(U);
      APInt Off(DL.getIndexTypeSizeInBits(Second->getType()), 0);
      if (GEP && GEP->getPointerOperand() == Array)
        noteVariableIndexRead(*GEP);
      if (!GEP || GEP->getPointerOperand() != Array || !GEP->accumulateConstantOffset(DL, Off) ||
          Off.isNegative() || Off.urem(PtrSize) != 0 || Off.udiv(PtrSize).uge(PYUNBOX_MAX_PARAMS))
        continue;
      ArrayReads.insert(GEP);
      for (User *GU : GEP->users())
        AddLoad(GU, Off.udiv(PtrSize).getZExtValue());
    }
}

// Cython unpacks the argument tuple itself: PyTuple_GET_SIZE(args) and
// PyTuple_GET_ITEM(args, k), a load at ob_item[k] (PyPy's Py_SIZE is a load
// of ob_size too). A GEP of the tuple counts only if every use under it is
// such a read; anything else (a store, ob_refcnt) is left for checkOperand.
void Analyzer::collectTupleReads() {
  std::optional<TupleLayout> Layout = tupleLayout(*F.getParent());
  if (!Layout)
    return;
  unsigned PtrSize = DL.getPointerSize();
  APInt Zero(DL.getIndexTypeSizeInBits(Second->getType()), 0);
  // The GEPs and loads under V (the tuple plus Off), or false if some other
  // use or an offset that is not ob_size or ob_item[k] is among them.
  std::function<bool(Value *, const APInt &, SmallVectorImpl<Value *> &,
                     SmallVectorImpl<std::pair<LoadInst *, uint64_t>> &)>
      Collect = [&](Value *V, const APInt &Off, auto &GEPs, auto &Loads) {
        for (User *U : V->users()) {
          if (auto *L = dyn_cast<LoadInst>(U); L && L->isSimple() && L->getPointerOperand() == V) {
            Loads.push_back({L, Off.getZExtValue()});
            continue;
          }
          auto *GEP = dyn_cast<GetElementPtrInst>(U);
          APInt More = Zero;
          if (GEP && GEP->getPointerOperand() == V)
            noteVariableIndexRead(*GEP); // PyTuple_GET_ITEM(args, i)
          if (!GEP || GEP->getPointerOperand() != V || !GEP->accumulateConstantOffset(DL, More) ||
              (Off + More).isNegative())
            return false;
          GEPs.push_back(GEP);
          if (!Collect(GEP, Off + More, GEPs, Loads))
            return false;
        }
        return true;
      };
  auto ItemSlot = [&](LoadInst *L, uint64_t O) -> std::optional<unsigned> {
    if (O < Layout->ItemOffset || (O - Layout->ItemOffset) % PtrSize != 0 ||
        !L->getType()->isPointerTy() || (O - Layout->ItemOffset) / PtrSize >= PYUNBOX_MAX_PARAMS)
      return std::nullopt;
    return (O - Layout->ItemOffset) / PtrSize;
  };
  auto IsSize = [&](LoadInst *L, uint64_t O) {
    return O == Layout->SizeOffset && L->getType()->isIntegerTy();
  };
  for (User *U : Second->users()) {
    auto *GEP = dyn_cast<GetElementPtrInst>(U);
    APInt Off = Zero;
    SmallVector<Value *, 4> GEPs{GEP};
    SmallVector<std::pair<LoadInst *, uint64_t>, 4> Loads;
    if (GEP && GEP->getPointerOperand() == Second)
      noteVariableIndexRead(*GEP);
    if (!GEP || GEP->getPointerOperand() != Second || !GEP->accumulateConstantOffset(DL, Off) ||
        Off.isNegative() || !Collect(GEP, Off, GEPs, Loads) ||
        !all_of(Loads, [&](auto &LO) { return IsSize(LO.first, LO.second) || ItemSlot(LO.first, LO.second); }))
      continue;
    ArrayReads.insert(GEPs.begin(), GEPs.end());
    for (auto [L, O] : Loads) {
      ArrayReads.insert(L);
      if (IsSize(L, O)) {
        TupleSizes.push_back(L);
        continue;
      }
      unsigned Slot = *ItemSlot(L, O);
      SlotOf[L] = Slot;
      NumSlots = std::max(NumSlots, Slot + 1);
      ReadsTupleItems = true;
    }
  }
}

void Analyzer::noteSlotKind(Instruction &Site, unsigned Slot, ValueKind K) {
  SlotUses.push_back({&Site, Slot, K});
}

// An unboxer or converter that raises for a negative value. A core that
// raises itself redoes that raise (Outliner) only if it checks its result as
// CPython does; any other would have to prove that only the failure returns
// NULL.
bool Analyzer::noteFailsBelowZero(CallBase &CB, StringRef Name) {
  if (PyErrMode && !S.ChecksResult) {
    Problems[&CB] = refuse("FallibleConverter",
                           "'" + Name + "' raises for negative values, which only a core that "
                                        "checks its result as CPython does can redo");
    return false;
  }
  S.FailsBelowZero.push_back(&CB);
  return true;
}

void Analyzer::noteIntCheck(Instruction &I, unsigned Slot, bool Exact, uint64_t Value) {
  if (!I.getType()->isIntegerTy())
    return;
  S.Facts[&I] = ConstantInt::get(I.getType(), Value);
  Sanctioned[&I] = Sanction::Fact;
  IntChecks.push_back({&I, Slot, Exact});
}

// PyPy's PyLong_CheckExact(op) is `op->ob_type == &PyPyLong_Type` and its
// PyLong_Check(op) `(op->ob_type->tp_flags & Py_TPFLAGS_LONG_SUBCLASS) != 0`:
// loads, not calls. Of an argument object, the compare and the masked flags
// are facts as the calls are; the loads then feed nothing the core needs.
void Analyzer::collectInlineTypeChecks() {
  std::optional<ObjectLayout> Layout = objectLayout(*F.getParent());
  if (!Layout)
    return;
  auto OffsetOf = [&](Value *V, Value *&Base) {
    APInt Off(DL.getIndexTypeSizeInBits(V->getType()), 0);
    Base = V->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
    return Off.isNegative() ? ~0ULL : Off.getZExtValue();
  };
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *TypeRead = dyn_cast<LoadInst>(&I);
      Value *Obj = nullptr;
      if (!TypeRead || !TypeRead->isSimple() || !TypeRead->getType()->isPointerTy() ||
          OffsetOf(TypeRead->getPointerOperand(), Obj) != Layout->TypeOffset || !SlotOf.count(Obj))
        continue;
      unsigned Slot = SlotOf[Obj];
      for (User *U : TypeRead->users()) {
        if (auto *Cmp = dyn_cast<ICmpInst>(U); Cmp && Cmp->isEquality()) {
          auto *GV = dyn_cast<GlobalValue>(Cmp->getOperand(Cmp->getOperand(0) == TypeRead)->stripPointerCasts());
          if (GV && isLongTypeObject(GV->getName()))
            noteIntCheck(*Cmp, Slot, /*Exact=*/true, Cmp->getPredicate() == ICmpInst::ICMP_EQ);
          continue;
        }
        // The flags: a load at tp_flags of this type, masked by the bit.
        for (User *V : U->users()) {
          auto *FlagsRead = dyn_cast<LoadInst>(V);
          Value *Type = nullptr;
          if (!FlagsRead || !FlagsRead->isSimple() || !FlagsRead->getType()->isIntegerTy(64) ||
              OffsetOf(FlagsRead->getPointerOperand(), Type) != Layout->FlagsOffset ||
              Type != TypeRead)
            continue;
          for (User *W : FlagsRead->users()) {
            auto *Mask = dyn_cast<BinaryOperator>(W);
            auto *Bit = Mask ? dyn_cast<ConstantInt>(Mask->getOperand(1)) : nullptr;
            if (Mask && Mask->getOpcode() == Instruction::And && Bit &&
                Bit->getZExtValue() == longSubclassFlag())
              noteIntCheck(*Mask, Slot, /*Exact=*/false, longSubclassFlag());
          }
        }
      }
    }
}

// A core's caller passes a value of the parameter's kind, which stands for
// its box: an exact int for an integer kind, a bool for _Bool, a float for
// double. The check is true of the first two (PyLong_CheckExact of the
// first only); a wrapper that checks a float argument for an int would
// refuse the very objects the record promises it takes.
std::optional<Refusal> Analyzer::checkIntChecks(const FactPropagation &FP) const {
  for (const IntCheckSite &C : IntChecks) {
    if (!FP.executes(*C.Call) || C.Slot >= SlotKinds.size() || !SlotKinds[C.Slot])
      continue;
    ValueKind K = *SlotKinds[C.Slot];
    bool Holds = !isFloatingPoint(K) && !(C.Exact && K == ValueKind::Bool);
    if (!Holds)
      return refuse("IntCheckOfNonInt", "checks that argument " + Twine(C.Slot + 1) +
                                            " is an int, but unboxes it as " + cSpelling(K));
  }
  return std::nullopt;
}

// Only the unboxers that run matter: posix's _Py_Uid_Converter unboxes its
// argument as unsigned long too, on a path (past LONG_MAX) no core takes.
std::optional<Refusal> Analyzer::settleSlotKinds(const FactPropagation &FP) {
  for (const SlotUse &U : SlotUses) {
    if (!FP.executes(*U.Site))
      continue;
    if (SlotKinds.size() <= U.Slot)
      SlotKinds.resize(U.Slot + 1);
    std::optional<ValueKind> &Known = SlotKinds[U.Slot];
    if (Known && *Known != U.Kind)
      return refuse("ConflictingUnboxers", "argument " + Twine(U.Slot + 1) +
                                               " is unboxed both as " + cSpelling(*Known) +
                                               " and as " + cSpelling(U.Kind));
    Known = U.Kind;
  }
  erase_if(S.Unboxes, [&](const UnboxSite &U) { return !FP.executes(*U.Call); });
  erase_if(S.Parses, [&](const ParseSite &P) { return !FP.executes(*P.Call); });
  return std::nullopt;
}

// The reads of PyLong_AsLongAndOverflow's flag, when they can only see what
// such calls wrote: a local int whose address goes nowhere else, written by
// no other code, each read after a call. In a core they read 0.
bool Analyzer::overflowFlagReads(CallBase &CB, SmallVectorImpl<LoadInst *> &Reads) {
  auto *Flag = dyn_cast<AllocaInst>(CB.getArgOperand(1)->stripPointerCasts());
  if (!Flag || Flag->getFunction() != &F || Flag->isArrayAllocation())
    return false;
  SmallVector<CallBase *, 2> Writers;
  for (User *U : Flag->users()) {
    auto *I = dyn_cast<Instruction>(U);
    if (auto *L = dyn_cast_or_null<LoadInst>(I); L && L->isSimple() && L->getType()->isIntegerTy()) {
      Reads.push_back(L);
      continue;
    }
    auto *Call = dyn_cast_or_null<CallBase>(I);
    if (!Call)
      return false; // stored, or its address taken
    if (Call->isLifetimeStartOrEnd())
      continue;
    const BoundaryPrimitive *P = calledPrimitive(Call);
    if (!P || P->Role != PrimitiveRole::UnboxOrOverflow || Call->arg_size() != 2 ||
        Call->getArgOperand(0) == Flag || Call->getArgOperand(1)->stripPointerCasts() != Flag)
      return false;
    Writers.push_back(Call);
  }
  DominatorTree DT(F);
  return all_of(Reads, [&](LoadInst *L) {
    return any_of(Writers, [&](CallBase *W) { return DT.dominates(W, L); });
  });
}

// PyFloat_CheckExact(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o): both
// arms yield o's value, so the core may take the PyFloat_AsDouble arm. The
// shape is checked exactly: the fast arm only reads the float and rejoins
// where every phi merges equal values or the two readings of o.
bool Analyzer::isFloatFastPath(CallBase &Check, Value *Obj) const {
  Value *Cond = &Check;
  if (Check.hasOneUse())
    if (auto *Cmp = dyn_cast<ICmpInst>(Check.user_back()))
      if (Cmp->getPredicate() == ICmpInst::ICMP_NE && isZeroConstant(Cmp->getOperand(1)))
        Cond = Cmp;
  if (!Cond->hasOneUse())
    return false;
  auto *Br = dyn_cast<BranchInst>(Cond->user_back());
  if (!Br || !Br->isConditional() || Br->getCondition() != Cond)
    return false;
  BasicBlock *Fast = Br->getSuccessor(0);
  if (Fast == Br->getSuccessor(1) || !Fast->getSinglePredecessor())
    return false;
  LoadInst *Read = nullptr;
  for (Instruction &I : *Fast) {
    if (ArrayReads.count(&I))
      continue; // Argument Clinic reads args[k] again
    if (auto *L = dyn_cast<LoadInst>(&I)) {
      int64_t Off;
      if (Read || !L->isSimple() || !L->getType()->isDoubleTy() ||
          !sameArgument(GetPointerBaseWithConstantOffset(L->getPointerOperand(), Off, DL), Obj))
        return false;
      Read = L;
    } else if (!isa<GetElementPtrInst>(I) && !I.isTerminator()) {
      return false;
    }
  }
  auto *Jump = dyn_cast<BranchInst>(Fast->getTerminator());
  if (!Read || !Jump || Jump->isConditional())
    return false;
  BasicBlock *Merge = Jump->getSuccessor(0);
  // Every other way into the merge carries the slow arm's reading of o (Argument
  // Clinic checks it for an error first, so there may be several such edges).
  for (PHINode &Phi : Merge->phis()) {
    Value *FromFast = Phi.getIncomingValueForBlock(Fast);
    for (unsigned K = 0, E = Phi.getNumIncomingValues(); K != E; ++K) {
      Value *FromSlow = Phi.getIncomingValue(K);
      if (Phi.getIncomingBlock(K) == Fast || FromSlow == FromFast)
        continue;
      auto *Slow = dyn_cast<CallBase>(FromSlow);
      const BoundaryPrimitive *P = calledPrimitive(FromSlow);
      if (FromFast != Read || !P || !isUnboxer(P->Role) ||
          P->Kind != ValueKind::Double || !sameArgument(Slow->getArgOperand(0), Obj))
        return false;
    }
  }
  return true;
}

std::optional<Refusal> Analyzer::visitPrimitive(CallBase &CB, const BoundaryPrimitive &P) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  switch (P.Role) {
  case PrimitiveRole::Unbox:
  case PrimitiveRole::UnboxOrOverflow:
  case PrimitiveRole::UnboxOfNonNegative: {
    auto It = SlotOf.find(Arg(0));
    if (It == SlotOf.end())
      return std::nullopt; // unboxes something else: refused if executed
    Type *T = CB.getType();
    if (T != abiType(P.Kind, CB.getContext()) && !(P.Kind == ValueKind::Bool && T->isIntegerTy()))
      return refuse("UnexpectedType", "'" + Name + "' returns an unexpected IR type");
    if (P.Role == PrimitiveRole::UnboxOrOverflow) {
      SmallVector<LoadInst *, 2> Reads;
      if (CB.arg_size() != 2 || !overflowFlagReads(CB, Reads)) {
        Problems[&CB] = refuse("OverflowFlagEscapes", "'" + Name +
                                                         "' reports overflow where the analysis "
                                                         "cannot follow it");
        return std::nullopt;
      }
      for (LoadInst *L : Reads)
        S.Facts[L] = ConstantInt::get(L->getType(), 0);
    }
    if (P.Role == PrimitiveRole::UnboxOfNonNegative && !noteFailsBelowZero(CB, Name))
      return std::nullopt;
    noteSlotKind(CB, It->second, P.Kind);
    S.Unboxes.push_back({&CB, It->second});
    Sanctioned[&CB] = Sanction::Unbox;
    // PyObject_IsTrue's -1 (error) cannot happen in the core: there the
    // value is a _Bool widened to int.
    if (P.Kind == ValueKind::Bool && !T->isIntegerTy(1))
      Models[&CB] = newBoolModel(T);
    return std::nullopt;
  }
  case PrimitiveRole::ParseTuple:
  case PrimitiveRole::ParseTupleAndKeywords:
  case PrimitiveRole::ParseStack:
  case PrimitiveRole::ParseStackAndKeywords:
  case PrimitiveRole::ParseObject: {
    // (args, fmt, outs...), (args, kwargs, fmt, kwlist, outs...),
    // (args, nargs, fmt, outs...) of METH_FASTCALL, or (arg, fmt, out) of
    // METH_O, where one format unit converts the object itself.
    bool Keywords = P.Role == PrimitiveRole::ParseTupleAndKeywords;
    unsigned FormatArg = 1, FirstOut = 2;
    bool Ours = Arg(0) == Second;
    // The keywords argument: the wrapper's own, or the NULL the draft has
    // for it (buildDraft).
    auto IsKeywords = [&](Value *V) {
      return HasKeywords && (V == F.getArg(F.arg_size() - 1) || isa_and_nonnull<ConstantPointerNull>(V));
    };
    switch (P.Role) {
    case PrimitiveRole::ParseTupleAndKeywords:
      FormatArg = 2, FirstOut = 4;
      Ours &= S.Conv == Convention::VarArgs && IsKeywords(Arg(1));
      break;
    case PrimitiveRole::ParseStack:
      FormatArg = 2, FirstOut = 3;
      Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs;
      break;
    case PrimitiveRole::ParseStackAndKeywords:
      // (args, nargs, kwnames, &_parser, outs...): Argument Clinic's parser
      // holds the format and the keywords.
      FormatArg = 3, FirstOut = 4;
      Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs && IsKeywords(Arg(2));
      break;
    case PrimitiveRole::ParseObject:
      Ours &= S.Conv == Convention::O;
      break;
    default:
      Ours &= S.Conv == Convention::VarArgs;
    }
    Value *FormatPtr = Arg(FormatArg);
    if (P.Role == PrimitiveRole::ParseStackAndKeywords) {
      auto [Format, Keywords] = clinicParser(FormatPtr);
      FormatPtr = Format;
      if (Keywords)
        ClinicKeywords = Keywords;
    }
    StringRef Format;
    if (!Ours || !FormatPtr || !getConstantStringInfo(FormatPtr, Format))
      return std::nullopt;
    if (!S.Parses.empty()) {
      Problems[&CB] = refuse("ParsesTwice", "parses its arguments more than once");
      return std::nullopt;
    }
    ParseSite Site{&CB, {}, {}};
    StringRef Codes = Format.take_until([](char C) { return C == ':' || C == ';'; });
    // '|' starts the optional arguments: a core takes them all (full arity).
    std::string Required = Codes.str();
    Required.erase(std::remove(Required.begin(), Required.end(), '|'), Required.end());
    Codes = Required;
    // One unit per argument: a numeric code, or "O&" with a converter of the
    // table (an out function and its output: two varargs).
    SmallVector<std::optional<ValueKind>, 4> Units;
    unsigned NumOutputs = 0;
    for (size_t I = 0; I != Codes.size(); ++I) {
      bool Converted = Codes[I] == 'O' && I + 1 != Codes.size() && Codes[I + 1] == '&';
      if (!Converted && !parseTupleCodeKind(Codes[I])) {
        Problems[&CB] = refuse("UnsupportedFormat", "'" + Name + "' format \"" + Format +
                                                        "\" has code '" + Twine(Codes[I]) +
                                                        "', which does not unbox a C scalar");
        return std::nullopt;
      }
      Units.push_back(Converted ? std::nullopt : parseTupleCodeKind(Codes[I]));
      NumOutputs += Converted ? 2 : 1;
      I += Converted;
    }
    if (Keywords)
      S.ParamNames = stringArray(Arg(3), Units.size());
    if (P.Role == PrimitiveRole::ParseObject && Units.size() != 1)
      return refuse("UnexpectedSignature", "'" + Name + "' format \"" + Format +
                                               "\" parses a tuple, but METH_O passes one object");
    if (Units.size() > PYUNBOX_MAX_PARAMS || CB.arg_size() != FirstOut + NumOutputs)
      return refuse("UnexpectedSignature", "'" + Name + "' has " +
                                               Twine(CB.arg_size() - FirstOut) +
                                               " outputs for format \"" + Format + "\"");
    unsigned Out = FirstOut;
    for (std::optional<ValueKind> Unit : Units) {
      unsigned Slot = Site.OutPtrs.size();
      ValueKind K;
      if (Unit) {
        K = *Unit;
      } else {
        auto *Conv = dyn_cast<Function>(CB.getArgOperand(Out++)->stripPointerCasts());
        const BoundaryPrimitive *CP = Conv ? lookupPrimitive(Conv->getName()) : nullptr;
        if (!CP || CP->Role != PrimitiveRole::Converter) {
          Problems[&CB] = refuse("UnsupportedFormat",
                                 "'" + Name + "' format \"" + Format + "\" converts argument " +
                                     Twine(Slot + 1) + " with " +
                                     (Conv ? "'" + Conv->getName() + "'" : Twine("a pointer")) +
                                     ", which is not known to unbox a C scalar");
          return std::nullopt;
        }
        K = CP->Kind;
      }
      Site.OutPtrs.push_back(CB.getArgOperand(Out++));
      // 'p' stores an int; every other code stores its own C type.
      Type *Stored = K == ValueKind::Bool ? Type::getInt32Ty(CB.getContext())
                                          : abiType(K, CB.getContext());
      Site.StoredTypes.push_back(Stored);
      noteSlotKind(CB, Slot, K);
    }
    if (S.Conv == Convention::FastCall && NumSlots != 0) {
      Problems[&CB] = refuse("ParsesTwice", "both parses its argument array and reads from it");
      return std::nullopt;
    }
    NumSlots = Units.size();
    FormatParsed = true;
    S.Parses.push_back(std::move(Site));
    S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
    Sanctioned[&CB] = Sanction::Parse;
    return std::nullopt;
  }
  case PrimitiveRole::UnpackKeywords:
    // Runs only for calls with keywords or a bad count (the fast path of
    // Clinic's macro returns args): refused if executable. Its parser names
    // the parameters.
    if (Constant *Keywords = clinicParser(Arg(4)).second)
      ClinicKeywords = Keywords;
    return std::nullopt;
  case PrimitiveRole::CheckPositional: {
    auto *Min = dyn_cast_or_null<ConstantInt>(Arg(2));
    auto *Max = dyn_cast_or_null<ConstantInt>(Arg(3));
    if (NArgs && Arg(1) == NArgs && Min && Max && CB.getType()->isIntegerTy()) {
      PositionalChecks.push_back({&CB, Min->getZExtValue(), Max->getZExtValue()});
      Sanctioned[&CB] = Sanction::Fact;
    }
    return std::nullopt;
  }
  case PrimitiveRole::ErrOccurred:
    if (CB.getType()->isPointerTy()) {
      S.Facts[&CB] = ConstantPointerNull::get(cast<PointerType>(CB.getType()));
      Sanctioned[&CB] = Sanction::Fact;
    }
    return std::nullopt;
  case PrimitiveRole::XDecRef:
    // With the interpreter, reference counting stays as it is, and the core
    // releases the singleton it would have returned (Outliner).
    if (InterpMode)
      return std::nullopt;
    // Cython's __Pyx_XDECREF(r) of a still-NULL result does nothing.
    if (Arg(0) && isa<ConstantPointerNull>(Arg(0))) {
      S.RefcountOps.push_back(&CB);
      Sanctioned[&CB] = Sanction::Refcount;
      return std::nullopt;
    }
    [[fallthrough]];
  case PrimitiveRole::DecRef:
  case PrimitiveRole::IncRef:
    // The reference _PyNumber_Index gave: neither exists in the core.
    if (Arg(0) && IndexResults.count(Arg(0))) {
      S.RefcountOps.push_back(&CB);
      Sanctioned[&CB] = Sanction::Refcount;
      return std::nullopt;
    }
    if (Arg(0) && singletonOf(Arg(0)) && !InterpMode) {
      S.RefcountOps.push_back(&CB);
      Sanctioned[&CB] = Sanction::Refcount;
    }
    return std::nullopt;
  case PrimitiveRole::NewRef:
    if (Arg(0) && singletonOf(Arg(0)) && CB.getType() == Arg(0)->getType()) {
      if (!InterpMode)
        S.NewRefs.push_back(&CB); // gone: its value is its argument
      Sanctioned[&CB] = Sanction::NewRef;
    }
    return std::nullopt;
  case PrimitiveRole::TypeCheck: {
    Value *Obj = Arg(0);
    if (Obj && SlotOf.count(Obj) && Arg(1) && isFloatType(Arg(1)) &&
        CB.getType()->isIntegerTy() && isFloatFastPath(CB, Obj)) {
      S.Facts[&CB] = ConstantInt::get(CB.getType(), 0);
      Sanctioned[&CB] = Sanction::Fact;
    }
    // PyLong_CheckExact(arg)
    auto *GV = Arg(1) ? dyn_cast<GlobalValue>(Arg(1)->stripPointerCasts()) : nullptr;
    if (Obj && SlotOf.count(Obj) && GV && isLongTypeObject(GV->getName()))
      noteIntCheck(CB, SlotOf[Obj], /*Exact=*/true);
    return std::nullopt;
  }
  case PrimitiveRole::IntCheck:
    if (Arg(0) && SlotOf.count(Arg(0)))
      noteIntCheck(CB, SlotOf[Arg(0)], /*Exact=*/false);
    return std::nullopt;
  case PrimitiveRole::Box:
  case PrimitiveRole::BoolFromLong: {
    // With the interpreter, another box is an object the core uses (appends
    // to a list...): it stays a call, which may fail.
    if (InterpMode && !usedOnlyAsResult(CB))
      return std::nullopt;
    Value *X = Arg(0);
    bool TypeOk = X && CB.arg_size() == 1 &&
                  (P.Role == PrimitiveRole::BoolFromLong ? X->getType()->isIntegerTy()
                                                         : X->getType() == abiType(P.Kind, CB.getContext()));
    if (!TypeOk)
      return refuse("UnexpectedType", "'" + Name + "' is called with an unexpected IR type");
    S.Leaves[&CB] = {0, nullptr, P.Role == PrimitiveRole::BoolFromLong};
    BoxKinds[&CB] = P.Kind;
    Sanctioned[&CB] = Sanction::Box;
    return std::nullopt;
  }
  case PrimitiveRole::BuildValue: {
    StringRef Format;
    std::optional<ValueKind> K;
    if (Arg(0) && getConstantStringInfo(Arg(0), Format) && Format.size() == 1)
      K = buildValueCodeKind(Format[0]);
    if (!K || CB.arg_size() != 2 || Arg(1)->getType() != abiType(*K, CB.getContext())) {
      if (InterpMode)
        return std::nullopt; // an object for the core's own use, unless returned
      Problems[&CB] = refuse("UnsupportedBuildValue",
                             "'" + Name + "' builds \"" + Format + "\", not a single C scalar");
      return std::nullopt;
    }
    if (InterpMode && !usedOnlyAsResult(CB))
      return std::nullopt;
    S.Leaves[&CB] = {1, nullptr, false};
    BoxKinds[&CB] = *K;
    Sanctioned[&CB] = Sanction::Box;
    return std::nullopt;
  }
  case PrimitiveRole::RaisesError:
    // Where the wrapper raises, the core bails (execution leaves it here),
    // or, under CPython's convention, raises just the same.
    if (PyErrMode) {
      Sanctioned[&CB] = Sanction::KeepRaise;
      return std::nullopt;
    }
    S.BailPoints.push_back(&CB);
    Sanctioned[&CB] = Sanction::Bail;
    return std::nullopt;
  case PrimitiveRole::Converter:
  case PrimitiveRole::ConverterOfNonNegative: {
    auto It = SlotOf.find(Arg(0));
    if (It == SlotOf.end() || CB.arg_size() != 2 || !CB.getType()->isIntegerTy())
      return std::nullopt; // converts something else: refused if executed
    if (P.Role == PrimitiveRole::ConverterOfNonNegative && !noteFailsBelowZero(CB, Name))
      return std::nullopt;
    noteSlotKind(CB, It->second, P.Kind);
    ParseSite Site{&CB, {Arg(1)}, {abiType(P.Kind, CB.getContext())}, It->second};
    S.Parses.push_back(std::move(Site));
    // Past a bail for a negative value it has succeeded; a core that raises
    // itself may redo a failure (Outliner), with whatever result that has.
    if (!PyErrMode || P.Role == PrimitiveRole::Converter)
      S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
    Sanctioned[&CB] = Sanction::Parse;
    return std::nullopt;
  }
  case PrimitiveRole::IndexOf: {
    auto It = SlotOf.find(Arg(0));
    if (It == SlotOf.end() || CB.getType() != Arg(0)->getType())
      return std::nullopt;
    SlotOf[&CB] = It->second;
    IndexResults.insert(&CB);
    S.ArgumentReads.push_back(&CB);
    Sanctioned[&CB] = Sanction::Fact;
    return std::nullopt;
  }
  case PrimitiveRole::TupleSize:
    if (S.Conv == Convention::VarArgs && Arg(0) == Second && CB.getType()->isIntegerTy()) {
      TupleSizes.push_back(&CB);
      Sanctioned[&CB] = Sanction::Fact;
    }
    return std::nullopt;
  case PrimitiveRole::TupleItem: {
    auto *Index = dyn_cast_or_null<ConstantInt>(Arg(1));
    if (S.Conv == Convention::VarArgs && Arg(0) == Second && Index &&
        Index->getValue().ult(PYUNBOX_MAX_PARAMS) && CB.getType()->isPointerTy()) {
      unsigned Slot = Index->getZExtValue();
      SlotOf[&CB] = Slot;
      NumSlots = std::max(NumSlots, Slot + 1);
      ReadsTupleItems = true;
      S.ArgumentReads.push_back(&CB);
      Sanctioned[&CB] = Sanction::Fact;
    }
    return std::nullopt;
  }
  case PrimitiveRole::TypeHasFeature: {
    // PyTuple_Check(args): PyType_HasFeature(Py_TYPE(args), TUPLE_SUBCLASS).
    auto *TypeOf = dyn_cast_or_null<CallBase>(Arg(0));
    const BoundaryPrimitive *G = TypeOf ? calledPrimitive(TypeOf) : nullptr;
    auto *Flags = dyn_cast_or_null<ConstantInt>(Arg(1));
    if (!G || G->Role != PrimitiveRole::TypeOf || TypeOf->arg_size() != 1 || !Flags ||
        Flags->isZero())
      return std::nullopt;
    Value *Obj = TypeOf->getArgOperand(0);
    if (S.Conv == Convention::VarArgs && Obj == Second &&
        (Flags->getZExtValue() & ~tupleSubclassFlag()) == 0 && CB.getType()->isIntegerTy()) {
      S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
      Sanctioned[&CB] = Sanction::Fact;
    }
    // PyLong_Check(arg): PyType_HasFeature(Py_TYPE(arg), LONG_SUBCLASS).
    if (SlotOf.count(Obj) && (Flags->getZExtValue() & ~longSubclassFlag()) == 0)
      noteIntCheck(CB, SlotOf[Obj], /*Exact=*/false);
    return std::nullopt;
  }
  case PrimitiveRole::ReleaseGil: {
    // Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS: the wrapper lets other
    // threads run meanwhile; a core has no GIL to let go of, and a caller
    // holding one is as free to keep it as any C call is. Both go when the
    // thread state goes nowhere else.
    bool Paired = all_of(CB.users(), [](User *U) {
      const BoundaryPrimitive *R = calledPrimitive(U);
      return R && R->Role == PrimitiveRole::AcquireGil && cast<CallBase>(U)->arg_size() == 1;
    });
    if (!Paired || CB.arg_size() != 0)
      return std::nullopt;
    for (User *U : CB.users()) {
      Sanctioned[cast<Instruction>(U)] = Sanction::Gil;
      S.GilCalls.push_back(cast<CallBase>(U));
    }
    Sanctioned[&CB] = Sanction::Gil;
    S.GilCalls.push_back(&CB); // after its users: erased in order
    return std::nullopt;
  }
  case PrimitiveRole::AcquireGil:
  case PrimitiveRole::ModuleCreate:
  case PrimitiveRole::ReadsObject:
  case PrimitiveRole::TypeOf:
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Refusal> Analyzer::findBoundary() {
  for (BasicBlock &BB : F) {
    for (Instruction &I : BB) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (const BoundaryPrimitive *P = calledPrimitive(CB))
          if (auto R = visitPrimitive(*CB, *P))
            return R;
        continue;
      }
      // Inline reference counting of None/True/False (PyPy's Py_INCREF is a
      // macro): the core returns no object, so it has nothing to count.
      Value *Ptr = getLoadStorePointerOperand(&I);
      if (Ptr && singletonOf(Ptr) && (isa<LoadInst>(I) || isa<StoreInst>(I)) &&
          I.getAccessType()->isIntegerTy() && !InterpMode) {
        Sanctioned[&I] = Sanction::Refcount;
        if (isa<StoreInst>(I))
          S.RefcountOps.push_back(&I);
      }
    }
  }
  collectInlineTypeChecks();
  if (NArgs)
    S.Facts[NArgs] = ConstantInt::get(NArgs->getType(), NumSlots);
  if (ReadsTupleItems && FormatParsed)
    return refuse("ParsesTwice", "both parses its argument tuple and reads its items");
  for (Value *Size : TupleSizes)
    S.Facts[Size] = ConstantInt::get(Size->getType(), NumSlots);
  for (const PendingCheck &C : PositionalChecks)
    S.Facts[C.Call] = ConstantInt::get(C.Call->getType(), C.Min <= NumSlots && NumSlots <= C.Max);
  return std::nullopt;
}

void Analyzer::collectUnneeded(const FactPropagation &FP) {
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
    return RaiseToo && (BailOnly.count(UI) || Role(UI) == Sanction::KeepRaise);
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock &BB : F)
      for (Instruction &I : reverse(BB)) {
        if (Unneeded.count(&I) || !FP.executes(I) || I.isTerminator() || isa<PHINode>(I))
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
          Changed = true;
        } else if (!BailOnly.count(&I) &&
                   all_of(I.users(), [&](User *U) { return UseIsFree(&I, U, true); })) {
          BailOnly.insert(&I);
          Changed = true;
        }
      }
  }
}

// Cython 3 gathers its arguments in values[] (a phi once SROA has run): a
// phi whose executable incomings all are argument k is argument k, and an
// unboxer of it is an unbox site.
std::optional<Refusal> Analyzer::followSlotsThroughPhis(const FactPropagation &FP,
                                                        bool &NewFacts) {
  size_t SlotsBefore = SlotOf.size();
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock &BB : F) {
      if (!FP.isExecutable(&BB))
        continue;
      for (PHINode &Phi : BB.phis()) {
        if (SlotOf.count(&Phi) || !Phi.getType()->isPointerTy())
          continue;
        std::optional<unsigned> Slot;
        bool Same = true;
        for (unsigned K = 0; K != Phi.getNumIncomingValues() && Same; ++K) {
          if (!FP.isExecutableEdge(Phi.getIncomingBlock(K), &BB))
            continue;
          auto It = SlotOf.find(Phi.getIncomingValue(K));
          Same = It != SlotOf.end() && (!Slot || *Slot == It->second);
          if (Same)
            Slot = It->second;
        }
        if (Same && Slot) {
          SlotOf[&Phi] = *Slot;
          Changed = true;
        }
      }
    }
  }
  size_t FactsBefore = S.Facts.size();
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      auto *CB = dyn_cast<CallBase>(&I);
      const BoundaryPrimitive *P = calledPrimitive(&I);
      bool OfArgument = P && (isUnboxer(P->Role) || P->Role == PrimitiveRole::TypeCheck ||
                              P->Role == PrimitiveRole::Converter ||
                              P->Role == PrimitiveRole::ConverterOfNonNegative);
      if (OfArgument && !Sanctioned.count(CB) && FP.executes(*CB) && CB->arg_size() &&
          SlotOf.count(CB->getArgOperand(0)))
        if (auto R = visitPrimitive(*CB, *P))
          return R;
    }
  // A float fast path of such an argument adds a fact (its type check), and
  // a phi found to be an argument is not NULL (Cython's `if (values[1])` of
  // an argument with a default): the propagation runs again with them.
  NewFacts = S.Facts.size() != FactsBefore || SlotOf.size() != SlotsBefore;
  return std::nullopt;
}

std::optional<Refusal> Analyzer::checkOperand(Instruction &I, Value *Op) {
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
    return refuse("UsesSelf", "uses self (" + describe(&I) + ")");
  // Argument objects and the array may be tested against NULL (assert(arg),
  // Clinic's unpack macro): CPython never passes NULL, so the test folds.
  auto *NullTest = dyn_cast<ICmpInst>(&I);
  bool IsNullTest = NullTest && NullTest->isEquality() &&
                    isa<ConstantPointerNull>(NullTest->getOperand(NullTest->getOperand(0) == Op));
  if (S.Conv == Convention::NoArgs && Op == Second)
    return refuse("UsesArgument", "reads the unused argument of a METH_NOARGS function");
  if (S.Conv == Convention::VarArgs && Op == Second && !Allowed({Sanction::Parse, Sanction::Fact}) &&
      !ArrayReads.count(&I) && !IsNullTest)
    return refuse("ArgumentEscapes", "uses its argument tuple for more than reading arguments (" +
                                         describe(&I) + ")");
  if (S.Conv == Convention::FastCall && (Op == Second || ArrayAliases.count(Op)) &&
      !ArrayReads.count(&I) && !IsNullTest && !Allowed({Sanction::Parse}))
    return refuse("ArgumentEscapes", "uses its argument array for more than reading arguments (" +
                                         describe(&I) + ")");
  auto Slot = SlotOf.find(Op);
  auto Merge = SlotOf.find(&I); // a phi that is the same argument
  bool SameArgument = Slot != SlotOf.end() && Merge != SlotOf.end() && Slot->second == Merge->second;
  if (Slot != SlotOf.end() &&
      !Allowed({Sanction::Unbox, Sanction::Fact, Sanction::Parse, Sanction::Refcount}) && !IsNullTest &&
      !SameArgument)
    return refuse("ArgumentEscapes", "argument " + Twine(Slot->second + 1) +
                                         " is used for more than unboxing (" + describe(&I) + ")");
  if (auto *GV = dyn_cast<GlobalValue>(Op->stripPointerCasts())) {
    bool IsCallee = isa<CallBase>(I) && cast<CallBase>(I).getCalledOperand() == Op;
    if (!IsCallee && !ForRaise && !InterpMode && isInterpreterSymbol(GV->getName()) &&
        !Sanctioned.count(&I) &&
        !(singletonOf(GV) && (isa<PHINode>(I) || isa<SelectInst>(I) || isa<ReturnInst>(I))))
      return refuse("UsesInterpreterState", "uses the interpreter's '" + GV->getName() + "'");
  }
  return std::nullopt;
}

std::optional<Refusal> Analyzer::checkCall(CallBase &CB) {
  if (isa<IntrinsicInst>(CB) || Unneeded.count(&CB) || (BailOnly.count(&CB) && !PyErrMode))
    return std::nullopt;
  if (CB.isInlineAsm())
    return refuse("InlineAsm", "contains inline assembly");
  const Function *Callee = CB.getCalledFunction();
  if (InterpMode)
    return std::nullopt; // with the GIL, as the wrapper: its operands are checked
  if (!Callee)
    return refuse("IndirectCall", "calls through a function pointer, which may reach the interpreter");
  StringRef Name = Callee->getName();
  if (Sanctioned.count(&CB))
    return std::nullopt; // a boundary call the table gives a meaning
  if (isInterpreterSymbol(Name)) {
    const BoundaryPrimitive *P = lookupPrimitive(Name);
    if (P && isUnboxer(P->Role))
      return refuse("UsesInterpreter", "calls '" + Name + "' on an object that is not an argument");
    return refuse("UsesInterpreter", "calls '" + Name + "' for well-typed arguments");
  }
  CalleeVerdict V = Callees.classify(*Callee);
  if (V.Class == CalleeClass::UsesInterpreter)
    return refuse("CallsInterpreterHelper",
                  "calls '" + Name + "', which uses the interpreter ('" + V.Culprit + "')");
  if (V.Class == CalleeClass::Unknown)
    return refuse("CallsUnknownFunction", "calls '" + Name + "', which reaches " +
                                              (V.Culprit == Name ? "code outside this module"
                                                                 : "'" + V.Culprit + "'") +
                                              " that may use the interpreter");
  return std::nullopt;
}

std::optional<Refusal> Analyzer::checkExecutableCode(const FactPropagation &FP) {
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
        return refuse("UnsupportedControlFlow", "has control flow the pass does not model (" +
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

// Collect the leaves of a returned object through phis and selects, over
// edges that execute; the scalar they box is what the core returns.
std::optional<Refusal> Analyzer::walkReturned(Value *V, const FactPropagation &FP,
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
      Value *One = CB->getArgOperand(0);
      auto R = walkReturned(One, FP, Network, Kinds);
      if (auto Leaf = S.Leaves.find(One); Leaf != S.Leaves.end())
        S.Leaves[CB] = Leaf->second; // the call stays (InterpMode)
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
      return std::nullopt;
    }
  }
  if (auto One = singletonOf(V)) {
    Kinds.push_back(*One == Singleton::None ? ValueKind::Void : ValueKind::Bool);
    if (*One != Singleton::None)
      S.Leaves[V] = {0, ConstantInt::getBool(F.getContext(), *One == Singleton::True), false};
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
  return refuse("ReturnsObject", "returns an object that is not a boxed C scalar (" + describe(V) + ")");
}

std::optional<Refusal> Analyzer::checkReturns(const FactPropagation &FP) {
  if (S.Returns.empty())
    return refuse("NoNormalReturn", "never returns normally for well-typed arguments");
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
               ? refuse("NoNormalReturn", "never returns normally for well-typed arguments")
               : refuse("ReturnsObject", "returns only undefined objects");
  unifySignedness(Kinds);
  for (ValueKind K : Kinds)
    if (K != Kinds.front())
      return refuse("MixedReturns", "returns both " + cSpelling(Kinds.front()) + " and " +
                                        cSpelling(K) + " results");
  S.Return = Kinds.front();
  // A box whose object is not returned would stay in the core and allocate.
  for (auto &[I, Role] : Sanctioned)
    if (Role == Sanction::Box && FP.isExecutable(I->getParent()) && !Network.count(I))
      return refuse("UnusedBox", "boxes a value it does not return (" + describe(I) + ")");
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
        continue; // reference counting of a singleton
      return refuse("BoxedResultEscapes", "uses its result object for more than returning it (" +
                                              describe(UI) + ")");
    }
  }
  return std::nullopt;
}

// PyLong_FromUnsignedLong(x) of an x known to be below 2^63 makes the int
// PyLong_FromLong(x) makes: beside signed boxes of the same width, such boxes
// are signed ones (posix's _PyLong_FromUid boxes -1 signed, a uid unsigned).
void Analyzer::unifySignedness(SmallVectorImpl<ValueKind> &Kinds) {
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

// A bail hands the call back to the wrapper, which runs again from the start:
// anything observable the core did before bailing would happen twice.
std::optional<Refusal> Analyzer::checkNothingObservedBeforeBails(const FactPropagation &FP) {
  if (S.Errors != PYUNBOX_ERRORS_BAIL)
    return std::nullopt;
  // Blocks from which a bail can be reached, over executable edges.
  SmallVector<const BasicBlock *, 16> Bails(NullEntries.begin(), NullEntries.end());
  for (CallBase *CB : S.BailPoints)
    Bails.push_back(CB->getParent());
  for (CallBase *CB : S.FailsBelowZero)
    Bails.push_back(CB->getParent());
  for (const BasicBlock *BB : FP.reach(Bails, /*Forward=*/false)) {
    for (const Instruction &I : *BB) {
      if (!FP.executes(I) || I.isTerminator())
        break;
      auto It = Sanctioned.find(const_cast<Instruction *>(&I));
      if (It != Sanctioned.end())
        continue; // gone from the core, or a local store (the parse's outputs)
      if (Effects.mayBeObserved(I))
        return refuse("EffectBeforeRaise",
                      "may raise after changing state that outlives the call (" + describe(&I) +
                          "), so a bail would repeat it");
    }
  }
  return std::nullopt;
}

// Under CPython's convention the core raises for real, so PyErr_Occurred()
// after a raise is no longer known to be NULL: it stays a call there.
void Analyzer::keepErrorChecksAfterRaises() {
  SmallPtrSet<const BasicBlock *, 16> After;
  SmallVector<const BasicBlock *, 8> Work;
  DenseMap<const BasicBlock *, const Instruction *> FirstRaise;
  // With the interpreter, any call the table gives no meaning may raise.
  auto MayRaise = [&](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    if (It != Sanctioned.end())
      return It->second == Sanction::KeepRaise || is_contained(S.FailsBelowZero, &I);
    auto *CB = dyn_cast<CallBase>(&I);
    if (!InterpMode || !CB || isa<IntrinsicInst>(CB))
      return false;
    const Function *Callee = CB->getCalledFunction();
    return !Callee || Callees.classify(*Callee).Class != CalleeClass::Clean;
  };
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (MayRaise(I)) {
        const Instruction *&First = FirstRaise[&BB];
        if (!First || I.comesBefore(First))
          First = &I;
        append_range(Work, successors(&BB));
      }
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (After.insert(BB).second)
      append_range(Work, successors(BB));
  }
  for (auto It = S.Facts.begin(); It != S.Facts.end();) {
    auto *CB = dyn_cast<CallBase>(It->first);
    const BoundaryPrimitive *P = calledPrimitive(It->first);
    const Instruction *Raise = CB ? FirstRaise.lookup(CB->getParent()) : nullptr;
    bool AfterRaise = CB && (After.count(CB->getParent()) || (Raise && Raise->comesBefore(CB)));
    if (P && P->Role == PrimitiveRole::ErrOccurred && AfterRaise) {
      Sanctioned[CB] = Sanction::KeepCall;
      S.Facts.erase(It++);
      continue;
    }
    ++It;
  }
}

// Under CPython's convention a NULL return must come with an exception: every
// path to one passes a raise.
std::optional<Refusal> Analyzer::checkEveryNullIsRaised(const FactPropagation &FP) {
  SmallPtrSet<const BasicBlock *, 16> Clean; // reached with no raise on the way
  SmallVector<const BasicBlock *, 16> Work{&F.getEntryBlock()};
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (!Clean.insert(BB).second)
      continue;
    bool Raises = any_of(*BB, [&](const Instruction &I) {
      auto It = Sanctioned.find(const_cast<Instruction *>(&I));
      return It != Sanctioned.end() && It->second == Sanction::KeepRaise;
    });
    if (Raises)
      continue; // a null entered from here on comes with its exception
    for (const BasicBlock *Succ : successors(BB))
      if (FP.isExecutableEdge(BB, Succ))
        Work.push_back(Succ);
  }
  for (const BasicBlock *BB : NullEntries) {
    bool Raises = any_of(*BB, [&](const Instruction &I) {
      auto It = Sanctioned.find(const_cast<Instruction *>(&I));
      return It != Sanctioned.end() && It->second == Sanction::KeepRaise;
    });
    if (Clean.count(BB) && !Raises)
      return refuse("MayFail", "returns NULL without raising on a path well-typed "
                               "arguments can take, after changing state");
  }
  return std::nullopt;
}

// Under CPython's convention the caller takes a set exception for a raise,
// whatever the core returns; CPython reports a value returned with one set as
// a SystemError. The two agree only if no value is returned after a raise.
std::optional<Refusal> Analyzer::checkNoValueAfterRaise(const FactPropagation &FP) {
  SmallVector<const BasicBlock *, 8> Raises;
  for (auto &[I, Role] : Sanctioned)
    if (Role == Sanction::KeepRaise && FP.executes(*I))
      Raises.push_back(I->getParent());
  auto After = FP.reach(Raises, /*Forward=*/true);
  // A value leaves where a box is made or a singleton enters the network.
  for (CallBase *Box : S.Boxes)
    if (After.count(Box->getParent()))
      return refuse("ValueAfterRaise", "may return a value after raising (" + describe(Box) + ")");
  for (ReturnInst *Ret : S.Returns)
    if (singletonOf(Ret->getReturnValue()) && After.count(Ret->getParent()))
      return refuse("ValueAfterRaise", "may return a value after raising");
  for (BasicBlock &BB : F)
    for (PHINode &Phi : BB.phis())
      for (unsigned K = 0; K != Phi.getNumIncomingValues(); ++K)
        if (singletonOf(Phi.getIncomingValue(K)) && After.count(Phi.getIncomingBlock(K)) &&
            FP.isExecutableEdge(Phi.getIncomingBlock(K), &BB) && Phi.getType()->isPointerTy())
          return refuse("ValueAfterRaise", "may return a value after raising");
  return std::nullopt;
}

AnalysisResult Analyzer::run() {
  auto Fail = [](Refusal R) { return AnalysisResult{std::nullopt, std::move(R)}; };
  if (F.isDeclaration())
    return Fail(refuse("NotDefined", "the wrapper is not defined in this module"));
  if (auto R = decideConvention())
    return Fail(*R);
  if (auto R = checkSignature())
    return Fail(*R);
  collectArgumentSlots();
  if (auto R = findBoundary())
    return Fail(*R);
  if (PyErrMode)
    keepErrorChecksAfterRaises();
  auto NonNull = [this](const Value *V) {
    auto It = Sanctioned.find(const_cast<Instruction *>(dyn_cast<Instruction>(V)));
    // CPython passes a real array whenever there are arguments to read, and
    // Clinic's unpack hands it back (were the unpack call to run, the core
    // would be refused for it).
    if ((V == Second || ArrayAliases.count(V)) && S.Conv == Convention::FastCall && NumSlots > 0)
      return true;
    if (SlotOf.count(const_cast<Value *>(V)))
      return true; // an argument object
    return singletonOf(V).has_value() ||
           (It != Sanctioned.end() && (It->second == Sanction::Box || It->second == Sanction::NewRef));
  };
  auto Stops = [this](const Instruction &I) {
    auto It = Sanctioned.find(const_cast<Instruction *>(&I));
    return It != Sanctioned.end() && It->second == Sanction::Bail;
  };
  // More facts only take edges away, so what the phis were found to be holds.
  std::optional<FactPropagation> Propagation;
  for (bool NewFacts = true; NewFacts;) {
    Propagation.emplace(F, S.Facts, Models, NonNull, Stops);
    if (auto R = followSlotsThroughPhis(*Propagation, NewFacts))
      return Fail(*R);
  }
  const FactPropagation &FP = *Propagation;
  if (auto R = settleSlotKinds(FP))
    return Fail(*R);
  if (auto R = checkIntChecks(FP))
    return Fail(*R);
  // Where args[i] runs, no slot can be told; where it does not (the facts
  // took the arity from the constant reads, none here), the function would
  // seem to fail for every call.
  auto VariableIndex = [&] {
    return refuse("ArgumentIndexNotConstant",
                  "reads its arguments at an index that is not a constant (a loop over "
                  "them whose trip count is not a constant)");
  };
  if (any_of(VariableIndexReads, [&](GetElementPtrInst *GEP) { return FP.executes(*GEP); }))
    return Fail(VariableIndex());
  if (auto R = checkExecutableCode(FP))
    return Fail(*R);
  if (auto R = checkReturns(FP))
    return Fail(VariableIndexReads.empty() || R->Key != "NoNormalReturn" ? *R : VariableIndex());
  // Keep only the bail points that run; they make the core bail.
  erase_if(S.BailPoints, [&](CallBase *CB) { return !FP.executes(*CB); });
  erase_if(S.ArgumentReads, [&](CallBase *CB) { return !FP.executes(*CB); });
  erase_if(S.FailsBelowZero, [&](CallBase *CB) { return !FP.executes(*CB); });
  if (!S.BailPoints.empty() || (!PyErrMode && !S.FailsBelowZero.empty()))
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
    if (Work > MaxInterpreterCoreInstructions)
      return Fail(refuse("LargeInterpreterCore",
                         "uses the interpreter for " + Twine(Work) +
                             " instructions of work (more than " +
                             Twine(MaxInterpreterCoreInstructions) +
                             "): a core would save only the boxing, for a copy of it all"));
  }
  if (NumSlots > PYUNBOX_MAX_PARAMS)
    return Fail(refuse("TooManyArguments", "takes more than " + Twine(PYUNBOX_MAX_PARAMS) + " arguments"));
  if (S.Conv == Convention::VarArgs && S.Parses.empty() && TupleSizes.empty() && !ReadsTupleItems)
    return Fail(refuse("ArgumentsNotParsed", "never parses its argument tuple nor reads its length"));
  for (unsigned K = 0; K != NumSlots; ++K) {
    if (K >= SlotKinds.size() || !SlotKinds[K])
      return Fail(refuse("ArgumentNotUnboxed", "argument " + Twine(K + 1) +
                                                   " is never unboxed to a C scalar"));
    S.Params.push_back(*SlotKinds[K]);
  }
  if (ClinicKeywords && S.ParamNames.empty())
    S.ParamNames = stringArray(ClinicKeywords, NumSlots);
  S.ParamNames.resize(NumSlots);
  return {std::move(S), {}};
}

} // namespace

// Refusals that using the interpreter (with the GIL held) would lift.
static bool interpreterWouldHelp(StringRef Key) {
  static const char *const Keys[] = {"UsesInterpreter", "CallsInterpreterHelper",
                                     "CallsUnknownFunction", "IndirectCall",
                                     "UsesInterpreterState", "UnsupportedBuildValue"};
  return is_contained(Keys, Key);
}

AnalysisResult analyzeWrapper(Function &Wrapper, unsigned MethFlags, const TargetLibraryInfo *TLI,
                              bool CheckResults) {
  AnalysisResult Bailing = Analyzer(Wrapper, MethFlags, TLI, /*PyErrMode=*/false).run();
  if (Bailing.Shape)
    return Bailing;
  AnalysisResult Last = std::move(Bailing);
  // State changes before a raise: a bail would repeat them. The core can
  // still raise itself, with the GIL held (CPython's convention).
  if (Last.Why.Key == "EffectBeforeRaise") {
    std::string Before = Last.Why.Reason;
    Last = Analyzer(Wrapper, MethFlags, TLI, /*PyErrMode=*/true, false, CheckResults).run();
    if (Last.Shape)
      return Last;
    Last.Why.Reason = Before + "; raising in the core: " + Last.Why.Reason;
  }
  // The wrapper uses the interpreter for more than its arguments: the core
  // does the same, with the GIL held, where it checks its result.
  if (CheckResults && interpreterWouldHelp(Last.Why.Key)) {
    AnalysisResult Using = Analyzer(Wrapper, MethFlags, TLI, true, /*InterpMode=*/true,
                                    CheckResults).run();
    if (Using.Shape)
      return Using;
    Using.Why.Reason = Last.Why.Reason + "; with the interpreter: " + Using.Why.Reason;
    return Using;
  }
  return Last;
}

} // namespace pyunbox
