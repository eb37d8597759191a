/* pyunbox fuzz regression: crash at -O0
 * generated module seed 1000626 (gen.py 1000626: module 626 of fuzz.py --seed 1), reduced by reduce.py
 * reproduce:
 *   clang-19 -O0 -Wall -fwrapv -fPIC -shared -I/usr/include/python3.11 -fpass-plugin=build/passes/libPyUnbox.so -Rpass-missed=pyunbox test/fuzz/regressions/crash_1000626_module.c -o /tmp/crash_1000626_module.so
 *   /usr/bin/python3 -m pytest test/fuzz -k crash_1000626_module
 * what failed:
 *   `/usr/bin/clang-19 -O0 -Wall -fwrapv -fPIC -I/usr/include/python3.11 -fpass-plugin=/tmp/fzreduce-toolsn62jl3qe/libPyUnbox.so -Rpass-missed=pyunbox -Rpass=pyunbox -fsave-optimization-record -foptimizat
 *   PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/ and include the crash backtrace, preprocessed source, and associated run script.
 *   Stack dump:
 *   0.	Program arguments: /usr/bin/clang-19 -O0 -Wall -fwrapv -fPIC -I/usr/include/python3.11 -fpass-plugin=/tmp/fzreduce-toolsn62jl3qe/libPyUnbox.so -Rpass-missed=pyunbox -Rpass=pyunbox -fsave-optimizati
 *   1.	<eof> parser at end of file
 *   2.	Optimizer
 *   3.	Running pass "pyunbox::CoreMinerPass" on module "/tmp/fzreduce-toolsn62jl3qe/m/fzm_1000626/fzm_1000626.c"
 *    #0 0x00007fd601cb73c6 llvm::sys::PrintStackTrace(llvm::raw_ostream&, int) (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xeb73c6)
 *    #1 0x00007fd601cb5070 llvm::sys::RunSignalHandlers() (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xeb5070)
 *    #2 0x00007fd601bfd210 (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xdfd210)
 *    #3 0x00007fd600c5a050 (/lib/x86_64-linux-gnu/libc.so.6+0x3c050)
 *    #4 0x00007fd601d0b810 llvm::BasicBlock::isEntryBlock() const (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xf0b810)
 *    #5 0x00007fd60321f5ec (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0x241f5ec)
 *    #6 0x00007fd603211008 (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0x2411008)
 *    #7 0x00007fd60321dbd6 (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0x241dbd6)
 *    #8 0x00007fd5fcf701eb pyunbox::FactPropagation::evaluate(llvm::Instruction&) /work/main/passes/FactPropagation.cpp:135:45
 *    #9 0x00007fd5fcf70e41 pyunbox::FactPropagation::solve(llvm::Function&) /work/main/passes/FactPropagation.cpp:197:30
 *   #10 0x00007fd5fcf71778 pyunbox::FactPropagation::FactPropagation(llvm::Function&, llvm::DenseMap<llvm::Value*, llvm::Constant*, llvm::DenseMapInfo<llvm::Value*, void>, llvm::detail::DenseMapPair<llvm:
 *   #11 0x00007fd5fcf8a857 std::_Function_base::~_Function_base() /usr/include/c++/12/bits/std_function.h:243:11
 *   #12 0x00007fd5fcf8a857 std::function<bool (llvm::Value const*)>::~function() /usr/include/c++/12/bits/std_function.h:334:11
 *   #13 0x00007fd5fcf8a857 _Construct<pyunbox::FactPropagation, llvm::Function&, llvm::DenseMap<llvm::Value*, llvm::Constant*, llvm::DenseMapInfo<llvm::Value*, void>, llvm::detail::DenseMapPair<llvm::Valu
 *   #14 0x00007fd5fcf8a857 _M_construct<llvm::Function&, llvm::DenseMap<llvm::Value*, llvm::Constant*, llvm::DenseMapInfo<llvm::Value*, void>, llvm::detail::DenseMapPair<llvm::Value*, llvm::Constant*> >&,
 *   #15 0x00007fd5fcf8a857 _M_construct<llvm::Function&, llvm::DenseMap<llvm::Value*, llvm::Constant*, llvm::DenseMapInfo<llvm::Value*, void>, llvm::detail::DenseMapPair<llvm::Value*, llvm::Constant*> >&,
 *   #16 0x00007fd5fcf8a857 emplace<llvm::Function&, llvm::DenseMap<llvm::Value*, llvm::Constant*, llvm::DenseMapInfo<llvm::Value*, void>, llvm::detail::DenseMapPair<llvm::Value*, llvm::Constant*> >&, llvm
 *   #17 0x00007fd5fcf8a857 pyunbox::(anonymous namespace)::Analyzer::run() /work/main/passes/WrapperAnalysis.cpp:1557:24
 */
/* fz-manifest {"module":"fzm_1000626","seed":1000626,"functions":[{"name":"f3","cname":"fz_f3","flags":"METH_O","params":[{"name":"a0","py":"bool","ctype":"int","optional":false}],"keywords":false,"min_args":1,"expect":"core","shape":{"conv":"o","unbox":["IsTrue"],"error":"errno","ret":"FromLongLong","features":["libc","libm","loop","state_read"]},"support":["fz_d2ll","fz_ndigits"]}]} */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Module state: the wrappers read and write it; the harness observes it
 * through _state() and restores it through _set_state(). */
static long fz_st_l = 0;
static double fz_st_d = 0.0;
static unsigned long fz_st_u = 0;
static int fz_st_i = 0;

static PyObject *
fz__state(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(ldki)", fz_st_l, fz_st_d, fz_st_u, fz_st_i);
}

static PyObject *
fz__set_state(PyObject *self, PyObject *args)
{
    if (!PyArg_ParseTuple(args, "ldki:_set_state", &fz_st_l, &fz_st_d, &fz_st_u, &fz_st_i))
        return NULL;
    Py_RETURN_NONE;
}

/* libc: the length of a number printed in decimal. */
static int fz_ndigits(long long v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return (int)strlen(buf);
}

/* f3: o, unbox IsTrue, returns FromLongLong, error errno */
static PyObject *
fz_f3(PyObject *self, PyObject *arg)
{
    int a0 = PyObject_IsTrue(arg);
    if (errno != 0) {
    }
    int v1 = ((int)(((int)(fz_st_u)) ^ a0));
    for (int i2 = 0; i2 < (int)((unsigned long)((long)(((long)(v1)) * ((long)7))) % 9u); i2++) {
        v1 = (int)(v1 * a0);
    }
    long long v3 = ((long long)(fz_ndigits(((long long)(v1)))));
    return PyLong_FromLongLong(v3);
}

static PyMethodDef fz_methods[] = {
    {"_state", fz__state, METH_NOARGS, NULL},
    {"_set_state", fz__set_state, METH_VARARGS, NULL},
    {"f3", (PyCFunction)(void (*)(void))fz_f3, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fz_module = {
    PyModuleDef_HEAD_INIT, "fzm_1000626", NULL, -1, fz_methods
};

PyMODINIT_FUNC
PyInit_fzm_1000626(void)
{
    return PyModule_Create(&fz_module);
}
