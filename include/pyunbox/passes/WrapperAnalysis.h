//===- WrapperAnalysis.h - Is this function an unbox/compute/box wrapper? -*- C++ -*-===//
//
// The decision, separate from the change: given a wrapper (in SSA form) and
// its PyMethodDef flags, either describe exactly where its arguments are
// unboxed, which code still runs for well-typed arguments and how each normal
// return boxes its scalar, or say in one line why no core can be made.
// Nothing here modifies IR.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_WRAPPERANALYSIS_H
#define PYUNBOX_PASSES_WRAPPERANALYSIS_H

#include "pyunbox/passes/CallingConvention.h"
#include "pyunbox/passes/KeptParameters.h"
#include "pyunbox/passes/MethodTables.h"
#include "pyunbox/passes/MinerOptions.h"
#include "pyunbox/passes/Refusal.h"
#include "pyunbox/passes/ValueKind.h"
#include "llvm/IR/ValueHandle.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace llvm {
class Argument;
class BasicBlock;
class CallBase;
class Constant;
class Function;
class Instruction;
class IntegerType;
class ReturnInst;
class StoreInst;
class Value;
} // namespace llvm

namespace pyunbox {

class CalleeSummaries;

/// A value that is core parameter Param (an unboxing of argument Param).
struct UnboxSite {
  /// An unboxer's call, or a float's value read where the argument's
  /// float-or-int dispatch is proven (FloatIntDispatch.cpp).
  llvm::Instruction *Call;
  unsigned Param;
};

/// A PyArg_ParseTuple call, or a converter of one argument (Argument
/// Clinic's _PyLong_UnsignedInt_Converter): in the core it stores through
/// OutPtrs[K] a C parameter of parameter Slots[K] and succeeds ("s#" has
/// two outputs, its pointer and its length: that slot's two C parameters).
/// FirstParam is the first unit's. An "O" unit's StoredTypes
/// entry is null: the core stores nothing there, and its unboxers of the
/// variable's loads take the parameter. A Py_buffer unit's ("y*", "s*")
/// entries are null too: its variable's reads are BufferReads.
struct ParseSite {
  llvm::CallBase *Call;
  llvm::SmallVector<llvm::Value *, 4> OutPtrs;
  llvm::SmallVector<llvm::Type *, 4> StoredTypes;
  unsigned FirstParam = 0;
  llvm::SmallVector<unsigned, 4> Slots;
};

/// A read of a Py_buffer unit's `buf` or `len` (analysis/BufferUnits.cpp), or of a
/// bytes argument's bytes or count (analysis/BytesObjectReads.cpp: a call):
/// in the core, the first or the second C parameter of Param.
struct BufferRead {
  llvm::Instruction *Read;
  unsigned Param;
  bool Length;
};

/// Where a returned object comes from, for the core's scalar return.
struct ReturnLeaf {
  unsigned ScalarArg = 0;            ///< box calls: the argument with the C value
  llvm::Constant *Const = nullptr;   ///< True/False singletons as _Bool
  bool NonZeroTest = false;          ///< PyBool_FromLong: return Scalar != 0
  /// Py_BuildValue given a 64-bit integer for a narrower unit: the type its
  /// va_arg reads, which gets the argument's low-order bits (the ABI's); one
  /// per item of a tuple (the arguments from ScalarArg on), null where the
  /// argument is read whole.
  llvm::SmallVector<llvm::IntegerType *, 1> ReadAs;
  llvm::IntegerType *readAs(unsigned Item) const { return Item < ReadAs.size() ? ReadAs[Item] : nullptr; }
  /// A tuple made item by item (PyTuple_New, then PyTuple_SET_ITEM): each
  /// item, an object the returned network holds (a box, True or False
  /// however chosen); empty for any other leaf. Handles that follow a
  /// replacement (a Py_NewRef of True or False becomes its operand before
  /// the returns are rewritten) and go null with what they hold.
  llvm::SmallVector<llvm::WeakTrackingVH, 0> Items;
};

/// How a core parameter may be passed (format.h's PYUNBOX_PARAM_* bits) and,
/// with PYUNBOX_PARAM_DEFAULT, the value an omitted one stands for (format.h's
/// encoding: an integer widened to 64 bits by its signedness, a double's bits,
/// a "z" unit's 0 for None).
struct ParamPassing {
  uint8_t Flags = PYUNBOX_PARAM_POSITIONAL;
  uint64_t Default = 0;
};

struct WrapperShape {
  Convention Conv;
  unsigned MethFlags = 0;
  llvm::SmallVector<ValueKind, 4> Params;
  /// Python names of the parameters where the wrapper knows them ("" where
  /// not: positional-only), from a kwlist or Argument Clinic's parser.
  llvm::SmallVector<std::string, 4> ParamNames;
  /// One per parameter (ParameterDefaults.cpp; the keyword bit where the
  /// names are final, analyzeWrapper).
  llvm::SmallVector<ParamPassing, 4> Passing;
  /// A call that passes named parameters by name does what the call passing
  /// them by position does (analysis/KeywordCalls.cpp); where not, the core
  /// stands for positional calls only.
  bool KeywordCallsMatch = true;
  /// Parameters from this one on are never passed by name (Argument
  /// Clinic's unpack: a call that names one may omit an optional one
  /// before it, which was not shown to take its default).
  unsigned NamedBefore = ~0u;
  /// Why named parameters take no keywords where KeywordCallsMatch or
  /// NamedBefore say so (a remark's text); empty otherwise.
  std::string ByPositionWhy;
  /// A string parameter read by hand as a bytes whose str way was not shown
  /// to do the same (analysis/BytesStrDispatch.cpp): its index and why (a
  /// remark's text); a str for it takes the wrapper.
  std::optional<std::pair<unsigned, std::string>> StrTakesWrapper;
  /// The parameters from this one on are keyword-only (a format's '$').
  unsigned KeywordOnlyFrom = ~0u;
  ValueKind Return = ValueKind::Void;
  /// Where Return is Tuple, its items' kinds (Py_BuildValue's "(ii)").
  llvm::SmallVector<ValueKind, 2> Results;
  bool NeedsInterpreter = false;

  /// Values that are constants in the core (argument count, PyErr_Occurred,
  /// parse results, type checks of the float fast path).
  llvm::DenseMap<llvm::Value *, llvm::Constant *> Facts;
  llvm::SmallVector<UnboxSite, 4> Unboxes;
  llvm::SmallVector<ParseSite, 1> Parses;
  /// The reads of Py_buffer units, and their PyBuffer_Release calls, which
  /// release nothing in the core: it holds no buffer.
  llvm::SmallVector<BufferRead, 2> BufferReads;
  llvm::SmallVector<llvm::CallBase *, 1> BufferReleases;
  /// PyTuple_GetItem(args, k) calls: argument objects, gone with their unboxers.
  llvm::SmallVector<llvm::CallBase *, 2> ArgumentReads;
  /// PyEval_RestoreThread calls, then the PyEval_SaveThread they restore:
  /// gone in the core, in this order.
  llvm::SmallVector<llvm::CallBase *, 2> GilCalls;
  /// Reference-count traffic on None/True/False, and on argument objects
  /// where it is neutral (ArgumentReferences.cpp): gone in the core.
  llvm::SmallVector<llvm::Instruction *, 4> RefcountOps;
  /// Py_NewRef calls of a singleton or an argument: their value is their
  /// argument (which, an argument object, goes with its uses).
  llvm::SmallVector<llvm::CallBase *, 4> NewRefs;
  /// Executable blocks that go one way only under the facts.
  llvm::DenseMap<const llvm::BasicBlock *, llvm::BasicBlock *> FoldedBranches;
  llvm::SmallVector<llvm::BasicBlock *, 8> DeadBlocks;
  /// The executable returns and the leaves of the objects they return.
  llvm::SmallVector<llvm::ReturnInst *, 2> Returns;
  llvm::DenseMap<llvm::Value *, ReturnLeaf> Leaves;
  /// Raises whose result is returned (PyErr_Format's NULL): NULL entries.
  llvm::SmallVector<llvm::CallBase *, 2> NullResults;
  /// Box calls in executable code; removed once the returns are rewritten.
  llvm::SmallVector<llvm::CallBase *, 2> Boxes;
  /// The stores of items into a tuple made item by item (PyTuple_SET_ITEM,
  /// inline or called): removed before its box, which they write.
  llvm::SmallVector<llvm::WeakVH, 4> TupleItemWrites; ///< null once gone (a fact's call)

  /// How the core reports the calls where the wrapper raises: with a bail
  /// (format.h's PYUNBOX_ERRORS_BAIL) at each raise and each NULL return.
  uint8_t Errors = PYUNBOX_ERRORS_NONE;
  /// A pyerr core that does what CPython does after a builtin returns
  /// (_Py_CheckFunctionResult): a SystemError for a NULL without an
  /// exception, or for a value with one. It also releases the singleton the
  /// wrapper would have returned, whose reference counting it keeps.
  bool ChecksResult = false;
  /// Reference counting of None/True/False stays in the core (it uses the
  /// interpreter for objects of its own, which may hold such references).
  bool KeepsReferenceCounts = false;
  /// Executable calls that raise, and the entries of blocks from which every
  /// run fails (analysis/FailingPaths.cpp): the core bails there instead.
  /// So it does where the wrapper returns an object of a type no kind
  /// stands for (a complex), and then BailsForForeignResult is set.
  llvm::SmallVector<llvm::Instruction *, 2> BailPoints;
  bool BailsForForeignResult = false;
  /// Unboxers and converters (among Unboxes and Parses) that raise for a
  /// negative parameter (Clinic's `fildes`): there the core bails, or, if it
  /// raises itself, calls them on the parameter boxed, as the wrapper did.
  llvm::SmallVector<llvm::CallBase *, 1> FailsBelowZero;
  /// Parses with a '#' unit in a parser that does not show PY_SSIZE_T_CLEAN
  /// (a plain PyArg_ParseTuple): CPython 3.13 and later store a Py_ssize_t
  /// length, 3.10 to 3.12 raise SystemError, PyPy's parsers store an int.
  /// The core reads the running interpreter's Py_Version there and bails
  /// below 3.13, or where there is none (PyPy).
  llvm::SmallVector<llvm::CallBase *, 1> FailsBefore313;
  /// Values the core does not need: pure, used only by code the facts rule
  /// out or by a bail (a raise's message, Py_TYPE(arg)). Gone with it.
  llvm::SmallVector<llvm::Instruction *, 4> Unneeded;
};

struct AnalysisResult {
  std::optional<WrapperShape> Shape;
  Refusal Why; ///< set when Shape is empty
};

/// The first look at a wrapper, before any draft: the analysis's own
/// predicates that need only the wrapper (defined, its flags, its IR
/// signature) and whether an unboxer or parser is within reach of a wrapper
/// that takes arguments. A refusal here costs no draft.
std::optional<Refusal> screenWrapper(llvm::Function &Wrapper, unsigned MethFlags,
                                    const MinerOptions &Opts = {});

/// The second look, at a draft before its helpers are inlined (startDraft):
/// an argument object that surely goes to a call that keeps it, directly or
/// through a helper (Kept: the module's, shared by all wrappers). A refusal
/// here costs no inlining; it is one the full analysis would make.
std::optional<Refusal> findKeptArgument(llvm::Function &Draft, unsigned MethFlags,
                                        CalleeSummaries &Summaries, KeptParameters &Kept);

/// The blocks of Draft from which every path returns NULL, knowing no facts
/// (analysis/FailingPaths.cpp): a block that returns NULL, goes only to
/// such blocks, or hands a phi a NULL on an edge from which every return
/// reached returns it. Drafting leaves the helpers called there uninlined:
/// a core bails before them.
llvm::SmallPtrSet<const llvm::BasicBlock *, 16> blocksReturningNull(const llvm::Function &Draft);

/// The analysis of a draft of Entry's wrapper (Drafting.h), and the one place
/// where policy is decided: a complete description of the core (parameter
/// names included) or a refusal. PyPySpelling: the module is built against
/// PyPy's headers (BoundaryPrimitives.h's usesPyPySpelling), whose API a core
/// that checks its result as CPython does cannot use.
AnalysisResult analyzeWrapper(llvm::Function &Draft, const MethodEntry &Entry,
                              CalleeSummaries &Summaries, bool PyPySpelling,
                              const MinerOptions &Opts = {});

/// Describe Wrapper (whose PyMethodDef flags are MethFlags) or say why not.
/// Summaries: the module's (CalleeSummaries.h); with no library info, no
/// external function counts as a known library call.
/// CheckResults: the core may check its result as CPython checks a builtin's
/// (WrapperShape::ChecksResult), so it may use the interpreter as the
/// wrapper does; the caller knows the function's repr and the C API's names.
AnalysisResult analyzeWrapper(llvm::Function &Wrapper, unsigned MethFlags,
                              CalleeSummaries &Summaries, bool CheckResults = false,
                              const MinerOptions &Opts = {});

} // namespace pyunbox

#endif
