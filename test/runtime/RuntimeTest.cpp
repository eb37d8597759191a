// The C runtime (include/pyunbox/runtime.h) on real extensions built with the
// plugin, dlopened several at once. No Python is loaded: the cores call none
// of it, and the wrappers are never called.
#include "pyunbox/runtime.h"

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <sys/mman.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

// The leading fields of CPython's PyMethodDef (no Python.h here).
struct MethodDef {
  const char *ml_name;
  void *ml_meth;
  int ml_flags;
  const char *ml_doc;
};
extern "C" const MethodDef *pyunbox_test_main_methods(); // rt_main.c

constexpr int METH_VARARGS = 0x1;
constexpr int METH_NOARGS = 0x4;
constexpr int METH_O = 0x8;

void *open_ext(const char *name) {
  std::string path = std::string(PYUNBOX_TEST_EXT_DIR) + "/" + name + ".so";
  void *h = dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
  EXPECT_NE(h, nullptr) << dlerror();
  return h;
}

// Every extension is opened once and stays open: the runtime pins what it
// indexes anyway, and tests share the objects like a process shares modules.
struct Exts {
  void *alpha = open_ext("rt_alpha");
  void *beta = open_ext("rt_beta");
  void *twin = open_ext("rt_alpha_twin");
  void *plain = open_ext("rt_plain");
  void *newer = open_ext("rt_newer");
  void *past_end = open_ext("rt_past_end");
};

const Exts &exts() {
  static Exts e;
  return e;
}

const MethodDef *method_table(void *h) {
  auto get = reinterpret_cast<const MethodDef *(*)()>(dlsym(h, "pyunbox_test_methods"));
  EXPECT_NE(get, nullptr) << dlerror();
  return get ? get() : nullptr;
}

const MethodDef *method(void *h, const char *name) {
  for (const MethodDef *m = method_table(h); m && m->ml_name; m++)
    if (std::strcmp(m->ml_name, name) == 0)
      return m;
  ADD_FAILURE() << "no method " << name;
  return nullptr;
}

const pyunbox_core *lookup(void *h, const char *name) {
  const pyunbox_core *core = nullptr;
  int rc = pyunbox_lookup(method(h, name)->ml_meth, &core);
  EXPECT_EQ(rc, PYUNBOX_RT_FOUND) << name << ": " << pyunbox_runtime_error();
  return core;
}

template <typename Fn> Fn core_fn(const pyunbox_core *c) {
  return reinterpret_cast<Fn>(c->core);
}

std::string last_error() { return pyunbox_runtime_error(); }

TEST(RuntimeLookup, ByMlMethFindsTheRecordAndItsCoreComputes) {
  const pyunbox_core *c = lookup(exts().alpha, "inc");
  ASSERT_NE(c, nullptr);
  EXPECT_STREQ(c->python_name, "inc");
  EXPECT_STREQ(c->module_name, "rt_alpha");
  EXPECT_STREQ(c->core_symbol, "pyunbox_core_rt_alpha_inc");
  EXPECT_STREQ(c->wrapper_symbol, "inc");
  EXPECT_STREQ(c->c_prototype, "long pyunbox_core_rt_alpha_inc(long)");
  EXPECT_EQ(c->convention, unsigned(PYUNBOX_CONV_O));
  EXPECT_EQ(c->meth_flags, unsigned(METH_O));
  EXPECT_EQ(c->param_count, 1u);
  EXPECT_EQ(c->param_kinds[0], PYUNBOX_KIND_LONG);
  EXPECT_EQ(c->return_kind, unsigned(PYUNBOX_KIND_LONG));
  EXPECT_EQ(c->effects, 0u);
  EXPECT_EQ(c->memory, unsigned(PYUNBOX_MEMORY_NONE));
  EXPECT_EQ(c->errors, unsigned(PYUNBOX_ERRORS_NONE));
  EXPECT_EQ(c->wrapper, method(exts().alpha, "inc")->ml_meth);
  EXPECT_EQ(c->core, dlsym(exts().alpha, "pyunbox_core_rt_alpha_inc"));
  EXPECT_STREQ(pyunbox_runtime_error(), "");

  auto inc = core_fn<long (*)(long)>(c);
  EXPECT_EQ(inc(41), 42);
  EXPECT_EQ(inc(-1), 0);
  EXPECT_EQ(inc(LONG_MAX), LONG_MIN);

  auto scale = core_fn<double (*)(double)>(lookup(exts().alpha, "scale"));
  EXPECT_DOUBLE_EQ(scale(2.0), 6.0);
  const pyunbox_core *mix = lookup(exts().alpha, "mix");
  EXPECT_EQ(mix->convention, unsigned(PYUNBOX_CONV_VARARGS));
  EXPECT_EQ(mix->param_count, 2u);
  EXPECT_EQ(core_fn<long (*)(long, long)>(mix)(2, 3), 65);
  const pyunbox_core *answer = lookup(exts().alpha, "answer");
  EXPECT_EQ(answer->meth_flags, unsigned(METH_NOARGS));
  EXPECT_EQ(answer->param_count, 0u);
  EXPECT_EQ(core_fn<long (*)()>(answer)(), 42);
}

TEST(RuntimeLookup, SecondLookupReturnsTheSameRecord) {
  EXPECT_EQ(lookup(exts().alpha, "inc"), lookup(exts().alpha, "inc"));
}

TEST(RuntimeLookup, ByMethodDefAgreesWithByMlMeth) {
  for (const MethodDef *m = method_table(exts().alpha); m->ml_name; m++) {
    const pyunbox_core *by_def = nullptr, *by_meth = nullptr;
    int rc_def = pyunbox_lookup_methoddef(m, &by_def);
    int rc_meth = pyunbox_lookup(m->ml_meth, &by_meth);
    EXPECT_EQ(rc_def, rc_meth) << m->ml_name;
    EXPECT_EQ(by_def, by_meth) << m->ml_name;
    if (by_def) {
      EXPECT_STREQ(by_def->python_name, m->ml_name);
    }
  }
}

TEST(RuntimeLookup, FunctionWithoutCoreIsNotFound) {
  const pyunbox_core *c = reinterpret_cast<const pyunbox_core *>(1);
  EXPECT_EQ(pyunbox_lookup(method(exts().alpha, "uses_self")->ml_meth, &c), PYUNBOX_RT_NOT_FOUND);
  EXPECT_EQ(c, nullptr);
  EXPECT_NE(last_error().find("rt_alpha.so has no record for the function"), std::string::npos)
      << last_error();
  EXPECT_EQ(pyunbox_lookup_methoddef(method(exts().alpha, "uses_self"), &c),
            PYUNBOX_RT_NOT_FOUND);
  // A core is not a wrapper.
  const pyunbox_core *inc = lookup(exts().alpha, "inc");
  EXPECT_EQ(pyunbox_lookup(inc->core, &c), PYUNBOX_RT_NOT_FOUND);
}

TEST(RuntimeLookup, MethodDefPicksTheEntryOfOneFunctionUnderTwoNames) {
  const MethodDef *inc = method(exts().beta, "inc"), *alias = method(exts().beta, "inc_alias");
  ASSERT_EQ(inc->ml_meth, alias->ml_meth);
  const pyunbox_core *a = nullptr, *b = nullptr, *by_meth = nullptr;
  ASSERT_EQ(pyunbox_lookup_methoddef(inc, &a), PYUNBOX_RT_FOUND);
  ASSERT_EQ(pyunbox_lookup_methoddef(alias, &b), PYUNBOX_RT_FOUND);
  EXPECT_STREQ(a->python_name, "inc");
  EXPECT_STREQ(b->python_name, "inc_alias");
  EXPECT_EQ(core_fn<long (*)(long)>(a)(1), 101);
  EXPECT_EQ(core_fn<long (*)(long)>(b)(1), 101);
  // By ml_meth alone: the first record of the section.
  ASSERT_EQ(pyunbox_lookup(inc->ml_meth, &by_meth), PYUNBOX_RT_FOUND);
  EXPECT_EQ(by_meth, a);

  // The same function under flags no record describes has no core.
  MethodDef other = *inc;
  other.ml_flags = METH_VARARGS;
  const pyunbox_core *c = nullptr;
  EXPECT_EQ(pyunbox_lookup_methoddef(&other, &c), PYUNBOX_RT_NOT_FOUND);
  EXPECT_NE(last_error().find("ml_flags 0x8"), std::string::npos) << last_error();
}

TEST(RuntimeLookup, MethodDefSentinelIsAnArgumentError) {
  const MethodDef *m = method_table(exts().alpha);
  while (m->ml_name)
    m++;
  const pyunbox_core *c;
  EXPECT_EQ(pyunbox_lookup_methoddef(m, &c), PYUNBOX_RT_ERR_ARGUMENT);
  EXPECT_NE(last_error().find("NULL ml_meth"), std::string::npos) << last_error();
}

TEST(RuntimeLookup, NullArgumentsAreErrors) {
  const pyunbox_core *c;
  size_t n;
  EXPECT_EQ(pyunbox_lookup(nullptr, &c), PYUNBOX_RT_ERR_ARGUMENT);
  EXPECT_EQ(pyunbox_lookup(method(exts().alpha, "inc")->ml_meth, nullptr),
            PYUNBOX_RT_ERR_ARGUMENT);
  EXPECT_EQ(pyunbox_lookup_methoddef(nullptr, &c), PYUNBOX_RT_ERR_ARGUMENT);
  EXPECT_EQ(pyunbox_object_cores(nullptr, &c, &n), PYUNBOX_RT_ERR_ARGUMENT);
  EXPECT_EQ(pyunbox_object_cores(method_table(exts().alpha), nullptr, &n),
            PYUNBOX_RT_ERR_ARGUMENT);
  EXPECT_NE(last_error().find("cores is NULL"), std::string::npos) << last_error();
}

TEST(RuntimeObjects, EnumeratesAnObjectsCoresInSectionOrder) {
  const pyunbox_core *cores = nullptr;
  size_t n = 0;
  void *init = dlsym(exts().alpha, "PyInit_rt_alpha");
  ASSERT_NE(init, nullptr);
  ASSERT_EQ(pyunbox_object_cores(init, &cores, &n), PYUNBOX_RT_FOUND) << last_error();
  ASSERT_EQ(n, 4u);
  const char *names[] = {"inc", "scale", "mix", "answer"};
  for (size_t i = 0; i < n; i++) {
    EXPECT_STREQ(cores[i].python_name, names[i]);
    EXPECT_EQ(cores[i].core, dlsym(exts().alpha, cores[i].core_symbol));
    const pyunbox_core *back = nullptr;
    EXPECT_EQ(pyunbox_lookup(cores[i].wrapper, &back), PYUNBOX_RT_FOUND);
    EXPECT_EQ(back, &cores[i]);
  }
  // Any address of the object will do: its data too.
  const pyunbox_core *again = nullptr;
  size_t m = 0;
  ASSERT_EQ(pyunbox_object_cores(method_table(exts().alpha), &again, &m), PYUNBOX_RT_FOUND);
  EXPECT_EQ(again, cores);
  EXPECT_EQ(m, n);
}

TEST(RuntimeObjects, SameWrapperNamesInThreeObjectsStayApart) {
  const pyunbox_core *a = lookup(exts().alpha, "inc"), *b = lookup(exts().beta, "inc"),
                     *t = lookup(exts().twin, "inc");
  ASSERT_TRUE(a && b && t);
  EXPECT_STREQ(a->wrapper_symbol, b->wrapper_symbol);
  EXPECT_STREQ(a->core_symbol, t->core_symbol); // the twin: same source, same names
  EXPECT_NE(a->wrapper, t->wrapper);
  EXPECT_NE(a->core, t->core);
  EXPECT_NE(a->core, b->core);
  EXPECT_EQ(t->core, dlsym(exts().twin, "pyunbox_core_rt_alpha_inc"));
  EXPECT_EQ(t->wrapper, method(exts().twin, "inc")->ml_meth);
  EXPECT_EQ(core_fn<long (*)(long)>(a)(1), 2);
  EXPECT_EQ(core_fn<long (*)(long)>(b)(1), 101);
  EXPECT_EQ(core_fn<long (*)(long)>(t)(1), 2);
  EXPECT_DOUBLE_EQ(core_fn<double (*)(double)>(lookup(exts().beta, "scale"))(2.0), -6.0);
  EXPECT_TRUE(core_fn<bool (*)(long)>(lookup(exts().beta, "is_even"))(4));
  EXPECT_FALSE(core_fn<bool (*)(long)>(lookup(exts().beta, "is_even"))(7));
}

TEST(RuntimeObjects, ObjectWithoutRecordsHasNoneEvenIfADependencyHas) {
  // rt_plain needs rt_alpha.so: dlsym on rt_plain's handle finds rt_alpha's
  // bounds symbol, which must not be taken for rt_plain's.
  const pyunbox_core *c = nullptr;
  EXPECT_EQ(pyunbox_lookup(method(exts().plain, "inc")->ml_meth, &c), PYUNBOX_RT_NOT_FOUND);
  EXPECT_EQ(c, nullptr);
  EXPECT_NE(last_error().find("rt_plain.so"), std::string::npos) << last_error();
  EXPECT_NE(last_error().find("has no pyunbox records"), std::string::npos) << last_error();
  EXPECT_EQ(pyunbox_lookup_methoddef(method(exts().plain, "scale"), &c), PYUNBOX_RT_NOT_FOUND);

  const pyunbox_core *cores = reinterpret_cast<const pyunbox_core *>(1);
  size_t n = 99;
  EXPECT_EQ(pyunbox_object_cores(method_table(exts().plain), &cores, &n), PYUNBOX_RT_FOUND);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(cores, nullptr);
  EXPECT_STREQ(pyunbox_runtime_error(), "");
}

TEST(RuntimeObjects, LibcHasNoRecords) {
  const pyunbox_core *c = nullptr;
  EXPECT_EQ(pyunbox_lookup(reinterpret_cast<void *>(&strlen), &c), PYUNBOX_RT_NOT_FOUND)
      << last_error();
  EXPECT_NE(last_error().find("has no pyunbox records"), std::string::npos) << last_error();
}

TEST(RuntimeObjects, TheMainProgramsOwnRecords) {
  // rt_main.c is linked into this program: found through dlopen(NULL).
  const MethodDef *twice = pyunbox_test_main_methods();
  const pyunbox_core *c = nullptr;
  ASSERT_EQ(pyunbox_lookup(twice->ml_meth, &c), PYUNBOX_RT_FOUND) << last_error();
  EXPECT_STREQ(c->python_name, "twice");
  EXPECT_EQ(core_fn<long (*)(long)>(c)(21), 42);
  const pyunbox_core *cores = nullptr;
  size_t n = 0;
  ASSERT_EQ(pyunbox_object_cores(reinterpret_cast<void *>(&last_error), &cores, &n),
            PYUNBOX_RT_FOUND);
  ASSERT_EQ(n, 1u);
  EXPECT_EQ(&cores[0], c);
  // A function of the program that is no wrapper.
  EXPECT_EQ(pyunbox_lookup(reinterpret_cast<void *>(&last_error), &c), PYUNBOX_RT_NOT_FOUND);
  EXPECT_NE(last_error().find("the main program has no record"), std::string::npos)
      << last_error();
}

TEST(RuntimeErrors, NewerVersionIsReportedAndNothingIsRead) {
  // Only the second record claims version 2; the first is intact, and still
  // no record of the section is handed out.
  const pyunbox_core *c = reinterpret_cast<const pyunbox_core *>(1);
  for (int round = 0; round < 2; round++) { // the second from the index
    EXPECT_EQ(pyunbox_lookup(method(exts().newer, "inc")->ml_meth, &c), PYUNBOX_RT_ERR_SECTION);
    EXPECT_EQ(c, nullptr);
    std::string msg = last_error();
    EXPECT_NE(msg.find("rt_newer.so"), std::string::npos) << msg;
    EXPECT_NE(msg.find("written by a newer pyunbox (format version 2, this reader knows up to 1)"),
              std::string::npos)
        << msg;
  }
  const pyunbox_core *cores = reinterpret_cast<const pyunbox_core *>(1);
  size_t n = 99;
  EXPECT_EQ(pyunbox_object_cores(method_table(exts().newer), &cores, &n), PYUNBOX_RT_ERR_SECTION);
  EXPECT_EQ(cores, nullptr);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(pyunbox_lookup_methoddef(method(exts().newer, "scale"), &c), PYUNBOX_RT_ERR_SECTION);
}

TEST(RuntimeErrors, CorruptSectionIsReported) {
  const pyunbox_core *c = nullptr;
  EXPECT_EQ(pyunbox_lookup(method(exts().past_end, "inc")->ml_meth, &c), PYUNBOX_RT_ERR_SECTION);
  EXPECT_EQ(c, nullptr);
  EXPECT_NE(last_error().find("runs past the end of the section"), std::string::npos)
      << last_error();
  // The intact objects beside it are not affected.
  EXPECT_NE(lookup(exts().alpha, "inc"), nullptr);
}

TEST(RuntimeErrors, AddressInNoObject) {
  const pyunbox_core *c = nullptr;
  EXPECT_EQ(pyunbox_lookup(reinterpret_cast<void *>(0x10), &c), PYUNBOX_RT_ERR_NOT_LOADED);
  EXPECT_NE(last_error().find("is not in any loaded object"), std::string::npos) << last_error();
  void *page = mmap(nullptr, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(page, MAP_FAILED);
  EXPECT_EQ(pyunbox_lookup(page, &c), PYUNBOX_RT_ERR_NOT_LOADED);
  const pyunbox_core *cores;
  size_t n;
  EXPECT_EQ(pyunbox_object_cores(page, &cores, &n), PYUNBOX_RT_ERR_NOT_LOADED);
  munmap(page, 4096);
}

TEST(RuntimeErrors, TheMessageBelongsToTheThread) {
  const pyunbox_core *c;
  ASSERT_EQ(pyunbox_lookup(method(exts().newer, "inc")->ml_meth, &c), PYUNBOX_RT_ERR_SECTION);
  std::string other;
  std::thread([&] {
    other = pyunbox_runtime_error();
    EXPECT_EQ(pyunbox_lookup(reinterpret_cast<void *>(0x10), &c), PYUNBOX_RT_ERR_NOT_LOADED);
  }).join();
  EXPECT_EQ(other, "");
  EXPECT_NE(last_error().find("newer pyunbox"), std::string::npos) << last_error();
  lookup(exts().alpha, "inc");
  EXPECT_STREQ(pyunbox_runtime_error(), ""); // a success clears it
}

TEST(RuntimeThreads, ConcurrentLookupsAgree) {
  // Run in its own process (ctest), the threads also race to index each
  // object for the first time.
  struct Case {
    const void *ml_meth;
    int status;
    const char *name;
  };
  std::vector<Case> cases;
  for (void *h : {exts().alpha, exts().beta, exts().twin, exts().plain, exts().newer})
    for (const MethodDef *m = method_table(h); m->ml_name; m++)
      cases.push_back({m->ml_meth, 0, m->ml_name});
  constexpr int kThreads = 8, kLookups = 10000;
  std::vector<std::vector<const pyunbox_core *>> seen(kThreads);
  std::vector<std::vector<int>> status(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++)
    threads.emplace_back([&, t] {
      seen[t].assign(cases.size(), nullptr);
      status[t].assign(cases.size(), 99);
      ready++;
      while (ready.load() < kThreads) {
      }
      for (int i = 0; i < kLookups; i++) {
        size_t k = (size_t(i) * 7 + size_t(t)) % cases.size();
        const pyunbox_core *c = nullptr;
        int rc = pyunbox_lookup(cases[k].ml_meth, &c);
        if (status[t][k] != 99 && (status[t][k] != rc || seen[t][k] != c))
          ADD_FAILURE() << "thread " << t << " saw " << cases[k].name << " change";
        status[t][k] = rc;
        seen[t][k] = c;
        if (rc == PYUNBOX_RT_FOUND && core_fn<void *>(c) == nullptr)
          ADD_FAILURE() << "a found record without a core";
      }
    });
  for (auto &th : threads)
    th.join();
  for (size_t k = 0; k < cases.size(); k++) {
    const pyunbox_core *expect = nullptr;
    int rc = pyunbox_lookup(cases[k].ml_meth, &expect);
    for (int t = 0; t < kThreads; t++) {
      if (status[t][k] == 99)
        continue;
      EXPECT_EQ(status[t][k], rc) << cases[k].name;
      EXPECT_EQ(seen[t][k], expect) << cases[k].name;
    }
  }
  // Every thread agrees with what the lookups above were meant to find.
  EXPECT_EQ(core_fn<long (*)(long)>(lookup(exts().beta, "inc"))(0), 100);
}

TEST(RuntimeThreads, ReportsLookupCost) {
  const void *metas[] = {method(exts().alpha, "inc")->ml_meth,
                         method(exts().beta, "scale")->ml_meth,
                         method(exts().twin, "mix")->ml_meth};
  const pyunbox_core *c;
  for (const void *m : metas)
    ASSERT_EQ(pyunbox_lookup(m, &c), PYUNBOX_RT_FOUND);
  constexpr int kRounds = 300000;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; i++)
    if (pyunbox_lookup(metas[i % 3], &c) != PYUNBOX_RT_FOUND)
      FAIL();
  double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
                  .count() /
              kRounds;
  std::printf("pyunbox_lookup after indexing: %.1f ns\n", ns);
  RecordProperty("ns_per_lookup", std::to_string(ns));
}

} // namespace
