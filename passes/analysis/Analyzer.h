//===- analysis/Analyzer.h - What the analysis of one wrapper knows -*- C++ -*-===//
//
// The analysis of one wrapper (WrapperAnalysis.h) is a set of predicates over
// what it has learnt so far: which values are argument objects, which calls
// the boundary sanctions, the facts under which the core runs. They share
// that state in this class; each is defined in the file of its concept:
//
//   CallingConvention.cpp  the convention and the IR signature
//   ArgumentSlots.cpp      which values are argument k (tuple, array, phis)
//   FormatUnits.cpp        PyArg_Parse* formats, converters, Clinic's parsers
//   BoundaryScan.cpp       the scan of primitive calls: unboxers, refcounts, GIL
//   ArgumentIdioms.cpp     float fast paths, inline type checks, overflow flags
//   BufferUnits.cpp       "y*", "s*" and Clinic's Py_buffer: a view's buf and len
//   BytesObjectReads.cpp  a bytes argument read by hand (PyBytes_AS_STRING ...)
//   FloatIntDispatch.cpp   a float argument's float and int arms proven the same
//   BytesStrDispatch.cpp   a string argument's bytes and str arms proven the same
//   TwoWorldProof.cpp      the proof both use: one wrapper, two worlds, the same run
//   ArgumentReferences.cpp references to arguments taken and released in pairs
//   InterpreterUse.cpp     no interpreter in the code a well-typed call runs
//   ReturnNetwork.cpp      every normal return boxes one kind of scalar
//   ErrorPaths.cpp         raises, bails, and what may be observed before them
//   KeptArguments.cpp      the first look: an argument object surely kept
//   ParameterDefaults.cpp  what an omitted argument stands for
//   WrapperAnalysis.cpp    the decision: the order of the predicates, the
//                          modes and the cost model
//
// Private to passes/: nothing here is part of the plugin's interface.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_ANALYSIS_ANALYZER_H
#define PYUNBOX_PASSES_ANALYSIS_ANALYZER_H

#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/FactPropagation.h"
#include "pyunbox/passes/KeptParameters.h"
#include "pyunbox/passes/WrapperAnalysis.h"

#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include <memory>

namespace pyunbox {

using namespace llvm;

/// Whether V is the address of PyFloat_Type (either spelling).
inline bool isFloatType(const Value *V) {
  auto *GV = dyn_cast<GlobalValue>(V->stripPointerCasts());
  return GV && isFloatTypeObject(GV->getName());
}

// The roles the primitive calls of step 1 play; anything else of the
// interpreter's reached by executable code is a refusal.
// Bail: a raise where the core bails. KeepRaise, KeepCall: calls a core with
// CPython's error convention (pyerr) keeps, since it runs with the GIL.
enum class Sanction : uint8_t { Unbox, Parse, Fact, Refcount, Gil, NewRef, Box, Bail, KeepRaise, KeepCall };

/// The global array V points to, where its initializer is what every read
/// sees: a constant, or a static that only keyword parsers and loads use (a
/// kwlist `static char *kwlist[]` that nothing rewrites). Else null.
/// (FormatUnits.cpp)
GlobalVariable *unwrittenArray(Value *V);

class WrapperAnalyzer {
public:
  /// PyErrMode: raises stay in the core, which then needs the interpreter;
  /// otherwise they become bails. InterpMode (implies PyErrMode): besides,
  /// the core may do anything with the interpreter that the wrapper does with
  /// objects other than its arguments. CheckResults: the core checks its
  /// result as CPython does (WrapperShape::ChecksResult).
  WrapperAnalyzer(Function &F, unsigned Flags, CalleeSummaries &Summaries, bool PyErrMode,
           bool InterpMode = false, bool CheckResults = false)
      : F(F), DL(F.getParent()->getDataLayout()), Summaries(Summaries),
        PyErrMode(PyErrMode || InterpMode), InterpMode(InterpMode) {
    S.MethFlags = Flags;
    S.ChecksResult = CheckResults && this->PyErrMode;
    S.KeepsReferenceCounts = InterpMode;
  }
  AnalysisResult run(const MinerOptions &Opts);
  /// The last rung's bailing analysis: the core also bails where a block
  /// is entered from which every run fails (FailingPaths.cpp).
  WrapperAnalyzer &cuttingFailingPaths() {
    CutFailing = true;
    return *this;
  }
  /// The first look at a draft before any helper is inlined: an argument
  /// object that surely goes where nothing sanctions it (KeptArguments.cpp).
  std::optional<Refusal> findKeptArgument(KeptParameters &Kept);
  /// Defined, one calling convention, its IR signature (CallingConvention.cpp).
  std::optional<Refusal> checkDefinition();

private:
  std::optional<Refusal> decideConvention();
  std::optional<Refusal> checkSignature();
  void collectArgumentSlots();
  void collectTupleReads();
  std::optional<Refusal> findBoundary();
  // The boundary scan (BoundaryScan.cpp) hands each primitive call to the
  // file of its concept.
  std::optional<Refusal> visitPrimitive(CallBase &CB, const BoundaryPrimitive &P);
  using Visitor = std::optional<Refusal> (WrapperAnalyzer::*)(CallBase &, const BoundaryPrimitive &);
  std::optional<Refusal> visitUnbox(CallBase &CB, const BoundaryPrimitive &P);      // BoundaryScan
  std::optional<Refusal> visitRefcount(CallBase &CB, const BoundaryPrimitive &P);   // BoundaryScan
  std::optional<Refusal> visitNewRef(CallBase &CB, const BoundaryPrimitive &P);     // BoundaryScan
  bool noteSingletonReference(CallBase &CB);                                         // BoundaryScan
  std::optional<Refusal> visitGilBracket(CallBase &CB, const BoundaryPrimitive &P); // BoundaryScan
  void noteReleasesOfNull(const FactPropagation &FP);                               // BoundaryScan
  std::optional<Refusal> visitParse(CallBase &CB, const BoundaryPrimitive &P);      // FormatUnits
  std::optional<Refusal> visitConverter(CallBase &CB, const BoundaryPrimitive &P);  // FormatUnits
  std::optional<Refusal> visitUnpackKeywords(CallBase &CB, const BoundaryPrimitive &P); // FormatUnits
  std::optional<Refusal> visitCheckPositional(CallBase &CB, const BoundaryPrimitive &P); // FormatUnits
  std::optional<Refusal> visitTupleSize(CallBase &CB, const BoundaryPrimitive &P);  // ArgumentSlots
  std::optional<Refusal> visitTupleItem(CallBase &CB, const BoundaryPrimitive &P);  // ArgumentSlots
  std::optional<Refusal> visitTypeCheck(CallBase &CB, const BoundaryPrimitive &P);  // ArgumentIdioms
  std::optional<Refusal> visitIntCheck(CallBase &CB, const BoundaryPrimitive &P);   // ArgumentIdioms
  std::optional<Refusal> visitBufferCheck(CallBase &CB, const BoundaryPrimitive &P); // ArgumentIdioms
  std::optional<Refusal> visitTypeHasFeature(CallBase &CB, const BoundaryPrimitive &P); // ArgumentIdioms
  std::optional<Refusal> visitIndexOf(CallBase &CB, const BoundaryPrimitive &P);    // ArgumentIdioms
  std::optional<Refusal> visitBox(CallBase &CB, const BoundaryPrimitive &P);        // ReturnNetwork
  std::optional<Refusal> visitBuildValue(CallBase &CB, const BoundaryPrimitive &P); // ReturnNetwork
  std::optional<Refusal> visitForeignBox(CallBase &CB, const BoundaryPrimitive &P); // ReturnNetwork
  std::optional<Refusal> visitTupleNew(CallBase &CB, const BoundaryPrimitive &P);   // AssembledTuples
  void resolveAssembledTuples();                                                     // AssembledTuples
  std::optional<Refusal> checkItems(CallBase &Tuple, const FactPropagation &FP,
                                    SmallPtrSetImpl<Value *> &Network);               // AssembledTuples
  std::optional<Refusal> visitRaise(CallBase &CB, const BoundaryPrimitive &P);      // ErrorPaths
  std::optional<Refusal> visitErrOccurred(CallBase &CB, const BoundaryPrimitive &P); // ErrorPaths
  // References taken to argument objects and released again
  // (ArgumentReferences.cpp): a NewRef's result is the same argument.
  struct ArgumentReference {
    Instruction *Op;
    unsigned Slot;
    int Delta; // +1 taken, -1 released
  };
  SmallVector<ArgumentReference, 4> ArgumentReferences;
  bool noteArgumentReference(CallBase &CB, const BoundaryPrimitive &P);
  std::optional<Refusal> checkArgumentReferences(const FactPropagation &FP) const;
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
  /// PyUnicode_Check, PyBytes_Check and PyObject_CheckBuffer of an
  /// argument: facts, with what they give for an exact bytes, where its kind
  /// is a bytes kind (checkBytesChecks).
  struct BytesCheckSite {
    Instruction *Call;
    unsigned Slot;
    /// A test for a type no consumer's object is of (isForeignType): the
    /// same answer for every kind's objects, not only a bytes'.
    bool AnyKind = false;
    /// What it gives for an exact str, where that is known
    /// (BytesStrDispatch.cpp).
    std::optional<uint64_t> OfStr;
  };
  SmallVector<BytesCheckSite, 1> BytesChecks;
  /// OfBytes, OfStr: what the test gives for an exact bytes (PyPy's inline
  /// PyBytes_Check gives the masked flag) and for an exact str.
  void noteBytesCheck(Instruction &I, unsigned Slot, uint64_t OfBytes, bool AnyKind,
                      std::optional<uint64_t> OfStr);
  std::optional<Refusal> checkBytesChecks(const FactPropagation &FP) const;
  static bool isOtherTypeTest(const GlobalValue *GV);
  std::optional<Refusal> settleSlotKinds(const FactPropagation &FP);
  // What an omitted argument stands for (ParameterDefaults.cpp).
  void findDefaults(const FactPropagation &Full);
  /// Which arguments a call passes: the first M by position, or (a call
  /// by name through Clinic's unpack) any that include the required ones.
  /// The unpack's buffer holds NULL for an omitted parameter a call may
  /// name where a later one is passed (a gap); nothing known past the last.
  struct PassedArguments {
    SmallBitVector Given;
    SmallBitVector Gaps;
    unsigned count() const { return Given.count(); }
    bool omits(unsigned Slot) const { return Slot >= Given.size() || !Given[Slot]; }
  };
  PassedArguments firstArguments(unsigned M) const;
  /// A call of those arguments: the call of all with constants for the
  /// rest, one the wrapper takes otherwise, or one it rejects.
  enum class Omission { Default, Accepted, Refused };
  Omission defaultsWithout(const PassedArguments &Call, const FactPropagation &Full,
                           SmallVectorImpl<Constant *> &Defaults);
  bool gapCallsTakeDefaults(const FactPropagation &Full);
  std::pair<std::optional<unsigned>, Constant *>
  convertedDefault(PHINode &Phi, Constant *C, const PassedArguments &Call, const FactPropagation &Full);
  bool isUnboxedValue(const Value *V, unsigned Slot, const FactPropagation &Full,
                      SmallPtrSetImpl<const Value *> &Seen) const;
  bool argumentAbsent(Instruction &Arg, const PassedArguments &Call, const FactPropagation &Fewer) const;
  bool unpackReturnsArray(const Value *V, unsigned M) const;
  bool emptyArrayNonNull(const Value *V) const;
  bool arityOnlyBranches(const FactPropagation &Full, const FactPropagation &Fewer) const;
  bool onlyBranchOn(SmallVectorImpl<const Value *> &Work, const FactPropagation &Full,
                    const FactPropagation &Fewer) const;
  static Constant *storedBefore(CallBase &Call, Value *Out, Type *Stored,
                                const DominatorTree &DT);
  Constant *noneDefault(const ParseSite &P, unsigned Slot, const DominatorTree &DT) const;
  /// The loads of an "O" unit's variable, each argument Slot's object
  /// (noteObjectUnit, FormatUnits.cpp).
  struct ObjectUnitRead {
    LoadInst *Read;
    CallBase *Parse;
    AllocaInst *Var;
    unsigned Slot;
  };
  SmallVector<ObjectUnitRead, 2> ObjectUnitReads;
  /// Reads gets the unit's reads; visitParse makes them argument Slot's
  /// (SlotOf, ObjectUnitReads) once every unit of the parse is understood.
  bool noteObjectUnit(CallBase &Parse, Value *Var, unsigned Slot, std::string &Why,
                      SmallVectorImpl<ObjectUnitRead> &Reads);
  /// What a Py_buffer view filled for argument Slot (by a "y*" or "s*"
  /// unit, or Argument Clinic's PyObject_GetBuffer) is used for in the core
  /// (BufferUnits.cpp): its reads of `buf` and `len`, which become Slot's C
  /// parameters, its releases, which go, and the facts its contiguity tests
  /// are.
  struct BufferUnitUses {
    unsigned Slot = 0;
    SmallVector<BufferRead, 4> Reads;
    SmallVector<CallBase *, 2> Releases;
    SmallVector<std::pair<Instruction *, Constant *>, 1> Facts;
  };
  /// Filler fills the view Var; false, with Why, where the view is used for
  /// more than Uses can hold.
  bool noteBufferUnit(CallBase &Filler, Value *Var, std::string &Why, BufferUnitUses &Uses);
  /// Uses become the core's, once the filler is understood.
  void adoptBufferUnit(const BufferUnitUses &Uses);
  std::optional<Refusal> visitGetBuffer(CallBase &CB, const BoundaryPrimitive &P); // BufferUnits
  /// PyBytes_AS_STRING, PyBytes_GET_SIZE and their kin (Py_SIZE) of an
  /// argument object (BytesObjectReads.cpp): in the core, its bytes' C
  /// parameters (BufferReads), once the reads that run are known.
  struct BytesObjectRead {
    Instruction *Read; // a call, or PyPy's inline Py_SIZE (a load)
    unsigned Slot;
    bool Length;
    bool Into = false; // PyBytes_AsStringAndSize: a ParseSite, not a BufferRead
    // Py_SIZE: any variable-size object's count (an int's digits, a list's
    // items), a bytes' only where the argument is read as one elsewhere.
    bool AnyObject = false;
  };
  SmallVector<BytesObjectRead, 2> BytesObjectReads;
  std::optional<Refusal> visitBytesRead(CallBase &CB, const BoundaryPrimitive &P); // BytesObjectReads
  std::optional<Refusal> visitBytesInto(CallBase &CB, const BoundaryPrimitive &P); // BytesObjectReads
  void noteBytesObjectRead(Instruction &Read, unsigned Slot, bool Length, bool AnyObject = false);
  void collectInlineSizeReads();
  void settleBytesObjectReads(const FactPropagation &FP);
  /// Whether V is a bytes argument's data read: never NULL in the core.
  bool isBytesDataRead(const Value *V) const;
  /// The slots of Py_buffer units: their parameter takes any bytes-like
  /// object (PYUNBOX_PARAM_ANY_BUFFER).
  SmallVector<unsigned, 1> BufferSlots;
  /// The slots of "z" and "z#" units: None is NULL (PYUNBOX_PARAM_NONE_IS_NULL).
  SmallVector<unsigned, 1> NoneIsNullSlots;
  /// The units of a PyArg_Parse* format before its '|' (all of them without one).
  std::optional<unsigned> FormatRequired;
  bool overflowFlagReads(CallBase &CB, SmallVectorImpl<LoadInst *> &Reads);
  bool isFloatFastPath(Instruction &Check, Value *Obj) const;
  bool isSlowArmOnlyUnboxing(BasicBlock *Start, BasicBlock *Merge, Value *Obj) const;
  /// The object V reads a float's value of (PyFloat_AS_DOUBLE(obj):
  /// CPython's load of ob_fval, PyPy's call, isFloatValueRead), or null.
  Value *floatValueReadOf(const Value *V) const;
  /// Whether V is PyFloat_AS_DOUBLE(Obj).
  bool readsFloatValue(const Value *V, const Value *Obj) const;
  // Float-or-int dispatches of floating-point arguments (FloatIntDispatch.cpp):
  // where proven, their type tests become the float world's facts and
  // their int tests no refusal. Whether any facts were added.
  /// The propagation of a world's facts, with what else is never NULL there.
  using WorldPropagation = function_ref<std::unique_ptr<FactPropagation>(
      const DenseMap<Value *, Constant *> &, std::function<bool(const Value *)>)>;
  bool settleFloatIntDispatches(WorldPropagation Propagate);
  void collectFloatTests(unsigned Slot, DenseMap<Value *, Constant *> &InFloat);
  SmallSet<unsigned, 2> DispatchedSlots;
  /// Reads of a float's value from argument objects (noteFloatValueReads).
  struct FloatValueRead {
    Instruction *Read;
    unsigned Slot;
  };
  SmallVector<FloatValueRead, 2> FloatValueReads;
  void noteFloatValueReads();
  DenseMap<unsigned, std::string> DispatchDoubts; // why a slot's proof failed
  /// Whether V only reads argument Obj's type (Py_TYPE, PyPy's ob_type, its
  /// flags), the argument itself again, or PyErr_Occurred; with ObjectFields
  /// also any field of the object.
  bool isPureReadOf(const Value *V, const Value *Obj, bool ObjectFields) const;
  // Bytes-or-str dispatches of string arguments read by hand
  // (BytesStrDispatch.cpp): where proven, the kind is UTF8_SIZE.
  void settleBytesStrDispatches(WorldPropagation Propagate);
  SmallSet<unsigned, 2> StrDispatchedSlots;
  /// The object whose type a PyType_HasFeature(Py_TYPE(obj), flags) call
  /// tests (PyLong_Check, PyTuple_Check as calls), or null.
  Value *typeTestedObject(CallBase &HasFeature) const;
  /// The object a type value is the type of (Py_TYPE(o) as a call, PyPy's
  /// inline o->ob_type), or null.
  Value *objectOfType(Value *Type) const;
  /// A simple load's offset from its base (set in Base), or ~0.
  uint64_t fieldOffset(Value *V, Value *&Base) const;
  /// Two values that are the same argument object (Argument Clinic reads
  /// args[0] afresh for each use).
  bool sameArgument(const Value *A, const Value *B) const {
    auto SA = SlotOf.find(const_cast<Value *>(A)), SB = SlotOf.find(const_cast<Value *>(B));
    return A == B || (SA != SlotOf.end() && SB != SlotOf.end() && SA->second == SB->second);
  }
  /// Objects that are never NULL in the core: argument objects, the array
  /// where there are arguments, singletons, boxed results.
  bool knownNonNull(const Value *V) const;
  bool isMadeObject(const Value *V, SmallPtrSetImpl<const Value *> &Seen) const;
  /// Whether object Obj is never the constant C: an argument object is never
  /// None (a core stands for calls with numbers), whatever a converter
  /// would do with None.
  bool knownDifferent(const Value *Obj, const Constant *C) const {
    return SlotOf.count(const_cast<Value *>(Obj)) && singletonOf(C) == Singleton::None;
  }
  /// The facts of the arity alone (nargs, the tuple's length, Clinic's
  /// positional checks), set by findBoundary with the others.
  DenseMap<Value *, Constant *> ArityFacts;
  std::optional<Refusal> checkExecutableCode(const FactPropagation &FP);
  std::optional<Refusal> checkOperand(Instruction &I, Value *Op);
  void noteFoldedArgumentTests(const FactPropagation &FP);
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

  unsigned NumSlots = 0;
  /// The slot of argument Index: every argument past what a record can
  /// describe shares one slot, PYUNBOX_MAX_PARAMS, so the count says "too
  /// many" (TooManyArguments) without the analysis growing with the index.
  static unsigned slotFor(uint64_t Index) {
    return Index < PYUNBOX_MAX_PARAMS ? unsigned(Index) : PYUNBOX_MAX_PARAMS;
  }
  Function &F;
  const DataLayout &DL;
  CalleeSummaries &Summaries; // the module's, shared by every analysis
  // F's dominator tree, built on first need (a wrapper with an overflow flag
  // or defaults to find): the draft does not change while it is analyzed.
  std::unique_ptr<DominatorTree> Dominators;
  const DominatorTree &dominators() {
    if (!Dominators)
      Dominators = std::make_unique<DominatorTree>(F);
    return *Dominators;
  }
  // Exact control-flow answers, where isPotentiallyReachable gives up on a
  // large function and says yes (ControlFlow.cpp); the blocks on a cycle
  // are found on first need.
  mutable std::optional<SmallPtrSet<const BasicBlock *, 8>> CyclicBlocks;
  bool onCycle(const BasicBlock &BB) const;
  bool mayRunAfter(const Instruction &From, const Instruction &To) const;
  /// Where runs A and B of the draft, which leave BB by different edges,
  /// meet again: the nearest block every path of each from BB reaches, and
  /// the blocks each passes on the way (a bail ends a path); nullptr if none.
  const BasicBlock *rejoin(const BasicBlock &BB, const FactPropagation &A, const FactPropagation &B,
                           SmallPtrSetImpl<const BasicBlock *> &PassedA,
                           SmallPtrSetImpl<const BasicBlock *> &PassedB) const;
  bool PyErrMode;
  bool InterpMode;
  bool CutFailing = false;
  void cutFailingPaths();
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
  DenseMap<Value *, SmallVector<ValueKind, 2>> TupleItems; // a Tuple box's items
  // PyTuple_New calls of a constant size a core may return (visitTupleNew),
  // until resolveAssembledTuples finds their items.
  SmallVector<CallBase *, 1> NewTuples;
  // Why such a tuple the wrapper returns is no tuple result: what checkCall
  // says of its PyTuple_New, which stays a call of the interpreter's (in
  // program order, after anything before it, such as a use of self).
  DenseMap<const CallBase *, Refusal> TupleRefusals;
  // And what writes each one's items (stores, their addresses, calls), and
  // what stores each item, by its index.
  DenseMap<const CallBase *, SmallVector<Instruction *, 4>> TupleWrites;
  DenseMap<const CallBase *, SmallVector<Instruction *, 4>> ItemStoresOf;
  // Exact-type tests of a box the core makes (ReturnNetwork.cpp).
  void noteBoxTypeTests(Instruction &TypeRead, CallBase &Box);
  Constant *ClinicKeywords = nullptr;     // Argument Clinic's _keywords array
  bool UnpacksKeywords = false;           // parses with Clinic's _PyArg_UnpackKeywords
  // The most positional arguments Clinic's unpack of the argument array
  // admits for a call without keywords (its maxpos): slots past it are
  // keyword-only, read from its buffer only when keywords were passed.
  std::optional<uint64_t> PositionalLimit;
  // The first keyword-only unit of a keyword parser's format (its '$').
  std::optional<unsigned> FormatKeywordOnlyFrom;
  std::optional<Refusal> settleKeywordCalls(const FactPropagation &Full); // KeywordCalls
  bool readsBeyondParse(const Value &V, unsigned No) const;
  // A NULL-terminated array of C strings (a kwlist), Count entries at most.
  static SmallVector<std::string, 4> stringArray(Value *V, unsigned Count) {
    SmallVector<std::string, 4> Names;
    GlobalVariable *GV = unwrittenArray(V);
    auto *CA = GV ? dyn_cast<ConstantArray>(GV->getInitializer()) : nullptr;
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
  /// The block of a new model function of type T(Param), and its argument.
  std::pair<BasicBlock *, Argument *> newModelFunction(Type *T, Type *Param) {
    LLVMContext &Ctx = T->getContext();
    if (!ModelModule)
      ModelModule = std::make_unique<Module>("pyunbox.models", Ctx);
    auto *Fn = Function::Create(FunctionType::get(T, {Param}, false),
                                GlobalValue::ExternalLinkage, "model", *ModelModule);
    return {BasicBlock::Create(Ctx, "", Fn), Fn->getArg(0)};
  }
  /// A value of type T that is 0 or 1 and nothing else known: a _Bool
  /// parameter widened to T.
  Value *newBoolModel(Type *T) {
    auto [BB, Arg] = newModelFunction(T, Type::getInt1Ty(T->getContext()));
    auto *Widened = new ZExtInst(Arg, T, "", BB);
    ReturnInst::Create(T->getContext(), Widened, BB);
    return Widened;
  }
  /// A value of integer type T that is not negative and nothing else known:
  /// a count of bytes (a _SIZE kind's length).
  Value *newNonNegativeModel(Type *T) {
    auto [BB, Arg] = newModelFunction(T, T);
    auto *Halved = BinaryOperator::CreateLShr(Arg, ConstantInt::get(T, 1), "", BB);
    ReturnInst::Create(T->getContext(), Halved, BB);
    return Halved;
  }
};

} // namespace pyunbox

#endif
