// WrapperAnalysis on hand-written SSA wrappers: what it accepts, how it
// describes it, and the reason it gives for what it refuses.
#include "IRTestHelpers.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/MethodTables.h"
#include "pyunbox/passes/WrapperAnalysis.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "pyunbox/passes/LLVMCompat.h" // Triple.h, whose place changed
#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

class WrapperAnalysisTest : public ::testing::Test {
protected:
  AnalysisResult analyze(const std::string &IR, unsigned Flags, StringRef Name = "w") {
    M = test::parseWithPrelude(Ctx, IR);
    if (!M)
      return {};
    TLII = std::make_unique<TargetLibraryInfoImpl>(Triple(M->getTargetTriple()));
    TLI = std::make_unique<TargetLibraryInfo>(*TLII);
    Summaries = std::make_unique<CalleeSummaries>(TLI.get());
    return analyzeWrapper(*M->getFunction(Name), Flags, *Summaries);
  }
  void expectRefused(const AnalysisResult &R, StringRef Key) {
    ASSERT_FALSE(R.Shape.has_value()) << "expected refusal " << Key.str();
    EXPECT_EQ(refusalKeyName(R.Why.Key), Key) << R.Why.Reason;
    EXPECT_FALSE(R.Why.Reason.empty());
  }
  LLVMContext Ctx;
  std::unique_ptr<Module> M;
  std::unique_ptr<TargetLibraryInfoImpl> TLII;
  std::unique_ptr<TargetLibraryInfo> TLI;
  std::unique_ptr<CalleeSummaries> Summaries;
};

const char *IncIR = R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %bad = icmp eq i64 %n, -1
  br i1 %bad, label %check, label %ok
check:
  %err = call ptr @PyErr_Occurred()
  %set = icmp ne ptr %err, null
  br i1 %set, label %fail, label %ok
fail:
  ret ptr null
ok:
  %r = add i64 %n, 1
  %box = call ptr @PyLong_FromLong(i64 %r)
  ret ptr %box
}
)IR";

TEST_F(WrapperAnalysisTest, MethOLongToLong) {
  AnalysisResult R = analyze(IncIR, METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Conv, Convention::O);
  ASSERT_EQ(R.Shape->Params.size(), 1u);
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Long);
  EXPECT_EQ(R.Shape->Return, ValueKind::Long);
  EXPECT_EQ(R.Shape->Unboxes.size(), 1u);
  EXPECT_EQ(R.Shape->Returns.size(), 1u) << "the NULL return is not executable";
  EXPECT_FALSE(R.Shape->NeedsInterpreter);
}

TEST_F(WrapperAnalysisTest, PyPySpellingIsTheSameApi) {
  std::string IR = IncIR;
  for (std::string From : {"@PyLong_AsLong", "@PyLong_FromLong"}) {
    std::string To = "@PyPy" + From.substr(3);
    IR.replace(IR.find(From), From.size(), To);
  }
  AnalysisResult R = analyze(IR, METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Return, ValueKind::Long);
}

TEST_F(WrapperAnalysisTest, WrongFlagsForTheSignature) {
  expectRefused(analyze(IncIR, METH_FASTCALL), "UnexpectedSignature"); // an array, no nargs
  // Without the keywords it may declare: then its second parameter is the
  // tuple, which it unboxes as if it were an int.
  expectRefused(analyze(IncIR, METH_VARARGS | METH_KEYWORDS), "ArgumentEscapes");
  expectRefused(analyze(IncIR, 0), "BadCallFlags");
}

TEST_F(WrapperAnalysisTest, UsesSelf) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %box = call ptr @PyLong_FromLong(i64 1)
  %r = select i1 true, ptr %self, ptr %box
  ret ptr %r
}
)IR",
                        METH_O),
                "UsesSelf");
}

TEST_F(WrapperAnalysisTest, RaisingFunctionBails) {
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %neg = icmp slt i64 %n, 0
  br i1 %neg, label %raise, label %ok
raise:
  %exc = load ptr, ptr @PyExc_ValueError
  call void @PyErr_SetString(ptr %exc, ptr null)
  ret ptr null
ok:
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Errors, PYUNBOX_ERRORS_BAIL);
  EXPECT_EQ(R.Shape->BailPoints.size(), 1u);
  EXPECT_EQ(R.Shape->Return, ValueKind::Long);
}

TEST_F(WrapperAnalysisTest, StateChangedBeforeARaiseRaisesItself) {
  AnalysisResult R = analyze(R"IR(
@count = internal global i64 0
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  store i64 %n, ptr @count
  %neg = icmp slt i64 %n, 0
  br i1 %neg, label %raise, label %ok
raise:
  %exc = load ptr, ptr @PyExc_ValueError
  call void @PyErr_SetString(ptr %exc, ptr null)
  ret ptr null
ok:
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Errors, PYUNBOX_ERRORS_PYERR);
  EXPECT_TRUE(R.Shape->NeedsInterpreter);
  EXPECT_TRUE(R.Shape->BailPoints.empty());
}

TEST_F(WrapperAnalysisTest, StateChangedThenNullWithoutARaise) {
  expectRefused(analyze(R"IR(
@count = internal global i64 0
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  store i64 %n, ptr @count
  %neg = icmp slt i64 %n, 0
  br i1 %neg, label %raise, label %other
raise:
  %exc = load ptr, ptr @PyExc_ValueError
  call void @PyErr_SetString(ptr %exc, ptr null)
  ret ptr null
other:
  %big = icmp sgt i64 %n, 100
  br i1 %big, label %fail, label %ok
fail:
  ret ptr null
ok:
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}
)IR",
                        METH_O),
                "MayFail");
}

TEST_F(WrapperAnalysisTest, StateChangedOnlyAfterTheLastRaise) {
  AnalysisResult R = analyze(R"IR(
@count = internal global i64 0
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %neg = icmp slt i64 %n, 0
  br i1 %neg, label %raise, label %ok
raise:
  %exc = load ptr, ptr @PyExc_ValueError
  call void @PyErr_SetString(ptr %exc, ptr null)
  ret ptr null
ok:
  store i64 %n, ptr @count
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Errors, PYUNBOX_ERRORS_BAIL);
}


TEST_F(WrapperAnalysisTest, ArgumentPassedToTheInterpreter) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %r = call ptr @PyObject_Repr(ptr %arg)
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}
)IR",
                        METH_O),
                "ArgumentEscapes");
}

TEST_F(WrapperAnalysisTest, ReturnsTheArgument) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  ret ptr %arg
}
)IR",
                        METH_O),
                "ArgumentEscapes");
}

TEST_F(WrapperAnalysisTest, UnknownExternalCallee) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %m = call i64 @external_helper(i64 %n)
  %box = call ptr @PyLong_FromLong(i64 %m)
  ret ptr %box
}
)IR",
                        METH_O),
                "CallsUnknownFunction");
}

TEST_F(WrapperAnalysisTest, LibmAndCleanHelpersAreFine) {
  AnalysisResult R = analyze(R"IR(
define internal double @helper(double %x) {
  %s = call double @sqrt(double %x)
  ret double %s
}
define internal ptr @w(ptr %self, ptr %arg) {
  %x = call double @PyFloat_AsDouble(ptr %arg)
  %s = call double @helper(double %x)
  %box = call ptr @PyFloat_FromDouble(double %s)
  ret ptr %box
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Double);
}

TEST_F(WrapperAnalysisTest, HelperThatUsesTheInterpreter) {
  expectRefused(analyze(R"IR(
define internal i64 @helper(i64 %x) {
  %e = call ptr @PyErr_Occurred()
  ret i64 %x
}
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %m = call i64 @helper(i64 %n)
  %box = call ptr @PyLong_FromLong(i64 %m)
  ret ptr %box
}
)IR",
                        METH_O),
                "CallsInterpreterHelper");
}

TEST_F(WrapperAnalysisTest, FastcallCountCheckFolds) {
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %args, i64 %nargs) {
entry:
  %ok = icmp eq i64 %nargs, 2
  br i1 %ok, label %body, label %fail
fail:
  %exc = load ptr, ptr @PyExc_TypeError
  call void @PyErr_SetString(ptr %exc, ptr null)
  ret ptr null
body:
  %a0 = load ptr, ptr %args
  %p1 = getelementptr inbounds ptr, ptr %args, i64 1
  %a1 = load ptr, ptr %p1
  %x = call i64 @PyLong_AsLong(ptr %a0)
  %y = call i64 @PyLong_AsLong(ptr %a1)
  %s = mul i64 %x, %y
  %box = call ptr @PyLong_FromLong(i64 %s)
  ret ptr %box
}
)IR",
                             METH_FASTCALL);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Params.size(), 2u);
  EXPECT_EQ(R.Shape->DeadBlocks.size(), 1u);
}

TEST_F(WrapperAnalysisTest, FastcallThatAlwaysFailsForItsArity) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %args, i64 %nargs) {
entry:
  %ok = icmp eq i64 %nargs, 3
  br i1 %ok, label %body, label %fail
fail:
  ret ptr null
body:
  %a0 = load ptr, ptr %args
  %x = call i64 @PyLong_AsLong(ptr %a0)
  %box = call ptr @PyLong_FromLong(i64 %x)
  ret ptr %box
}
)IR",
                        METH_FASTCALL),
                "NoNormalReturn");
}

TEST_F(WrapperAnalysisTest, ParseTupleFormats) {
  AnalysisResult R = analyze(R"IR(
@fmt = private constant [8 x i8] c"idp:add\00"
define internal ptr @w(ptr %self, ptr %args) {
entry:
  %a = alloca i32
  %b = alloca double
  %c = alloca i32
  %ok = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @fmt, ptr %a, ptr %b, ptr %c)
  %failed = icmp eq i32 %ok, 0
  br i1 %failed, label %fail, label %body
fail:
  ret ptr null
body:
  %x = load double, ptr %b
  %box = call ptr @PyFloat_FromDouble(double %x)
  ret ptr %box
}
)IR",
                             METH_VARARGS);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  ASSERT_EQ(R.Shape->Params.size(), 3u);
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Int);
  EXPECT_EQ(R.Shape->Params[1], ValueKind::Double);
  EXPECT_EQ(R.Shape->Params[2], ValueKind::Bool);
}

TEST_F(WrapperAnalysisTest, ParseTupleObjectCodeNeverUnboxed) {
  // "O" stores the object; the wrapper never unboxes it.
  expectRefused(analyze(R"IR(
@fmt = private constant [3 x i8] c"lO\00"
define internal ptr @w(ptr %self, ptr %args) {
entry:
  %a = alloca i64
  %o = alloca ptr
  %ok = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @fmt, ptr %a, ptr %o)
  %x = load i64, ptr %a
  %box = call ptr @PyLong_FromLong(i64 %x)
  ret ptr %box
}
)IR",
                        METH_VARARGS),
                "ArgumentNotUnboxed");
}

TEST_F(WrapperAnalysisTest, ParseTupleObjectCodeUnboxedAfterwards) {
  // The loads of an "O" unit's variable after the parse are argument 2: the
  // unboxer of one gives its kind; the core stores nothing there.
  AnalysisResult R = analyze(R"IR(
@fmt = private constant [3 x i8] c"lO\00"
define internal ptr @w(ptr %self, ptr %args) {
entry:
  %a = alloca i64
  %o = alloca ptr
  %ok = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @fmt, ptr %a, ptr %o)
  %x = load i64, ptr %a
  %obj = load ptr, ptr %o
  %y = call double @PyFloat_AsDouble(ptr %obj)
  %xf = sitofp i64 %x to double
  %s = fadd double %xf, %y
  %box = call ptr @PyFloat_FromDouble(double %s)
  ret ptr %box
}
)IR",
                             METH_VARARGS);
  ASSERT_TRUE(R.Shape) << R.Why.Reason;
  ASSERT_EQ(R.Shape->Params.size(), 2u);
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Long);
  EXPECT_EQ(R.Shape->Params[1], ValueKind::Double);
  ASSERT_EQ(R.Shape->Parses.size(), 1u);
  EXPECT_EQ(R.Shape->Parses[0].StoredTypes[1], nullptr);
}

TEST_F(WrapperAnalysisTest, ParseTupleObjectCodeAddressEscapes) {
  // The variable's address goes to a helper, which may store another object.
  expectRefused(analyze(R"IR(
@fmt = private constant [2 x i8] c"O\00"
declare void @helper(ptr)
define internal ptr @w(ptr %self, ptr %args) {
entry:
  %o = alloca ptr
  %ok = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @fmt, ptr %o)
  call void @helper(ptr %o)
  %obj = load ptr, ptr %o
  %y = call double @PyFloat_AsDouble(ptr %obj)
  %box = call ptr @PyFloat_FromDouble(double %y)
  ret ptr %box
}
)IR",
                        METH_VARARGS),
                "UnsupportedFormat");
}

TEST_F(WrapperAnalysisTest, FloatFastPathDiamond) {
  // The headers' struct types say where ob_fval is (after PyObject's 16
  // bytes): the fast arm's load reads it.
  AnalysisResult R = analyze(R"IR(
%struct._object = type { i64, ptr }
%struct.PyVarObject = type { %struct._object, i64 }
%struct._typeobject = type { %struct.PyVarObject, ptr, i64, i64, ptr, i64, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, ptr, i64, ptr }
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %exact = call i32 @Py_IS_TYPE(ptr %arg, ptr @PyFloat_Type)
  %t = icmp ne i32 %exact, 0
  br i1 %t, label %fast, label %slow
fast:
  %f = getelementptr inbounds i8, ptr %arg, i64 16
  %v1 = load double, ptr %f
  br label %join
slow:
  %v2 = call double @PyFloat_AsDouble(ptr %arg)
  br label %join
join:
  %x = phi double [ %v1, %fast ], [ %v2, %slow ]
  %h = fmul double %x, 5.000000e-01
  %box = call ptr @PyFloat_FromDouble(double %h)
  ret ptr %box
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Double);
}

TEST_F(WrapperAnalysisTest, FloatCheckWithDifferentArms) {
  // The fast arm returns something else: not the unboxing diamond.
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %exact = call i32 @Py_IS_TYPE(ptr %arg, ptr @PyFloat_Type)
  %t = icmp ne i32 %exact, 0
  br i1 %t, label %fast, label %slow
fast:
  %b1 = call ptr @PyFloat_FromDouble(double 1.0)
  ret ptr %b1
slow:
  %v2 = call double @PyFloat_AsDouble(ptr %arg)
  %b2 = call ptr @PyFloat_FromDouble(double %v2)
  ret ptr %b2
}
)IR",
                        METH_O),
                "ArgumentEscapes");
}

TEST_F(WrapperAnalysisTest, BoolResultsFromSingletonsAndPyBool) {
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %z = icmp eq i64 %n, 0
  br i1 %z, label %yes, label %other
yes:
  %t = call ptr @_Py_NewRef(ptr @_Py_TrueStruct)
  ret ptr %t
other:
  %b = call ptr @PyBool_FromLong(i64 %n)
  ret ptr %b
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Return, ValueKind::Bool);
}

TEST_F(WrapperAnalysisTest, IsTrueErrorCheckFoldsForABool) {
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %t = call i32 @PyObject_IsTrue(ptr %arg)
  %err = icmp slt i32 %t, 0
  br i1 %err, label %fail, label %ok
fail:
  ret ptr null
ok:
  %n = icmp eq i32 %t, 0
  %z = zext i1 %n to i64
  %b = call ptr @PyBool_FromLong(i64 %z)
  ret ptr %b
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Bool);
  EXPECT_EQ(R.Shape->Return, ValueKind::Bool);
}

TEST_F(WrapperAnalysisTest, UndefinedObjectOnARuledOutPathIsIgnored) {
  // clang's cleanup slot at -O2: the undef only flows where the switch
  // later sends control elsewhere.
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %c = icmp eq i64 %n, 0
  br i1 %c, label %ret1, label %brk
ret1:
  %f = call ptr @_Py_NewRef(ptr @_Py_FalseStruct)
  br label %cleanup
brk:
  br label %cleanup
cleanup:
  %dest = phi i32 [ 1, %ret1 ], [ 2, %brk ]
  %obj = phi ptr [ %f, %ret1 ], [ undef, %brk ]
  switch i32 %dest, label %out [ i32 2, label %true ]
true:
  %t = call ptr @_Py_NewRef(ptr @_Py_TrueStruct)
  br label %out
out:
  %r = phi ptr [ %obj, %cleanup ], [ %t, %true ]
  ret ptr %r
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Return, ValueKind::Bool);
}

TEST_F(WrapperAnalysisTest, NoneAndLongMixed) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %z = icmp eq i64 %n, 0
  br i1 %z, label %none, label %other
none:
  %t = call ptr @_Py_NewRef(ptr @_Py_NoneStruct)
  ret ptr %t
other:
  %b = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %b
}
)IR",
                        METH_O),
                "MixedReturns");
}

TEST_F(WrapperAnalysisTest, BuildValueWithOneCode) {
  AnalysisResult R = analyze(R"IR(
@fmt = private constant [2 x i8] c"i\00"
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i32 @_PyLong_AsInt(ptr %arg)
  %m = shl i32 %n, 1
  %b = call ptr (ptr, ...) @Py_BuildValue(ptr @fmt, i32 %m)
  ret ptr %b
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Params[0], ValueKind::Int);
  EXPECT_EQ(R.Shape->Return, ValueKind::Int);
}

TEST_F(WrapperAnalysisTest, BuildValueOfATuple) {
  AnalysisResult R = analyze(R"IR(
@fmt = private constant [5 x i8] c"(id)\00"
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i32 @_PyLong_AsInt(ptr %arg)
  %d = sitofp i32 %n to double
  %b = call ptr (ptr, ...) @Py_BuildValue(ptr @fmt, i32 %n, double %d)
  ret ptr %b
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Return, ValueKind::Tuple);
  EXPECT_EQ(R.Shape->Results, (SmallVector<ValueKind, 2>{ValueKind::Int, ValueKind::Double}));
}

TEST_F(WrapperAnalysisTest, BuildValueOfATupleOfAnObject) {
  expectRefused(analyze(R"IR(
@fmt = private constant [5 x i8] c"(iO)\00"
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i32 @_PyLong_AsInt(ptr %arg)
  %b = call ptr (ptr, ...) @Py_BuildValue(ptr @fmt, i32 %n, ptr %self)
  ret ptr %b
}
)IR",
                        METH_O),
                "UnsupportedBuildValue");
}

// PyTuple_New, then PyTuple_SetItem of boxes, each checked: a tuple result
// whose items are the boxes' scalars; storing cannot fail (the fact 0).
TEST_F(WrapperAnalysisTest, TupleMadeItemByItem) {
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %d = sitofp i64 %n to double
  %t = call ptr @PyTuple_New(i64 2)
  %a = call ptr @PyFloat_FromDouble(double %d)
  %s0 = call i32 @PyTuple_SetItem(ptr %t, i64 0, ptr %a)
  %f0 = icmp slt i32 %s0, 0
  br i1 %f0, label %fail, label %next
next:
  %b = call ptr @PyLong_FromLong(i64 %n)
  %s1 = call i32 @PyTuple_SetItem(ptr %t, i64 1, ptr %b)
  %f1 = icmp slt i32 %s1, 0
  br i1 %f1, label %fail, label %done
fail:
  ret ptr null
done:
  ret ptr %t
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
  EXPECT_EQ(R.Shape->Return, ValueKind::Tuple);
  EXPECT_EQ(R.Shape->Results, (SmallVector<ValueKind, 2>{ValueKind::Double, ValueKind::Long}));
  EXPECT_EQ(R.Shape->TupleItemWrites.size(), 2u);
}

// An item stored twice, and one never: the tuple stays an object.
TEST_F(WrapperAnalysisTest, TupleMadeItemByItemWithAnItemStoredTwice) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %t = call ptr @PyTuple_New(i64 2)
  %a = call ptr @PyLong_FromLong(i64 %n)
  %s0 = call i32 @PyTuple_SetItem(ptr %t, i64 0, ptr %a)
  %b = call ptr @PyLong_FromLong(i64 %n)
  %s1 = call i32 @PyTuple_SetItem(ptr %t, i64 0, ptr %b)
  ret ptr %t
}
)IR",
                        METH_O),
                "ReturnsObject");
}

TEST_F(WrapperAnalysisTest, IndirectCall) {
  expectRefused(analyze(R"IR(
@fp = internal global ptr null
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %f = load ptr, ptr @fp
  %m = call i64 %f(i64 %n)
  %b = call ptr @PyLong_FromLong(i64 %m)
  ret ptr %b
}
)IR",
                        METH_O),
                "IndirectCall");
}

TEST_F(WrapperAnalysisTest, BoxedResultHandedElsewhere) {
  expectRefused(analyze(R"IR(
@keep = internal global ptr null
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %b = call ptr @PyLong_FromLong(i64 %n)
  store ptr %b, ptr @keep
  ret ptr %b
}
)IR",
                        METH_O),
                "BoxedResultEscapes");
}

TEST_F(WrapperAnalysisTest, NullCheckOfTheBoxFolds) {
  AnalysisResult R = analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %b = call ptr @PyLong_FromLong(i64 %n)
  %null = icmp eq ptr %b, null
  br i1 %null, label %fail, label %ok
fail:
  ret ptr null
ok:
  ret ptr %b
}
)IR",
                             METH_O);
  ASSERT_TRUE(R.Shape.has_value()) << R.Why.Reason;
}

TEST_F(WrapperAnalysisTest, ArgumentNeverUnboxed) {
  expectRefused(analyze(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %b = call ptr @PyLong_FromLong(i64 7)
  ret ptr %b
}
)IR",
                        METH_O),
                "ArgumentNotUnboxed");
}

TEST_F(WrapperAnalysisTest, DeclaredWrapper) {
  expectRefused(analyze("declare ptr @w(ptr, ptr)\n", METH_O), "NotDefined");
}

} // namespace
