/* pyunbox fuzz regression: crash at -O2
 * generated module seed 7000011 (gen.py 7000011: module 11 of fuzz.py --seed 7), reduced by reduce.py
 * reproduce:
 *   clang-19 -O2 -Wall -fwrapv -fPIC -shared -I/usr/include/python3.11 -fpass-plugin=build/passes/libPyUnbox.so -Rpass-missed=pyunbox test/fuzz/regressions/crash_7000011_module.c -o /tmp/crash_7000011_module.so
 *   /usr/bin/python3 -m pytest test/fuzz -k crash_7000011_module
 * what failed:
 *   `/usr/bin/clang-19 -O2 -Wall -fwrapv -fPIC -I/usr/include/python3.11 -fpass-plugin=/tmp/fzreduce-toolsj2y_tnd1/libPyUnbox.so -Rpass-missed=pyunbox -Rpass=pyunbox -fsave-optimization-record -foptimizat
 *   PLEASE submit a bug report to https://github.com/llvm/llvm-project/issues/ and include the crash backtrace, preprocessed source, and associated run script.
 *   Stack dump:
 *   0.	Program arguments: /usr/bin/clang-19 -O2 -Wall -fwrapv -fPIC -I/usr/include/python3.11 -fpass-plugin=/tmp/fzreduce-toolsj2y_tnd1/libPyUnbox.so -Rpass-missed=pyunbox -Rpass=pyunbox -fsave-optimizati
 *   1.	<eof> parser at end of file
 *   2.	Optimizer
 *   3.	Running pass "pyunbox::CoreMinerPass" on module "/tmp/fzreduce-toolsj2y_tnd1/m/fzm_7000011/fzm_7000011.c"
 *    #0 0x00007efc6bcb73c6 llvm::sys::PrintStackTrace(llvm::raw_ostream&, int) (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xeb73c6)
 *    #1 0x00007efc6bcb5070 llvm::sys::RunSignalHandlers() (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xeb5070)
 *    #2 0x00007efc6bbfd210 (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0xdfd210)
 *    #3 0x00007efc6ac5a050 (/lib/x86_64-linux-gnu/libc.so.6+0x3c050)
 *    #4 0x00007efc6c962b7b llvm::PromoteMemToReg(llvm::ArrayRef<llvm::AllocaInst*>, llvm::DominatorTree&, llvm::AssumptionCache*) (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0x1b62b7b)
 *    #5 0x00007efc6cd513f1 (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0x1f513f1)
 *    #6 0x00007efc6cd507f7 llvm::SROAPass::run(llvm::Function&, llvm::AnalysisManager<llvm::Function>&) (/usr/lib/llvm-19/bin/../lib/libLLVM.so.19.1+0x1f507f7)
 *    #7 0x00007efc66fc846d llvm::SmallPtrSetImplBase::isSmall() const /usr/include/llvm-19/llvm/ADT/SmallPtrSet.h:197:33
 *    #8 0x00007efc66fc846d llvm::SmallPtrSetImplBase::~SmallPtrSetImplBase() /usr/include/llvm-19/llvm/ADT/SmallPtrSet.h:84:17
 *    #9 0x00007efc66fc846d llvm::SmallPtrSetImpl<llvm::AnalysisKey*>::~SmallPtrSetImpl() /usr/include/llvm-19/llvm/ADT/SmallPtrSet.h:323:7
 *   #10 0x00007efc66fc846d llvm::SmallPtrSet<llvm::AnalysisKey*, 2u>::~SmallPtrSet() /usr/include/llvm-19/llvm/ADT/SmallPtrSet.h:479:7
 *   #11 0x00007efc66fc846d llvm::PreservedAnalyses::~PreservedAnalyses() /usr/include/llvm-19/llvm/IR/Analysis.h:111:7
 *   #12 0x00007efc66fc846d scalarize /work/main/passes/CoreOutliner.cpp:605:41
 *   #13 0x00007efc66fc846d pyunbox::scalarize(llvm::Function&, llvm::AnalysisManager<llvm::Function>*) /work/main/passes/CoreOutliner.cpp:601:13
 *   #14 0x00007efc66fc8fb2 assumeNoKeywords /work/main/passes/CoreOutliner.cpp:615:48
 *   #15 0x00007efc66fc8fb2 pyunbox::buildDraft(llvm::Function&, unsigned int, llvm::TargetLibraryInfo const*, llvm::AnalysisManager<llvm::Function>*) /work/main/passes/CoreOutliner.cpp:719:19
 *   #16 0x00007efc66fc2efb mine /work/main/passes/CoreMinerPass.cpp:126:31
 *   #17 0x00007efc66fc2efb pyunbox::CoreMinerPass::run(llvm::Module&, llvm::AnalysisManager<llvm::Module>&) /work/main/passes/CoreMinerPass.cpp:183:9
 */
/* fz-manifest {"module":"fzm_7000011","seed":7000011,"functions":[{"name":"f0","cname":"fz_f0","flags":"METH_NOARGS","params":[],"keywords":false,"min_args":0,"expect":"core","shape":{"conv":"noargs","short_noargs":true,"unbox":[],"error":"none","ret":"FromLong","features":["libc","state_read","state_write"]},"support":["fz_d2ll","fz_div_long"]}]} */

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

/* double -> integer without UB: 0 for NaN and out-of-range values. */
static long long fz_d2ll(double d) {
    if (!(d > -9.2e18 && d < 9.2e18))
        return 0;
    return (long long)d;
}

static long fz_div_long(long a, long b) {
    if (b == 0 || (a == LONG_MIN && b == -1))
        return a;
    return a / b;
}

/* f0: noargs, unbox -, returns FromLong, error none */
static PyObject *
fz_f0(PyObject *self)
{
    long v0[4];
    v0[((unsigned long)815992LL) % 4u] = ((long)(((long)(fz_st_l + ((long)0))) + ((long)fz_d2ll(((double)((long long)~((unsigned long long)((long long)1))))))));
    long v1 = v0[0] ^ v0[1];
    long v2 = fz_div_long(((long)((unsigned long)((long)((unsigned long)((long)1) | (unsigned long)((long)1))) * (unsigned long)((long)(((long)1019108LL) >> ((unsigned long)(((long)-100)) & 63u))))), ((long)-(((long)(((long)-100) >> ((unsigned long)(v1) & 63u))))));
    return PyLong_FromLong(v2);
}

static PyMethodDef fz_methods[] = {
    {"_state", fz__state, METH_NOARGS, NULL},
    {"_set_state", fz__set_state, METH_VARARGS, NULL},
    {"f0", (PyCFunction)(void (*)(void))fz_f0, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fz_module = {
    PyModuleDef_HEAD_INIT, "fzm_7000011", NULL, -1, fz_methods
};

PyMODINIT_FUNC
PyInit_fzm_7000011(void)
{
    return PyModule_Create(&fz_module);
}
