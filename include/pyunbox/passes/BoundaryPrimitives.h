//===- BoundaryPrimitives.h - The C-API functions pyunbox understands -*- C++ -*-===//
//
// The one table of C-API names: what each boundary function means to the
// analysis. PyPy's cpyext exports the same API with "Py" spelled "PyPy"
// (PyPyLong_AsLong, _PyPyArg_ParseTuple_SizeT); lookups fold that spelling
// onto CPython's, so every entry serves both interpreters.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_BOUNDARYPRIMITIVES_H
#define PYUNBOX_PASSES_BOUNDARYPRIMITIVES_H

#include "pyunbox/passes/ValueKind.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>

namespace llvm {
class CallBase;
class Module;
class Value;
}

namespace pyunbox {

enum class PrimitiveRole : uint8_t {
  Unbox,            ///< scalar f(PyObject *): Kind is the scalar's kind
  UnboxOrOverflow,  ///< PyLong_AsLongAndOverflow(o, int *overflow): of a value of
                    ///< the kind, the value, and *overflow = 0
  UnboxOfNonNegative, ///< as Unbox for values >= 0; -1 and a raise for the others
  Box,              ///< PyObject *f(scalar): Kind is the scalar's kind
  BoolFromLong,     ///< PyBool_FromLong(long): a _Bool result
  ForeignBox,       ///< PyComplex_FromDoubles(re, im): an object of a type no kind
                    ///< stands for; where the wrapper returns one, the core bails
  BuildValue,       ///< Py_BuildValue(fmt, ...): one scalar format code boxes
  ParseTuple,       ///< PyArg_ParseTuple(args, fmt, ...): numeric codes unbox
  ParseTupleAndKeywords, ///< PyArg_ParseTupleAndKeywords(args, kw, fmt, kwlist, ...)
  ParseStack,       ///< _PyArg_ParseStack(args, nargs, fmt, ...): METH_FASTCALL's array
  ParseObject,      ///< PyArg_Parse(arg, fmt, out): one format unit converts arg itself
  ParseStackAndKeywords, ///< _PyArg_ParseStackAndKeywords(args, nargs, kwnames, parser, ...)
  UnpackTuple,      ///< PyArg_UnpackTuple(args, name, min, max, ...): min to max objects
  UnpackStack,      ///< _PyArg_UnpackStack(args, nargs, name, min, max, ...): the same of an array
  Converter,        ///< int f(PyObject *o, void *out): stores o's Kind value
  ConverterOfNonNegative, ///< as Converter for values >= 0; 0 and a raise for the others
  UnboxInto,        ///< int f(PyObject *o, T *out) (3.14's PyLong_AsInt32 ...): of a value
                    ///< of the kind, stores it and returns 0; -1 and a raise otherwise
  IndexOf,          ///< _PyNumber_Index(o): of an int, o itself (a new reference)
  ReleaseGil,       ///< PyEval_SaveThread(): the thread state, for AcquireGil
  AcquireGil,       ///< PyEval_RestoreThread(tstate)
  EnsureGil,        ///< PyGILState_Ensure(): the GIL held, a state for ReleaseEnsuredGil
  ReleaseEnsuredGil, ///< PyGILState_Release(state)
  ReleaseBuffer,    ///< PyBuffer_Release(view): of a Py_buffer unit's view
  UnpackKeywords,   ///< Argument Clinic's _PyArg_UnpackKeywords(args, nargs, kw, kwnames, parser, ...)
  CheckPositional,  ///< _PyArg_CheckPositional(name, nargs, min, max)
  ErrOccurred,      ///< PyErr_Occurred()
  IncRef,           ///< Py_INCREF(op) and friends, no result
  DecRef,           ///< Py_DECREF(op): of a singleton, only reference counting
  XDecRef,          ///< Py_XDECREF(op): of NULL nothing, of a singleton as DecRef
  NewRef,           ///< Py_NewRef(op): increfs and returns op
  TypeCheck,        ///< Py_IS_TYPE(op, type)
  RaisesError,      ///< sets an exception from the wrapper's own code
  ReadsObject,      ///< Py_REFCNT(op) and friends: read a field, no effect
  TypeOf,           ///< Py_TYPE(op): a read, as ReadsObject
  TypeHasFeature,   ///< PyType_HasFeature(type, flags)
  IntCheck,         ///< PyLong_Check(op) where it is a function (PyPy's)
  BufferCheck,      ///< PyObject_CheckBuffer(op): whether op has the buffer protocol
  OtherTypeCheck,   ///< PyByteArray_Check(op) where it is a function (PyPy's): of a bytes, false
  TupleSize,        ///< PyTuple_GET_SIZE(op), Py_SIZE(op): a read; of the argument tuple, its length
  TupleItem,        ///< PyTuple_GetItem(op, i): of the argument tuple, argument i
  TupleNew,         ///< PyTuple_New(n): a tuple the wrapper fills item by item
  TupleSetItem,     ///< PyTuple_SET_ITEM(op, i, v), PyTuple_SetItem: stores item i (0 where
                    ///< op is a tuple only the wrapper holds)
  ModuleCreate,     ///< PyModule_Create2(def, api), PyModuleDef_Init(def)
  GetBuffer,        ///< PyObject_GetBuffer(o, view, flags): Clinic's Py_buffer unit (BufferUnits.cpp)
  BufferIsContiguous, ///< PyBuffer_IsContiguous(view, order): of a unit's view, true
  BytesData,        ///< PyBytes_AS_STRING(op), PyBytes_AsString(op): of a bytes, its bytes
  BytesLength,      ///< PyBytes_GET_SIZE(op), PyBytes_Size(op): of a bytes, their count
  BytesInto,        ///< PyBytes_AsStringAndSize(op, &buf, &len): of a bytes, stores both, 0
};

/// Roles whose result is the scalar value of their first argument.
inline bool isUnboxer(PrimitiveRole R) {
  return R == PrimitiveRole::Unbox || R == PrimitiveRole::UnboxOrOverflow ||
         R == PrimitiveRole::UnboxOfNonNegative;
}

struct BoundaryPrimitive {
  const char *Name; ///< CPython's spelling
  PrimitiveRole Role;
  ValueKind Kind;   ///< for Unbox and Box
};

/// The entry for a function name in either spelling, or nullptr.
const BoundaryPrimitive *lookupPrimitive(llvm::StringRef Name);
/// The entry for a function: by its name, and for Cython's integer
/// conversions by their bodies where those are here (CythonConversions.h).
/// Ask this where the function is at hand.
const BoundaryPrimitive *lookupPrimitive(const llvm::Function &F);

/// The C API name F stands for: a header's static inline function in a C++
/// file, or in a C file under -funique-internal-linkage-names, by its base
/// name (Py_IS_TYPE for _ZL10Py_IS_TYPEP7_objectP11_typeobject); any other
/// function by its own. What the predicates on names below are asked about.
std::string apiName(const llvm::Function &F);
/// The entry for what V directly calls, if V is such a call, or nullptr.
const BoundaryPrimitive *calledPrimitive(const llvm::Value *V);
/// Whether V is a call of a primitive of role R.
bool callsRole(const llvm::Value *V, PrimitiveRole R);
/// The object a call that makes a new reference returns: Py_NewRef's
/// operand, Py_BuildValue's one after the format (which the caller has
/// read as "O"); nullptr for any other call or arity.
llvm::Value *newReferenceOperand(const llvm::CallBase &CB);

/// Whether CB, handed an argument object (neither a singleton nor
/// _PyNumber_Index's result), is a call the boundary never gives a meaning
/// for it: a call of a declaration that is no primitive
/// (PyUnicode_FSConverter, a libc function). Where such a call runs the
/// analysis refuses the wrapper (ArgumentEscapes); the first look before a
/// draft asks this too. A reference taken (Py_INCREF, Py_NewRef) is not
/// such a call: released again on every path, it is neutral
/// (analysis/ArgumentReferences.cpp).
bool keepsArgumentObject(const llvm::CallBase &CB);

/// Whether FunctionName (either spelling) is a function of the C API that
/// takes a PyMethodDef table or entry and only reads it
/// (PyModule_AddFunctions, PyCFunction_NewEx, PyDescr_NewMethod, ...), or
/// Cython's constructor of its function objects (__Pyx_CyFunction_New): the
/// functions it makes read the entry whenever they are called, and nothing
/// writes it.
bool readsMethodTable(llvm::StringRef FunctionName);

/// Singletons whose address is a valid return value of a wrapper.
enum class Singleton : uint8_t { None, True, False };
std::optional<Singleton> lookupSingleton(llvm::StringRef GlobalName);
/// The singleton a value is the address of, if any.
std::optional<Singleton> singletonOf(const llvm::Value *V);

/// Whether a global names the type object of exact floats (PyFloat_Type).
bool isFloatTypeObject(llvm::StringRef GlobalName);
/// Whether a global names the type object of exact ints (PyLong_Type).
bool isLongTypeObject(llvm::StringRef GlobalName);
/// Whether a global names the type object of exact bytes (PyBytes_Type)
/// or of exact str (PyUnicode_Type).
bool isBytesTypeObject(llvm::StringRef GlobalName);
bool isUnicodeTypeObject(llvm::StringRef GlobalName);
/// Whether an exact bytes is an instance of the type a global names
/// (PyType_IsSubtype(&PyBytes_Type, type)): bytes' own and object's.
bool bytesIsInstanceOf(llvm::StringRef GlobalName);
/// The same for an exact str: str's own and object's.
bool unicodeIsInstanceOf(llvm::StringRef GlobalName);
/// Whether a function is PyUnicode_AsUTF8AndSize(op, &size): a str's UTF-8,
/// its length stored through size (BytesStrDispatch.cpp).
bool isUnicodeAsUtf8AndSize(llvm::StringRef FunctionName);
/// Whether a function converts a str to something else
/// (PyUnicode_AsUTF8, PyUnicode_AsEncodedString, ...): a wrapper's str way.
bool isStrConversion(llvm::StringRef FunctionName);
/// Whether a global names a type of which no object a consumer passes for
/// any kind is an exact instance (FORMAT.md: exact ints, bools, floats,
/// strs and bytes, and None): not int, bool, float, str, bytes, NoneType.
/// Of every such object a test for it is false, and a subtype test too but
/// for object's.
bool isForeignType(llvm::StringRef GlobalName);
/// Whether a function is PyObject_TypeCheck(op, type): the headers' static
/// inline Py_IS_TYPE(op, type) || PyType_IsSubtype(Py_TYPE(op), type), which
/// a draft keeps as a call where op is not the wrapper's own parameter.
bool isObjectTypeCheck(llvm::StringRef FunctionName);
/// Whether a function is PyType_IsSubtype(a, b): whether type a is b or
/// derives from it.
bool isSubtypeCheck(llvm::StringRef FunctionName);
/// Whether a function is PyLong_AsDouble(op): an int's value as a double,
/// the one PyFloat_AsDouble gives for it; it raises for anything else, a
/// float too (so it is no unboxer of a double argument).
bool isIntAsDouble(llvm::StringRef FunctionName);
/// Whether a function is PyFloat_AS_DOUBLE(op): a float's value, read
/// without a check. CPython's macro is a load of ob_fval; PyPy's headers
/// declare it as a function (PyPyFloat_AS_DOUBLE), and so does CPython
/// 3.13's static inline one at -O0.
bool isFloatValueRead(llvm::StringRef FunctionName);

/// Where CPython's and PyPy's PyTupleObject keep ob_size and ob_item[0], in
/// bytes, from the struct types the module's IR names (PyVarObject, and
/// PyTupleObject where it names it); none if it names no PyVarObject (then
/// reads of the argument tuple are not recognized).
struct TupleLayout {
  uint64_t SizeOffset, ItemOffset;
};
std::optional<TupleLayout> tupleLayout(const llvm::Module &M);

/// Where an object keeps its type (ob_type) and a type its tp_flags, in
/// bytes, from the module's struct types: PyPy's macros read them inline
/// (Py_TYPE(op)->tp_flags), CPython's call static inline functions.
struct ObjectLayout {
  uint64_t TypeOffset, FlagsOffset;
  /// PyPy's tp_pypy_flags, where its PyFloat_Check looks (none in CPython).
  std::optional<uint64_t> PyPyFlagsOffset;
  /// A float's ob_fval, which PyFloat_AS_DOUBLE reads (CPython's macro).
  uint64_t FloatValueOffset = 0;
  /// A type's tp_as_buffer, whose bf_getbuffer (its first field) PyPy's
  /// PyObject_CheckBuffer() tests inline.
  uint64_t BufferProcsOffset = 0;
};
std::optional<ObjectLayout> objectLayout(const llvm::Module &M);

/// The tp_flags bit PyTuple_Check() tests (Py_TPFLAGS_TUPLE_SUBCLASS).
uint64_t tupleSubclassFlag();
/// The tp_flags bit PyLong_Check() tests (Py_TPFLAGS_LONG_SUBCLASS).
uint64_t longSubclassFlag();
/// The tp_flags bits PyBytes_Check() and PyUnicode_Check() test
/// (Py_TPFLAGS_BYTES_SUBCLASS, Py_TPFLAGS_UNICODE_SUBCLASS).
uint64_t bytesSubclassFlag();
uint64_t unicodeSubclassFlag();
/// The tp_pypy_flags bit PyPy's PyFloat_Check() tests (Py_TPPYPYFLAGS_FLOAT_SUBCLASS).
uint64_t pypyFloatSubclassFlag();

/// What a core calls to check its result as CPython checks a builtin's
/// (_Py_CheckFunctionResult in Objects/call.c), in CPython's spelling.
namespace capi {
inline constexpr const char *ErrOccurred = "PyErr_Occurred";     // PyObject *(void)
inline constexpr const char *ErrSetString = "PyErr_SetString";   // void (PyObject *, const char *)
inline constexpr const char *ErrFormatFromCause = "_PyErr_FormatFromCause"; // PyObject *(PyObject *, const char *, ...)
inline constexpr const char *DecRef = "Py_DecRef";               // void (PyObject *), NULL allowed
inline constexpr const char *LongFromLong = "PyLong_FromLong";   // PyObject *(long)
inline constexpr const char *SystemError = "PyExc_SystemError";  // PyObject *
/// const unsigned long Py_Version (3.11+): PY_VERSION_HEX of the running
/// interpreter, which a core reads where the C API's meaning changed
/// (a '#' length without PY_SSIZE_T_CLEAN: 3.13).
inline constexpr const char *Version = "Py_Version";
inline constexpr uint64_t Version313 = 0x030D0000;
} // namespace capi

/// Whether a module uses PyPy's spelling of the C API (PyPyLong_AsLong).
bool usesPyPySpelling(const llvm::Module &M);

/// Whether a symbol belongs to the interpreter (the C API and its internals):
/// every such name starts with "Py" or "_Py", in both spellings.
bool isInterpreterSymbol(llvm::StringRef Name);

/// CPython's spelling of a name that may be spelled PyPy's way.
llvm::SmallString<64> canonicalSpelling(llvm::StringRef Name);

/// The kind a PyArg_ParseTuple format code stores, and the kind a
/// Py_BuildValue code boxes (varargs promote: 'f' reads a double).
std::optional<ValueKind> parseTupleCodeKind(char Code);
std::optional<ValueKind> buildValueCodeKind(char Code);
/// The string kind of PyArg_ParseTuple's "s", "s#", "y" and "y#" (Sized:
/// followed by '#', which also stores the length), or none. "z" and "z#"
/// are "s" and "s#" that also take None, for which they store NULL (and a
/// length of 0): their kinds with PYUNBOX_PARAM_NONE_IS_NULL.
std::optional<ValueKind> parseTupleStringKind(char Code, bool Sized);
/// What a PyArg_ParseTuple unit that no record kind stands for does ("C",
/// "w*", "es", "O!", "(" ...), for the remark that refuses it: "takes a
/// str of one character as its code point, ...".
std::string unsupportedParseUnit(llvm::StringRef Unit);

} // namespace pyunbox

#endif
