//===- FaultContainment.cpp - A fault costs one core, never the build ----===//
#include "pyunbox/passes/FaultContainment.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include <cstdlib>
#include <cstring>
#include <optional>
#include <signal.h>

using namespace llvm;

namespace pyunbox {

static cl::opt<std::string> InjectFaultOption(
    "pyunbox-inject-fault", cl::Hidden,
    cl::desc("developer: fault inside pyunbox, KIND:NAME[@STEP] (segv, invalid-ir)"));

StringRef stepName(MiningStep S) {
  switch (S) {
  case MiningStep::Draft: return "drafting";
  case MiningStep::Analysis: return "analysing";
  case MiningStep::Outline: return "outlining";
  case MiningStep::Record: return "recording";
  }
  return "working";
}

ModuleSnapshot::ModuleSnapshot(Module &M)
    : M(M), LastFunction(M.empty() ? nullptr : &M.getFunctionList().back()),
      LastGlobal(M.global_empty() ? nullptr : &*std::prev(M.global_end())) {}

bool ModuleSnapshot::rollback(FunctionAnalysisManager *FAM, bool Verify,
                              function_ref<bool(const Function &)> Keep) {
  SmallVector<Function *, 4> NewFunctions;
  auto F = LastFunction ? std::next(LastFunction->getIterator()) : M.begin();
  for (; F != M.end(); ++F)
    if (!Keep || !Keep(*F))
      NewFunctions.push_back(&*F);
  SmallVector<GlobalVariable *, 4> NewGlobals;
  auto G = LastGlobal ? std::next(LastGlobal->getIterator()) : M.global_begin();
  for (; G != M.global_end(); ++G)
    NewGlobals.push_back(&*G);
  // Only what was added refers to what was added: drop it all, then erase.
  for (Function *Fn : NewFunctions) {
    if (FAM)
      FAM->clear(*Fn, Fn->getName());
    Fn->dropAllReferences();
  }
  for (GlobalVariable *GV : NewGlobals)
    GV->dropAllReferences();
  for (Function *Fn : NewFunctions)
    Fn->replaceAllUsesWith(PoisonValue::get(Fn->getType()));
  for (GlobalVariable *GV : NewGlobals)
    GV->replaceAllUsesWith(PoisonValue::get(GV->getType()));
  for (Function *Fn : NewFunctions)
    Fn->eraseFromParent();
  for (GlobalVariable *GV : NewGlobals)
    GV->eraseFromParent();
  return !Verify || !verifyModule(M);
}

bool runContained(function_ref<void()> Work, std::string &Fault) {
  // clang enables crash recovery for its in-process cc1; opt does not. Once
  // enabled, a signal outside any recovery context restores the previous
  // handlers and is raised again, so crashes elsewhere still report as usual.
  CrashRecoveryContext::Enable();
  CrashRecoveryContext CRC;
  if (CRC.RunSafely(Work))
    return true;
  int Code = CRC.RetCode;
  if (Code > 128 && Code < 128 + NSIG)
    Fault = std::string("signal ") + strsignal(Code - 128);
  else
    Fault = "a fatal error (exit code " + std::to_string(Code) + ")";
  return false;
}

// KIND:NAME[@STEP], from the option or the environment.
static bool injectionMatches(StringRef Kind, StringRef PythonName, std::optional<MiningStep> Step) {
  std::string Spec = InjectFaultOption;
  if (Spec.empty())
    if (const char *Env = std::getenv("PYUNBOX_INJECT_FAULT"))
      Spec = Env;
  auto [K, Rest] = StringRef(Spec).split(':');
  auto [Name, At] = Rest.split('@');
  if (K != Kind || Name != PythonName)
    return false;
  if (!Step)
    return true;
  StringRef Want = At.empty() ? "analysis" : At;
  static const char *const Steps[] = {"draft", "analysis", "outline", "record"};
  return Want == Steps[static_cast<unsigned>(*Step)];
}

void injectFault(StringRef PythonName, MiningStep Step) {
  if (injectionMatches("segv", PythonName, Step)) {
    volatile int *Null = nullptr;
    *Null = 1;
  }
}

bool injectsInvalidIR(StringRef PythonName) {
  return injectionMatches("invalid-ir", PythonName, std::nullopt);
}

} // namespace pyunbox
