//===- BoundaryPrimitives.cpp - The C-API functions pyunbox understands ---===//
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CythonConversions.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include <string>
#include <vector>

using namespace llvm;

namespace pyunbox {
namespace {

using R = PrimitiveRole;
using K = ValueKind;

// Every C-API function the analysis gives a meaning to. Anything else whose
// name isInterpreterSymbol() is "uses the interpreter".
constexpr BoundaryPrimitive Table[] = {
    {"PyLong_AsLong", R::Unbox, K::Long},
    {"PyLong_AsLongLong", R::Unbox, K::LongLong},
    {"PyLong_AsSsize_t", R::Unbox, K::SSizeT},
    {"PyLong_AsUnsignedLong", R::Unbox, K::ULong},
    {"PyLong_AsUnsignedLongLong", R::Unbox, K::ULongLong},
    {"PyLong_AsUnsignedLongMask", R::Unbox, K::ULong},
    {"PyLong_AsUnsignedLongLongMask", R::Unbox, K::ULongLong},
    {"PyLong_AsSize_t", R::Unbox, K::ULong},
    {"_PyLong_AsInt", R::Unbox, K::Int},
    {"PyLong_AsInt", R::Unbox, K::Int}, // 3.13's public name of _PyLong_AsInt, which it removed
    {"PyFloat_AsDouble", R::Unbox, K::Double},
    {"PyObject_IsTrue", R::Unbox, K::Bool},
    // For an int out of range: -1 and *overflow = +-1, no exception. A core's
    // parameter is in range, so there *overflow is 0 (posix's _Py_Uid_Converter
    // goes on to PyLong_AsUnsignedLong only past LONG_MAX).
    {"PyLong_AsLongAndOverflow", R::UnboxOrOverflow, K::Long},
    // 3.14's fixed-width unboxers write an out-parameter and return 0 (a
    // converter's success is 1): int PyLong_AsInt32(PyObject *, int32_t *).
    {"PyLong_AsInt32", R::UnboxInto, K::Int},
    {"PyLong_AsUInt32", R::UnboxInto, K::UInt},
    {"PyLong_AsInt64", R::UnboxInto, K::Long},
    {"PyLong_AsUInt64", R::UnboxInto, K::ULong},
    {"PyLong_AsLongLongAndOverflow", R::UnboxOrOverflow, K::LongLong},

    // Cython's own unboxers (static helpers in every Cython module): for an
    // int they give what PyLong_As* gives, -1 with an exception otherwise.
    // Its integer conversions are below (cythonIntegerConversions).
    {"__Pyx_PyIndex_AsSsize_t", R::Unbox, K::SSizeT},
    // bint: True, False and None by identity, anything else by
    // PyObject_IsTrue; the truth of any object either way.
    {"__Pyx_PyObject_IsTrue", R::Unbox, K::Bool},

    {"PyLong_FromLong", R::Box, K::Long},
    {"PyLong_FromLongLong", R::Box, K::LongLong},
    {"PyLong_FromSsize_t", R::Box, K::SSizeT},
    {"PyLong_FromSize_t", R::Box, K::ULong},
    {"PyLong_FromUnsignedLong", R::Box, K::ULong},
    {"PyLong_FromUnsignedLongLong", R::Box, K::ULongLong},
    // 3.14's fixed-width boxers (int64_t is long on the LP64 targets cores
    // are made for: TargetSupport).
    {"PyLong_FromInt32", R::Box, K::Int},
    {"PyLong_FromUInt32", R::Box, K::UInt},
    {"PyLong_FromInt64", R::Box, K::Long},
    {"PyLong_FromUInt64", R::Box, K::ULong},
    {"PyFloat_FromDouble", R::Box, K::Double},
    {"PyBool_FromLong", R::BoolFromLong, K::Bool},
    {"PyComplex_FromDoubles", R::ForeignBox, K::Void},
    {"PyComplex_FromCComplex", R::ForeignBox, K::Void},
    {"Py_BuildValue", R::BuildValue, K::Void},
    {"_Py_BuildValue_SizeT", R::BuildValue, K::Void},

    {"PyArg_ParseTuple", R::ParseTuple, K::Void},
    {"_PyArg_ParseTuple_SizeT", R::ParseTuple, K::Void},
    {"PyArg_ParseTupleAndKeywords", R::ParseTupleAndKeywords, K::Void},
    {"_PyArg_ParseTupleAndKeywords_SizeT", R::ParseTupleAndKeywords, K::Void},
    // Argument Clinic's converters of one object, int f(PyObject *, void *out):
    // every value of the kind is some int's, which they store unchanged.
    {"_PyLong_UnsignedShort_Converter", R::Converter, K::UShort},
    {"_PyLong_UnsignedInt_Converter", R::Converter, K::UInt},
    {"_PyLong_UnsignedLong_Converter", R::Converter, K::ULong},
    {"_PyLong_UnsignedLongLong_Converter", R::Converter, K::ULongLong},
    {"_PyLong_Size_t_Converter", R::Converter, K::ULong},
    // Clinic's `fildes`: PyObject_AsFileDescriptor, which for an int is
    // _PyLong_AsInt and a ValueError when negative (other objects: fileno()).
    {"_PyLong_FileDescriptor_Converter", R::ConverterOfNonNegative, K::Int},
    {"PyObject_AsFileDescriptor", R::UnboxOfNonNegative, K::Int},
    // __index__: of an int, the int itself (a new reference), so the unboxer
    // after it (Clinic's Py_ssize_t: PyLong_AsSsize_t) unboxes the argument.
    {"_PyNumber_Index", R::IndexOf, K::Void},
    {"PyNumber_Index", R::IndexOf, K::Void},
    {"_PyArg_ParseStack", R::ParseStack, K::Void},
    {"_PyArg_ParseStack_SizeT", R::ParseStack, K::Void},
    {"PyArg_Parse", R::ParseObject, K::Void},
    {"_PyArg_Parse_SizeT", R::ParseObject, K::Void},
    {"_PyArg_ParseStackAndKeywords", R::ParseStackAndKeywords, K::Void},
    {"_PyArg_ParseStackAndKeywords_SizeT", R::ParseStackAndKeywords, K::Void},
    // The objects themselves, each as a plain "O" unit would store it.
    {"PyArg_UnpackTuple", R::UnpackTuple, K::Void},
    {"_PyArg_UnpackStack", R::UnpackStack, K::Void},
    {"_PyArg_UnpackKeywords", R::UnpackKeywords, K::Void},
    {"_PyArg_CheckPositional", R::CheckPositional, K::Void},
    {"PyErr_Occurred", R::ErrOccurred, K::Void},

    // The argument tuple of METH_VARARGS, read without PyArg_ParseTuple
    // (Cython's defs). PyTuple_GET_ITEM is a macro, a load the analysis finds
    // through tupleLayout(); PyPy's Py_SIZE is a macro too.
    {"PyTuple_GET_SIZE", R::TupleSize, K::Void},
    {"PyTuple_Size", R::TupleSize, K::Void},
    {"Py_SIZE", R::TupleSize, K::Void},
    {"_Py_SIZE_impl", R::TupleSize, K::Void}, // 3.15's body of the Py_SIZE macro
    {"PyTuple_GetItem", R::TupleItem, K::Void},
    {"PyTuple_GET_ITEM", R::TupleItem, K::Void},
    // A tuple of boxes made item by item (Cython's `return a, b` and C
    // tuples; analysis/AssembledTuples.cpp). PyTuple_SET_ITEM is a macro
    // (a store at ob_item[i]) in PyPy's headers and in CPython's at -O2.
    {"PyTuple_New", R::TupleNew, K::Tuple},
    {"PyTuple_SET_ITEM", R::TupleSetItem, K::Void},
    {"PyTuple_SetItem", R::TupleSetItem, K::Void},

    // Reference counting: static inline functions in CPython's headers,
    // exported functions in both interpreters.
    {"Py_INCREF", R::IncRef, K::Void},
    {"_Py_INCREF", R::IncRef, K::Void},
    {"Py_XINCREF", R::IncRef, K::Void},
    {"_Py_XINCREF", R::IncRef, K::Void},
    {"Py_IncRef", R::IncRef, K::Void},
    {"Py_DECREF", R::DecRef, K::Void},
    {"_Py_DECREF", R::DecRef, K::Void},
    {"Py_XDECREF", R::XDecRef, K::Void},
    {"_Py_XDECREF", R::XDecRef, K::Void},
    {"Py_DecRef", R::DecRef, K::Void},
    {"Py_NewRef", R::NewRef, K::Void},
    {"_Py_NewRef", R::NewRef, K::Void},
    {"Py_IS_TYPE", R::TypeCheck, K::Void},
    {"_Py_IS_TYPE", R::TypeCheck, K::Void},
    {"_Py_IS_TYPE_impl", R::TypeCheck, K::Void}, // 3.15's body of the Py_IS_TYPE macro

    {"Py_TYPE", R::TypeOf, K::Void},
    {"_Py_TYPE", R::TypeOf, K::Void},      // 3.14's body of the Py_TYPE macro
    {"_Py_TYPE_impl", R::TypeOf, K::Void}, // 3.15's
    // PyTuple_Check(args) in assert()s (builds without NDEBUG): true of the
    // argument tuple, which CPython always passes as an exact tuple.
    {"PyType_HasFeature", R::TypeHasFeature, K::Void},
    // CPython's PyLong_Check is PyType_HasFeature(Py_TYPE(op), ...); PyPy's
    // a function. Of an argument unboxed as an integer, true (IntChecks).
    {"PyLong_Check", R::IntCheck, K::Void},
    // Of a bytes, true (BytesChecks): hashlib's GET_BUFFER_VIEW_OR_ERROUT
    // tests it before PyObject_GetBuffer.
    {"PyObject_CheckBuffer", R::BufferCheck, K::Void},
    // Of a bytes, false (BytesChecks): PyPy's functions for what CPython's
    // macros test by the type (Cython's `const char *` argument tests
    // PyByteArray_Check first).
    {"PyByteArray_Check", R::OtherTypeCheck, K::Void},
    {"PyByteArray_CheckExact", R::OtherTypeCheck, K::Void},
    {"PyMemoryView_Check", R::OtherTypeCheck, K::Void},
    {"Py_REFCNT", R::ReadsObject, K::Void},
    {"_Py_REFCNT", R::ReadsObject, K::Void}, // 3.14's body of the Py_REFCNT macro
    {"_PyObject_CAST", R::ReadsObject, K::Void},
    // A float's value without a check (isFloatValueRead): a read like
    // CPython's load of ob_fval, which only the float fast path's arm and a
    // float world make (ArgumentIdioms.cpp, FloatIntDispatch.cpp); anywhere
    // else its operand is an argument used for more than unboxing.
    {"PyFloat_AS_DOUBLE", R::ReadsObject, K::Void},
    // A module's state: its md_state field (of a module function's self,
    // always a module). Where the state only names a raise's exception
    // (audioop's AudioopError), a bailing core does without self.
    {"PyModule_GetState", R::ReadsObject, K::Void},

    {"PyErr_SetString", R::RaisesError, K::Void},
    {"PyErr_SetObject", R::RaisesError, K::Void},
    {"PyErr_SetNone", R::RaisesError, K::Void},
    {"PyErr_Format", R::RaisesError, K::Void},
    {"PyErr_FormatV", R::RaisesError, K::Void},
    {"PyErr_SetFromErrno", R::RaisesError, K::Void},
    {"PyErr_SetFromErrnoWithFilename", R::RaisesError, K::Void},
    {"PyErr_SetFromErrnoWithFilenameObject", R::RaisesError, K::Void},
    {"PyErr_NoMemory", R::RaisesError, K::Void},
    {"PyErr_BadArgument", R::RaisesError, K::Void},
    {"PyErr_BadInternalCall", R::RaisesError, K::Void},
    {"_PyErr_BadInternalCall", R::RaisesError, K::Void},

    // Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS around a system call.
    {"PyEval_SaveThread", R::ReleaseGil, K::Void},
    {"PyEval_RestoreThread", R::AcquireGil, K::Void},
    // The GIL taken for a moment, and given back.
    {"PyGILState_Ensure", R::EnsureGil, K::Void},
    {"PyGILState_Release", R::ReleaseEnsuredGil, K::Void},

    // A view of an argument's buffer: Argument Clinic's Py_buffer unit
    // (what "y*" and "s*" do in a format), its test and its release.
    {"PyObject_GetBuffer", R::GetBuffer, K::BytesSize},
    {"PyBuffer_IsContiguous", R::BufferIsContiguous, K::Void},
    {"PyBuffer_Release", R::ReleaseBuffer, K::Void},

    // A bytes argument read by hand (analysis/BytesObjectReads.cpp): for an
    // exact bytes, its bytes and their count, what "y#" gives. CPython
    // 3.11's PyBytes_AS_STRING and PyBytes_GET_SIZE are static inline
    // functions; PyPy's are PyPyBytes_AS_STRING and PyPyBytes_Size. Py_SIZE
    // of an argument is its count too (TupleSize, visitTupleSize).
    {"PyBytes_AS_STRING", R::BytesData, K::BytesSize},
    {"PyBytes_AsString", R::BytesData, K::BytesSize},
    {"PyBytes_GET_SIZE", R::BytesLength, K::BytesSize},
    {"PyBytes_Size", R::BytesLength, K::BytesSize},
    // Both into out-parameters, 0 for success (Cython's `const char *`
    // argument, __Pyx_PyObject_AsStringAndSize). With no length pointer it
    // raises for bytes with a NUL in them, which BYTES' callers never pass.
    {"PyBytes_AsStringAndSize", R::BytesInto, K::BytesSize},

    {"PyModule_Create2", R::ModuleCreate, K::Void},
    {"PyModule_FromDefAndSpec2", R::ModuleCreate, K::Void},
    {"PyModuleDef_Init", R::ModuleCreate, K::Void},
};

const StringMap<const BoundaryPrimitive *> &index() {
  static const StringMap<const BoundaryPrimitive *> Index = [] {
    StringMap<const BoundaryPrimitive *> M;
    for (const BoundaryPrimitive &P : Table)
      M[P.Name] = &P;
    return M;
  }();
  return Index;
}

} // namespace

SmallString<64> canonicalSpelling(StringRef Name) {
  // On the stack: the lookups run for every call the analysis looks at.
  SmallString<64> N;
  if (compat::startsWith(Name, "_PyPy"))
    (N += "_Py") += Name.drop_front(5);
  else if (compat::startsWith(Name, "PyPy"))
    (N += "Py") += Name.drop_front(4);
  else
    N = Name;
  return N;
}

bool readsMethodTable(StringRef FunctionName) {
  static const StringRef Readers[] = {"PyModule_AddFunctions", "PyCFunction_New",
                                      "PyCFunction_NewEx",     "PyCMethod_New",
                                      "PyDescr_NewMethod",     "PyDescr_NewClassMethod",
                                      "Py_InitModule4",        "Py_InitModule4_64",
                                      // Cython's function objects (a static function, or a
                                      // pointer imported from its shared module in 3.3)
                                      "__Pyx_CyFunction_New",  "__Pyx_CyFunction_NewEx"};
  SmallString<64> N = canonicalSpelling(FunctionName);
  return is_contained(Readers, StringRef(N));
}

// Whether a name may be a primitive's: the C API's, or Cython's helpers.
// Most callees a draft asks about are neither (the module's own, libc's).
static bool mayBePrimitive(StringRef Name) {
  return isInterpreterSymbol(Name) || compat::startsWith(Name, "__Pyx_");
}

const BoundaryPrimitive *lookupPrimitive(StringRef Name) {
  if (!mayBePrimitive(Name))
    return nullptr;
  // PyPy's spelling is folded first; CPython's is looked up as it is.
  const auto &Index = index();
  bool PyPy = compat::startsWith(Name, "PyPy") || compat::startsWith(Name, "_PyPy");
  auto It = PyPy ? Index.find(canonicalSpelling(Name)) : Index.find(Name);
  if (It != Index.end())
    return It->second;
  return cythonConversionBySpelling(Name);
}

// In a C++ file the headers' static inline functions (Py_IS_TYPE,
// Py_INCREF, PyType_HasFeature, ...) have internal linkage and mangled
// names (_ZL10Py_IS_TYPEP7_objectP11_typeobject): such a function at
// namespace scope is the C API's of its base name. Empty for any other.
// -funique-internal-linkage-names (AutoFDO's and pseudo probes' builds)
// mangles a C file's static functions so too, with a clone suffix
// (_ZL10_Py_NewRefP7_object.__uniq.1489...), which is not part of the name
// and which the demangler reads as a clone of a function, not a function.
static std::string headerInlineName(const Function &F) {
  if (!F.hasLocalLinkage() || !compat::startsWith(F.getName(), "_ZL"))
    return {};
  // Only a name that may be the C API's is demangled (this runs for every
  // call the analysis looks at): _ZL<length> then Py..., _Py... or __Pyx_.
  StringRef Rest = F.getName().drop_front(3).drop_while([](char C) { return C >= '0' && C <= '9'; });
  if (!compat::startsWith(Rest, "Py") && !compat::startsWith(Rest, "_Py") &&
      !compat::startsWith(Rest, "__Pyx_"))
    return {};
  ItaniumPartialDemangler D;
  std::string Mangled = F.getName().split('.').first.str(); // no mangled name has a '.'
  if (D.partialDemangle(Mangled.c_str()) || !D.isFunction())
    return {};
  size_t N = 0;
  char *Context = D.getFunctionDeclContextName(nullptr, &N);
  bool AtNamespaceScope = Context && !*Context;
  std::free(Context);
  char *Base = AtNamespaceScope ? D.getFunctionBaseName(nullptr, &N) : nullptr;
  std::string Name = Base ? Base : "";
  std::free(Base);
  return Name;
}

std::string apiName(const Function &F) {
  std::string Unmangled = headerInlineName(F);
  return Unmangled.empty() ? F.getName().str() : Unmangled;
}

const BoundaryPrimitive *lookupPrimitive(const Function &F) {
  StringRef Name = F.getName();
  std::string Unmangled = headerInlineName(F);
  if (!Unmangled.empty())
    Name = Unmangled;
  if (!mayBePrimitive(Name))
    return nullptr;
  if (const BoundaryPrimitive *P = cythonConversion(F))
    return P;
  return lookupPrimitive(Name);
}

const BoundaryPrimitive *calledPrimitive(const Value *V) {
  auto *CB = dyn_cast<CallBase>(V);
  const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  return Callee ? lookupPrimitive(*Callee) : nullptr;
}

bool callsRole(const Value *V, PrimitiveRole R) {
  const BoundaryPrimitive *P = calledPrimitive(V);
  return P && P->Role == R;
}

Value *newReferenceOperand(const CallBase &CB) {
  if (callsRole(&CB, PrimitiveRole::BuildValue))
    return CB.arg_size() == 2 ? CB.getArgOperand(1) : nullptr;
  return callsRole(&CB, PrimitiveRole::NewRef) && CB.arg_size() == 1 ? CB.getArgOperand(0) : nullptr;
}

bool keepsArgumentObject(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isIntrinsic())
    return false;
  if (lookupPrimitive(*Callee))
    return false;
  return Callee->isDeclaration();
}

std::optional<Singleton> lookupSingleton(StringRef GlobalName) {
  SmallString<64> N = canonicalSpelling(GlobalName);
  if (N == "_Py_NoneStruct")
    return Singleton::None;
  if (N == "_Py_TrueStruct")
    return Singleton::True;
  if (N == "_Py_FalseStruct")
    return Singleton::False;
  return std::nullopt;
}

std::optional<Singleton> singletonOf(const Value *V) {
  if (auto *GV = dyn_cast<GlobalValue>(V->stripPointerCasts()))
    return lookupSingleton(GV->getName());
  return std::nullopt;
}

bool isFloatTypeObject(StringRef GlobalName) {
  return canonicalSpelling(GlobalName) == "PyFloat_Type";
}

bool isLongTypeObject(StringRef GlobalName) {
  return canonicalSpelling(GlobalName) == "PyLong_Type";
}

bool isBytesTypeObject(StringRef GlobalName) {
  return canonicalSpelling(GlobalName) == "PyBytes_Type";
}

bool isUnicodeTypeObject(StringRef GlobalName) {
  return canonicalSpelling(GlobalName) == "PyUnicode_Type";
}

bool isForeignType(StringRef GlobalName) {
  static const StringRef Passed[] = {"PyLong_Type",  "PyBool_Type",  "PyFloat_Type",
                                     "PyUnicode_Type", "PyBytes_Type", "_PyNone_Type"};
  SmallString<64> N = canonicalSpelling(GlobalName);
  return !is_contained(Passed, StringRef(N));
}

bool bytesIsInstanceOf(StringRef GlobalName) {
  return isBytesTypeObject(GlobalName) || canonicalSpelling(GlobalName) == "PyBaseObject_Type";
}

bool unicodeIsInstanceOf(StringRef GlobalName) {
  return isUnicodeTypeObject(GlobalName) || canonicalSpelling(GlobalName) == "PyBaseObject_Type";
}

bool isUnicodeAsUtf8AndSize(StringRef FunctionName) {
  return canonicalSpelling(FunctionName) == "PyUnicode_AsUTF8AndSize";
}

bool isStrConversion(StringRef FunctionName) {
  return compat::startsWith(canonicalSpelling(FunctionName), "PyUnicode_As");
}

bool isObjectTypeCheck(StringRef FunctionName) {
  return canonicalSpelling(FunctionName) == "PyObject_TypeCheck";
}

bool isSubtypeCheck(StringRef FunctionName) {
  return canonicalSpelling(FunctionName) == "PyType_IsSubtype";
}

bool isIntAsDouble(StringRef FunctionName) {
  return canonicalSpelling(FunctionName) == "PyLong_AsDouble";
}

bool isFloatValueRead(StringRef FunctionName) {
  return canonicalSpelling(FunctionName) == "PyFloat_AS_DOUBLE";
}

// A struct type clang names after the headers' typedefs, looked up by name in
// the context (a walk of the module's types would cost the whole module for
// every wrapper).
static StructType *namedStruct(const Module &M, StringRef Name) {
  StructType *T = StructType::getTypeByName(M.getContext(), Name);
  return T && !T->isOpaque() ? T : nullptr;
}

std::optional<TupleLayout> tupleLayout(const Module &M) {
  StructType *Var = namedStruct(M, "struct.PyVarObject");
  if (!Var || Var->getNumElements() != 2 || !Var->getElementType(1)->isIntegerTy())
    return std::nullopt;
  const DataLayout &DL = M.getDataLayout();
  uint64_t SizeOffset = DL.getStructLayout(Var)->getElementOffset(1);
  // PyObject_VAR_HEAD then PyObject *ob_item[1], in both interpreters;
  // CPython 3.14 put a cached hash (Py_hash_t ob_hash) between them. A
  // module that never names PyTupleObject (PyPy's PyTuple_GET_SIZE reads
  // ob_size through PyVarObject) has the items right after the header.
  StructType *Tuple = namedStruct(M, "struct.PyTupleObject");
  if (!Tuple)
    return TupleLayout{SizeOffset,
                       alignTo(DL.getTypeAllocSize(Var), DL.getPointerABIAlignment(0))};
  // Checked before any element is read: a module may name its own struct so.
  unsigned N = Tuple->getNumElements();
  if (N < 2 || N > 3 || Tuple->getElementType(0) != Var ||
      (N == 3 && !Tuple->getElementType(1)->isIntegerTy()))
    return std::nullopt;
  unsigned Items = N - 1;
  auto *ItemArray = dyn_cast<ArrayType>(Tuple->getElementType(Items));
  if (!ItemArray || !ItemArray->getElementType()->isPointerTy())
    return std::nullopt;
  return TupleLayout{SizeOffset, DL.getStructLayout(Tuple)->getElementOffset(Items)};
}

std::optional<ObjectLayout> objectLayout(const Module &M) {
  // struct _object ends with ob_type in both interpreters (PyPy has
  // ob_pypy_link before it). In struct _typeobject, tp_flags follows the
  // PyObject_VAR_HEAD and 18 fields from tp_name to tp_as_buffer, in both;
  // struct PyBufferProcs starts with bf_getbuffer in both.
  StructType *Object = namedStruct(M, "struct._object");
  StructType *Type = namedStruct(M, "struct._typeobject");
  const unsigned Flags = 19;
  if (!Object || !Type || Object->getNumElements() < 2 ||
      !Object->getElementType(Object->getNumElements() - 1)->isPointerTy() ||
      Type->getNumElements() <= Flags || !Type->getElementType(Flags)->isIntegerTy(64) ||
      !Type->getElementType(Flags - 1)->isPointerTy() || !Type->getElementType(1)->isPointerTy())
    return std::nullopt;
  const DataLayout &DL = M.getDataLayout();
  ObjectLayout Layout{DL.getStructLayout(Object)->getElementOffset(Object->getNumElements() - 1),
                      DL.getStructLayout(Type)->getElementOffset(Flags), std::nullopt};
  Layout.BufferProcsOffset = DL.getStructLayout(Type)->getElementOffset(Flags - 1);
  // PyFloatObject is {PyObject_HEAD double ob_fval;} in both.
  Layout.FloatValueOffset =
      alignTo(DL.getTypeAllocSize(Object), DL.getABITypeAlign(llvm::Type::getDoubleTy(M.getContext())));
  // PyPy's struct _typeobject ends with `long tp_pypy_flags`
  // (cpyext_object.h); CPython's never with a long (3.11 ends with
  // tp_vectorcall, 3.12 with an unsigned char, 3.13 with a uint16_t).
  unsigned Last = Type->getNumElements() - 1;
  if (Type->getElementType(Last)->isIntegerTy(64))
    Layout.PyPyFlagsOffset = DL.getStructLayout(Type)->getElementOffset(Last);
  return Layout;
}

bool usesPyPySpelling(const Module &M) {
  for (const Function &F : M)
    if (F.isDeclaration() && (compat::startsWith(F.getName(), "PyPy") || compat::startsWith(F.getName(), "_PyPy")))
      return true;
  return false;
}

// CPython's object.h: Py_TPFLAGS_TUPLE_SUBCLASS, set in PyTuple_Type.
uint64_t tupleSubclassFlag() { return 1ULL << 26; }
uint64_t longSubclassFlag() { return 1ULL << 24; }
uint64_t bytesSubclassFlag() { return 1ULL << 27; }
uint64_t unicodeSubclassFlag() { return 1ULL << 28; }
// PyPy's object.h.
uint64_t pypyFloatSubclassFlag() { return 1ULL << 0; }

bool isInterpreterSymbol(StringRef Name) {
  return compat::startsWith(Name, "Py") || compat::startsWith(Name, "_Py");
}

// CPython's Python/getargs.c: the numeric codes and the C types they store.
std::optional<ValueKind> parseTupleCodeKind(char Code) {
  switch (Code) {
  case 'b': return K::UChar;  // range-checked unsigned char
  case 'B': return K::UChar;  // unsigned char, masked
  case 'h': return K::Short;
  case 'H': return K::UShort; // masked
  case 'i': return K::Int;
  case 'I': return K::UInt;   // masked
  case 'l': return K::Long;
  case 'k': return K::ULong;  // masked
  case 'L': return K::LongLong;
  case 'K': return K::ULongLong; // masked
  case 'n': return K::SSizeT;
  case 'f': return K::Float;
  case 'd': return K::Double;
  case 'p': return K::Bool;   // stores an int 0 or 1
  default: return std::nullopt;
  }
}

// CPython's Python/getargs.c: the units that store a pointer to the
// argument's bytes (a str's UTF-8 for 's', a bytes object's own for 'y'),
// and with '#' their length after it. "s*", "z", "es" and the others are
// not these: they fill a Py_buffer, take None or allocate.
std::optional<ValueKind> parseTupleStringKind(char Code, bool Sized) {
  switch (Code) {
  case 's':
  case 'z': return Sized ? K::Utf8Size : K::Utf8;
  case 'y': return Sized ? K::BytesSize : K::Bytes;
  default: return std::nullopt;
  }
}

// CPython's Python/getargs.c: what the units no record kind stands for do.
std::string unsupportedParseUnit(StringRef Unit) {
  static const std::pair<const char *, const char *> Units[] = {
      {"c", "takes a bytes or bytearray of length 1 as a C char: no record kind stands for a "
            "one-byte argument"},
      {"C", "takes a str of one character as its code point: no record kind stands for a "
            "one-character argument"},
      {"D", "takes a complex as a Py_complex, which is no C scalar"},
      {"S", "takes the bytes object itself, not a C scalar"},
      {"Y", "takes the bytearray object itself, not a C scalar"},
      {"U", "takes the str object itself, not a C scalar"},
      {"O!", "takes the object itself (of a type it checks), not a C scalar"},
      {"w*", "fills a view of a writable buffer, which the wrapper may write through"},
      {"z*", "fills a view of a buffer, or an empty one for None, which no record kind stands for"},
      {"es", "allocates an encoded copy of the string, which the wrapper must free"},
      {"et", "allocates an encoded copy of the string, which the wrapper must free"},
      {"u", "takes a str as a wchar_t array (gone in CPython 3.12)"},
      {"Z", "takes a str as a wchar_t array (gone in CPython 3.12)"},
      {"(", "unpacks a nested sequence into its own units"},
  };
  // "c", "u#", "es#": '#' adds only a length.
  StringRef Key = compat::endsWith(Unit, "#") ? Unit.drop_back() : Unit;
  for (const auto &[Code, What] : Units)
    if (Key == Code)
      return What;
  return "does not unbox a C scalar";
}

// CPython's Python/modsupport.c: codes that box exactly one C scalar.
std::optional<ValueKind> buildValueCodeKind(char Code) {
  switch (Code) {
  case 'b':
  case 'B':
  case 'h':
  case 'i': return K::Int;   // read as an int vararg
  case 'H':
  case 'I': return K::UInt;
  case 'l': return K::Long;
  case 'k': return K::ULong;
  case 'L': return K::LongLong;
  case 'K': return K::ULongLong;
  case 'n': return K::SSizeT;
  case 'd': return K::Double;
  case 'f': return K::Double; // a float vararg arrives promoted to double
  default: return std::nullopt;
  }
}

} // namespace pyunbox
