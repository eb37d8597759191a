// The table: both spellings, and what is and is not the interpreter.
#include "pyunbox/passes/BoundaryPrimitives.h"

#include <gtest/gtest.h>

using namespace pyunbox;

TEST(BoundaryPrimitives, BothSpellingsFindOneEntry) {
  const BoundaryPrimitive *C = lookupPrimitive("PyLong_AsLong");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C, lookupPrimitive("PyPyLong_AsLong"));
  EXPECT_EQ(C->Role, PrimitiveRole::Unbox);
  EXPECT_EQ(C->Kind, ValueKind::Long);
  EXPECT_EQ(lookupPrimitive("_PyArg_ParseTuple_SizeT"), lookupPrimitive("_PyPyArg_ParseTuple_SizeT"));
  EXPECT_EQ(canonicalSpelling("_PyPy_NoneStruct"), "_Py_NoneStruct");
}

TEST(BoundaryPrimitives, UnknownNames) {
  EXPECT_EQ(lookupPrimitive("PyObject_Repr"), nullptr);
  EXPECT_EQ(lookupPrimitive("my_PyLong_AsLong"), nullptr);
  EXPECT_TRUE(isInterpreterSymbol("PyObject_Repr"));
  EXPECT_TRUE(isInterpreterSymbol("_PyPyObject_Foo"));
  EXPECT_FALSE(isInterpreterSymbol("sqrt"));
}

TEST(BoundaryPrimitives, Singletons) {
  EXPECT_EQ(lookupSingleton("_Py_NoneStruct"), Singleton::None);
  EXPECT_EQ(lookupSingleton("_PyPy_TrueStruct"), Singleton::True);
  EXPECT_FALSE(lookupSingleton("_Py_EllipsisObject").has_value());
  EXPECT_TRUE(isFloatTypeObject("PyPyFloat_Type"));
}

TEST(BoundaryPrimitives, FormatCodes) {
  EXPECT_EQ(parseTupleCodeKind('n'), ValueKind::SSizeT);
  EXPECT_EQ(parseTupleCodeKind('p'), ValueKind::Bool);
  EXPECT_FALSE(parseTupleCodeKind('O').has_value());
  EXPECT_FALSE(parseTupleCodeKind('s').has_value());
  EXPECT_EQ(buildValueCodeKind('f'), ValueKind::Double) << "a float vararg is promoted";
  EXPECT_FALSE(buildValueCodeKind('N').has_value());
}

TEST(BoundaryPrimitives, CythonAndClinicParsers) {
  EXPECT_EQ(lookupPrimitive("__Pyx_PyObject_IsTrue")->Kind, ValueKind::Bool);
  EXPECT_EQ(lookupPrimitive("_PyArg_ParseStack_SizeT")->Role, PrimitiveRole::ParseStack);
  EXPECT_EQ(lookupPrimitive("_PyArg_ParseStackAndKeywords")->Role,
            PrimitiveRole::ParseStackAndKeywords);
  EXPECT_EQ(lookupPrimitive("_PyArg_Parse_SizeT")->Role, PrimitiveRole::ParseObject);
  EXPECT_EQ(lookupPrimitive("PyArg_UnpackTuple")->Role, PrimitiveRole::UnpackTuple);
  EXPECT_EQ(lookupPrimitive("PyPyArg_UnpackTuple")->Role, PrimitiveRole::UnpackTuple);
  EXPECT_EQ(lookupPrimitive("_PyArg_UnpackStack")->Role, PrimitiveRole::UnpackStack);
  EXPECT_EQ(lookupPrimitive("PyPyTuple_Size")->Role, PrimitiveRole::TupleSize);
  EXPECT_EQ(lookupPrimitive("PyEval_SaveThread")->Role, PrimitiveRole::ReleaseGil);
}
