//===- CoreMinerPass.cpp - Make a core for every wrapper that has one -----===//
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/CoreOutliner.h"
#include "pyunbox/passes/CythonConversions.h"
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/FaultContainment.h"
#include "pyunbox/passes/HelperBodies.h"
#include "pyunbox/passes/KeptParameters.h"
#include "pyunbox/passes/LinkTimeMining.h"
#include "pyunbox/passes/MethodTables.h"
#include "pyunbox/passes/PristineWrappers.h"
#include "pyunbox/passes/PyUnboxPass.h"
#include "pyunbox/passes/RecordEmitter.h"
#include "pyunbox/passes/TargetSupport.h"
#include "pyunbox/passes/WrapperAnalysis.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/ErrorHandling.h"


#define DEBUG_TYPE "pyunbox"

using namespace llvm;

STATISTIC(NumWrappers, "PyMethodDef functions seen");
STATISTIC(NumCores, "Cores made");
STATISTIC(NumRefused, "PyMethodDef functions without a core");
STATISTIC(NumFaults, "Faults inside pyunbox contained (each cost one core)");
// One counter per refusal key (-stats): what keeps a module's cores away.
#define PYUNBOX_REFUSAL(Key, Meaning) STATISTIC(NumRefused##Key, "Refused: " #Key);
#include "pyunbox/passes/RefusalKeys.def"

namespace pyunbox {
namespace {

void countRefusal(RefusalKey K) {
  switch (K) {
#define PYUNBOX_REFUSAL(Key, Meaning)                                                             \
  case RefusalKey::Key:                                                                           \
    ++NumRefused##Key;                                                                            \
    break;
#include "pyunbox/passes/RefusalKeys.def"
  }
}

std::string identifier(StringRef S) {
  std::string Out;
  for (char C : S)
    Out.push_back(isAlnum(static_cast<unsigned char>(C)) || C == '_' ? C : '_');
  return Out;
}

// pyunbox_core_<module>_<python name>: says where it comes from and stays
// the same across rebuilds. A type's method is qualified by the type's
// tp_name (pyunbox_core_<module>_<Type>_<name>). Another table that no
// PyModuleDef names (Cython's one-entry tables) takes the name of the
// file's only module (findModuleNames: at worst the file's name), or else,
// in a file of several modules, the table's symbol.
std::string coreName(Module &M, const MethodEntry &E, StringRef OnlyModule) {
  // A method by its type's tp_name, which names its module ("mod.Type").
  std::string Qualifier = !E.TypeName.empty()   ? E.TypeName
                          : !E.ModuleName.empty() ? E.ModuleName
                          : !OnlyModule.empty()   ? OnlyModule.str()
                                                  : E.Table->getName().str();
  std::string Base = "pyunbox_core_" + identifier(Qualifier) + "_" + identifier(E.PythonName);
  std::string Name = Base;
  for (unsigned K = 2; M.getNamedValue(Name); ++K)
    Name = Base + "_" + std::to_string(K);
  return Name;
}

// Signed arithmetic the front end marked `nsw`: the source was compiled
// without -fwrapv, so its overflow is undefined behaviour, which the core
// and its wrapper, optimized apart, may resolve differently.
bool hasNoSignedWrap(const Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (auto *Op = dyn_cast<OverflowingBinaryOperator>(&I); Op && Op->hasNoSignedWrap())
        return true;
  return false;
}

// The core's: at a file's compile, its own code as the front end wrote it.
// At a full-LTO link the code has been through the pre-link pipeline, which
// marks `nsw` wherever it proves no overflow, -fwrapv or not: only the
// pristine copies the draft was made from (the wrapper's and its helpers'),
// which nothing optimized, still say what the front end wrote; without
// them the link cannot tell.
bool assumesNoSignedOverflow(const Function &Core, const Function *Pristine, bool AtLink) {
  if (!AtLink)
    return hasNoSignedWrap(Core);
  SmallVector<const Function *, 8> Work;
  SmallPtrSet<const Function *, 8> Seen;
  if (Pristine)
    Work.push_back(Pristine);
  while (!Work.empty()) {
    const Function *F = Work.pop_back_val();
    if (!Seen.insert(F).second)
      continue;
    if (hasNoSignedWrap(*F))
      return true;
    for (const BasicBlock &BB : *F)
      for (const Instruction &I : BB)
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (const Function *Callee = CB->getCalledFunction(); Callee && isPristineCopy(*Callee))
            Work.push_back(Callee);
  }
  return false;
}

// Code built with -ffinite-math-only (-ffast-math) says no value is
// infinite or NaN (clang's function attributes, and nnan/ninf on every
// floating-point operation and nofpclass on every call of the unit). At
// -O0 nothing acts on it in the wrapper, which tests isinf(x) as written;
// the draft's folds would (a comparison of a value that cannot be infinite
// with infinity is false), so the core would answer otherwise for the
// infinities and NaNs Python passes as readily as any float.
bool assumesFiniteMath(const Function &F) {
  auto Set = [&](StringRef Name) { return F.getFnAttribute(Name).getValueAsString() == "true"; };
  return Set("no-infs-fp-math") || Set("no-nans-fp-math");
}

// Makes the core of one wrapper, or says in a remark why not. Returns
// whether the module changed (a core was made): a refusal or a fault leaves
// it as it was.
bool mine(Module &M, const MethodEntry &E, CalleeSummaries &Summaries, HelperBodies &Bodies,
          KeptParameters &Kept, StringRef OnlyModule, bool PyPySpelling, FunctionAnalysisManager &FAM,
          const MinerOptions &Opts, Function *Pristine, const ProvisionalCores *Provisionals) {
  Function &W = *E.Wrapper;
  bool AtLink = Provisionals != nullptr;
  // At a full-LTO link, the wrapper as its file's compile saw it, where it
  // was kept: the draft is made from that (PristineWrappers.h).
  Function &Source = Pristine ? *Pristine : W;
  OptimizationRemarkEmitter ORE(&W);
  // The remark's arguments (in the optimization record) are the Python
  // name, the key and the reason; its text reads as one line. The module
  // (empty for a table no PyModuleDef names: a type's methods) is in the
  // record only, for tools that tell module-level functions apart.
  // At a full-LTO link, the core W's file's compile kept, which this
  // mining would replace (LinkTimeMining.h): a refusal here leaves it.
  Function *Provisional = AtLink ? Provisionals->find(W, E.PythonName) : nullptr;
  auto Missed = [&](RefusalKey Key, const Twine &Reason) {
    ++NumRefused;
    countRefusal(Key);
    LLVM_DEBUG(dbgs() << "pyunbox: no core for '" << E.PythonName << "' ("
                      << refusalKeyName(Key) << "): " << Reason << "\n");
    if (Provisional) {
      remarkKeptCompiledCore(W, E.PythonName, *Provisional,
                             "analysis finds no core (" + Reason + ")");
      return false;
    }
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, refusalKeyName(Key), &W)
             << "no core for '" << ore::NV("Function", E.PythonName)
             << "': " << ore::NV("Detail", Reason.str()) << ore::setExtraArgs()
             << ore::NV("Module", E.ModuleName);
    });
    return false;
  };
  if (std::optional<std::string> Target = unsupportedTarget(M))
    return Missed(RefusalKey::UnsupportedTarget, *Target);
  if (!E.TableWriter.empty())
    return Missed(RefusalKey::TableRewritten,
                  "its entry in the method table '" + sourceName(*E.Table) +
                      "' may change at run time (" +
                      E.TableWriter + "), so the function Python calls by this name is not known");
  // The first look, before the expensive draft: what the wrapper itself
  // shows (no definition, flags, signature, no unboxer within reach).
  std::optional<Refusal> Screened;
  std::string Fault;
  if (!runContained([&] { Screened = screenWrapper(Source, E.Flags, Opts); }, Fault))
    Screened = refuse(RefusalKey::InternalError, "pyunbox faulted while screening it (" + Fault +
                                                     "); the wrapper is left as it was, without "
                                                     "a core; please report this");
  if (Screened)
    return Missed(Screened->Key, Screened->Reason);
  if (W.hasFnAttribute(Attribute::OptimizeNone) && assumesFiniteMath(W))
    return Missed(RefusalKey::FiniteMathUnoptimized,
                  "it is built with -ffinite-math-only (-ffast-math) at -O0: its code tests "
                  "infinities and NaNs as written, a core would be folded on the promise that "
                  "there are none");
  // Everything from the first look to the core's description is contained:
  // it only adds to the module, and a fault or a refusal erases what it added.
  ModuleSnapshot Before(M);
  auto Keep = [&](const Function &F) { return Bodies.keeps(F); };
  MiningStep Step = MiningStep::Draft;
  Refusal Why;
  Function *Core = nullptr;
  std::string Name, ByPositionWhy;
  std::optional<std::pair<unsigned, std::string>> StrTakesWrapper;
  bool BailsForForeignResult = false;
  CoreDescription D;
  bool Survived = runContained(
      [&] {
        injectFault(E.PythonName, Step);
        Function *Draft = startDraft(Source, E.Flags, Summaries, &FAM);
        Step = MiningStep::Analysis;
        if (std::optional<Refusal> R = findKeptArgument(*Draft, E.Flags, Summaries, Kept)) {
          Why = std::move(*R);
          return; // the rollback erases the draft
        }
        Step = MiningStep::Draft;
        finishDraft(Source, Draft, E.Flags, Summaries, &FAM, Opts, &Bodies);
        Step = MiningStep::Analysis;
        injectFault(E.PythonName, Step);
        AnalysisResult A = analyzeWrapper(*Draft, E, Summaries, PyPySpelling, Opts);
        if (!A.Shape) {
          Why = std::move(A.Why);
          return; // the rollback erases the draft
        }
        Step = MiningStep::Outline;
        injectFault(E.PythonName, Step);
        Name = coreName(M, E, OnlyModule);
        std::string Broken;
        Core = outlineCore(*Draft, *A.Shape, Name, E.PythonName, Broken);
        if (!Core) {
          Why = refuse(RefusalKey::InternalError,
                       "the core failed to build (" + Broken + "); please report this");
          return;
        }
        D.PythonName = E.PythonName;
        D.ModuleName = E.ModuleName;
        D.TypeName = E.TypeName;
        D.Wrapper = &W;
        D.MethFlags = E.Flags;
        D.Conv = A.Shape->Conv;
        D.Params.assign(A.Shape->Params.begin(), A.Shape->Params.end());
        D.ParamNames.assign(A.Shape->ParamNames.begin(), A.Shape->ParamNames.end());
        for (const ParamPassing &P : A.Shape->Passing) {
          D.ParamFlags.push_back(P.Flags);
          D.ParamDefaults.push_back(P.Default);
        }
        D.Return = A.Shape->Return;
        D.Results.assign(A.Shape->Results.begin(), A.Shape->Results.end());
        D.NeedsInterpreter = A.Shape->NeedsInterpreter;
        D.Errors = A.Shape->Errors;
        ByPositionWhy = A.Shape->ByPositionWhy;
        StrTakesWrapper = A.Shape->StrTakesWrapper;
        BailsForForeignResult = A.Shape->BailsForForeignResult;
        describeCore(*Core, D);
      },
      Fault);
  if (!Survived) {
    if (!Before.rollback(&FAM, /*Verify=*/true, Keep))
      report_fatal_error(Twine("pyunbox: a fault while ") + stepName(Step) + " '" + E.PythonName +
                         "' (" + Fault + ") left the module invalid; build without the plugin "
                         "and please report this");
    ++NumFaults;
    return Missed(RefusalKey::InternalError, Twine("pyunbox faulted while ") + stepName(Step) + " it (" +
                                       Fault + "); the wrapper is left as it was, without a "
                                       "core; please report this");
  }
  if (!Core) {
    Before.rollback(&FAM, /*Verify=*/false, Keep);
    return Missed(Why.Key, Why.Reason);
  }
  markMined(W, E.PythonName);
  ++NumCores;
  LLVM_DEBUG(dbgs() << "pyunbox: core " << Name << " for '" << E.PythonName << "'\n");
  ORE.emit([&] {
    const char *Errors = D.Errors == PYUNBOX_ERRORS_BAIL && BailsForForeignResult
                             ? "; bails where the wrapper raises or returns an object no C scalar stands for"
                         : D.Errors == PYUNBOX_ERRORS_BAIL  ? "; bails where the wrapper raises"
                         : D.Errors == PYUNBOX_ERRORS_PYERR ? "; raises itself, needs the GIL"
                                                            : "";
    // A core that replaces the compile's takes its name (RecordEmitter).
    std::string Shown = Provisional ? Provisional->getName().str() : Name;
    return OptimizationRemark(DEBUG_TYPE, "Mined", &W)
           << "core for '" << ore::NV("Function", E.PythonName) << "' ("
           << ore::NV("Convention", conventionName(D.Conv))
           << "): " << ore::NV("Prototype", cPrototype(Shown, D)) << Errors << ore::setExtraArgs()
           << ore::NV("Module", E.ModuleName);
  });
  // Names Cython keeps but pyunbox could not prove: keyword calls of this
  // function will miss the core.
  if (E.Keywords && E.Keywords->Names.empty() && !D.Params.empty() &&
      all_of(D.ParamNames, [](const std::string &N) { return N.empty(); }))
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(DEBUG_TYPE, "NoParameterNames", &W)
             << "the record of '" << E.PythonName << "' names no parameter: "
             << ore::NV("Detail", E.Keywords->WhyNot);
    });
  // Names the record keeps but no keyword call may use: such calls take
  // the wrapper.
  SmallVector<StringRef, 4> ByPosition;
  for (size_t K = 0; K != D.ParamNames.size() && K != D.ParamFlags.size(); ++K)
    if (!D.ParamNames[K].empty() && !(D.ParamFlags[K] & PYUNBOX_PARAM_KEYWORD))
      ByPosition.push_back(D.ParamNames[K]);
  if ((E.Flags & METH_KEYWORDS) && !ByPosition.empty() && !ByPositionWhy.empty())
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(DEBUG_TYPE, "KeywordCallsTakeWrapper", &W)
             << "calls of '" << E.PythonName << "' that pass '" << join(ByPosition, "', '")
             << "' by name take the wrapper: " << ore::NV("Detail", ByPositionWhy);
    });
  if (StrTakesWrapper)
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(DEBUG_TYPE, "StrCallsTakeWrapper", &W)
             << "calls of '" << E.PythonName << "' that pass a str for argument "
             << Twine(StrTakesWrapper->first + 1).str()
             << " take the wrapper: its bytes and str ways were not shown to do the same ("
             << ore::NV("Detail", StrTakesWrapper->second) << ")";
    });
  if (assumesFiniteMath(W))
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(DEBUG_TYPE, "FiniteMathAssumed", &W)
             << "the core for '" << E.PythonName << "' equals its wrapper only for finite "
             << "values: both are built with -ffinite-math-only (-ffast-math), which lets the "
             << "optimizer fold tests of infinities and NaNs in each differently";
    });
  if (assumesNoSignedOverflow(*Core, Pristine, AtLink))
    ORE.emit([&] {
      return OptimizationRemarkAnalysis(DEBUG_TYPE, "SignedOverflowUndefined", &W)
             << "the core for '" << E.PythonName << "' equals its wrapper only where no signed "
             << "arithmetic overflows: build with -fwrapv, as CPython builds extensions";
    });
  return true;
}

} // namespace

PreservedAnalyses CoreMinerPass::run(Module &M, ModuleAnalysisManager &MAM) {
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  bool Changed = false;
  // Finding the tables only reads the module; a fault there costs the
  // module's cores, never the build.
  SmallVector<MethodEntry, 16> Entries;
  std::string OnlyModule, Fault;
  bool PyPySpelling = false;
  if (!runContained(
          [&] {
            Entries = findMethodEntries(M);
            auto Modules = findModuleNames(M);
            OnlyModule = Modules.size() == 1 ? Modules.front() : "";
            PyPySpelling = usesPyPySpelling(M);
          },
          Fault)) {
    ++NumFaults;
    // A remark, not an error or a warning (-Werror): the build goes on.
    for (Function &F : M)
      if (!F.isDeclaration()) {
        OptimizationRemarkEmitter(&F).emit([&] {
          return OptimizationRemarkMissed(DEBUG_TYPE, refusalKeyName(RefusalKey::InternalError), &F)
                 << "no cores for this module: pyunbox faulted while reading its method "
                 << "tables (" << Fault << "); please report this";
        });
        break;
      }
    return PreservedAnalyses::all();
  }
  // The kinds of Cython's integer conversions, from their bodies, once for
  // all wrappers. A fault there costs only those kinds: without them the
  // conversions are known by their types' spellings.
  std::optional<CythonConversionKinds> Conversions;
  if (!Entries.empty() && !runContained([&] { Conversions.emplace(M); }, Fault)) {
    ++NumFaults;
    Conversions.reset();
  }
  // What each helper of the module does, worked out once for all wrappers
  // (CalleeSummaries.h: the library info is the module's).
  std::optional<CalleeSummaries> Summaries;
  // A full-LTO file's compile keeps the wrappers that call another file as
  // they are, before the pipeline optimizes them, for the link to read
  // (PristineWrappers.h). A fault there costs the copies, never the build.
  if (Phase == RecordPhase::Compile && preparesFullLTO(M)) {
    SmallVector<Function *, 8> ToLink;
    if (!runContained(
            [&] {
              for (const MethodEntry &E : Entries) {
                if (E.Wrapper->isDeclaration() || alreadyMined(*E.Wrapper, E.PythonName))
                  continue;
                // Any wrapper the link may mine again (its work may call
                // another file below its own helpers): the names cost nothing.
                if (E.Keywords)
                  keepCompiledNames(*E.Wrapper, *E.Keywords);
                if (!is_contained(ToLink, E.Wrapper) &&
                    !calleeOfAnotherFile(*E.Wrapper, &FAM.getResult<TargetLibraryAnalysis>(*E.Wrapper))
                         .empty())
                  ToLink.push_back(E.Wrapper);
              }
              keepPristineCopies(ToLink);
            },
            Fault)) {
      ++NumFaults;
      erasePristineCopies(M, [](const Function &) { return true; }, &FAM);
    }
    Changed |= !ToLink.empty();
  }
  // At the link, the copies the files' compiles kept; a fault there costs
  // them (the wrappers are read as they are), never the build.
  DenseMap<const Function *, Function *> Pristine;
  if (Phase == RecordPhase::Link && !runContained(
                                        [&] {
                                          Pristine = readyPristineCopies(M);
                                          // The names the compile proved, where the link
                                          // proves none from the optimized code (or finds
                                          // no array of them): the same source's.
                                          for (MethodEntry &E : Entries)
                                            if (!E.Keywords || E.Keywords->Names.empty())
                                              if (auto Kept = compiledNames(*E.Wrapper))
                                                E.Keywords = std::move(Kept);
                                        },
                                        Fault)) {
    ++NumFaults;
    Pristine.clear();
  }
  HelperBodies Bodies;
  KeptParameters Kept(Bodies, Opts.InlineRounds);
  // At the link, the compile's provisional cores (none at a compile, whose
  // record step marks its own after this).
  std::optional<ProvisionalCores> Provisionals;
  if (Phase == RecordPhase::Link)
    Provisionals.emplace(M);
  for (const MethodEntry &E : Entries) {
    ++NumWrappers;
    if (alreadyMined(*E.Wrapper, E.PythonName))
      continue;
    if (!Summaries)
      Summaries.emplace(&FAM.getResult<TargetLibraryAnalysis>(*E.Wrapper));
    Changed |= mine(M, E, *Summaries, Bodies, Kept, OnlyModule, PyPySpelling, FAM, Opts,
                    Pristine.lookup(E.Wrapper), Provisionals ? &*Provisionals : nullptr);
  }
  Bodies.eraseAll(&FAM);
  if (Phase == RecordPhase::Link) {
    erasePristineCopies(M, [](const Function &) { return true; }, &FAM);
    for (const MethodEntry &E : Entries)
      dropCompiledNames(*E.Wrapper);
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace pyunbox
