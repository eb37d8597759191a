//===- RecordEmitter.cpp - The pyunbox_sigs records of a module -----------===//
#include "pyunbox/passes/RecordEmitter.h"
#include "pyunbox/passes/ErrnoInput.h"
#include "pyunbox/passes/StringBytes.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/FaultContainment.h"
#include "pyunbox/passes/LinkTimeMining.h"
#include "pyunbox/passes/PristineWrappers.h"
#include "pyunbox/passes/PyUnboxPass.h"
#include "pyunbox/passes/Refusal.h"
#include "pyunbox/passes/TargetSupport.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include <optional>

#define DEBUG_TYPE "pyunbox"

using namespace llvm;

namespace pyunbox {
namespace {

constexpr const char *DescriptionKind = "pyunbox.core";

// Field positions in the packed record struct (format.h's order).
enum Field : unsigned {
  FMagic, FVersion, FHeaderSize, FRecordSize, FMethFlags, FWrapperOffset, FCoreOffset,
  FPythonName, FCoreSymbol, FWrapperSymbol, FModuleName, FPrototype, FParamNames, FParamKinds,
  FConvention, FReturnKind, FParamCount, FEffects, FMemory, FErrors, FReserved, FParamFlags,
  FParamDefaults, FTypeName, FResultKinds, FVariable,
};

Metadata *md(LLVMContext &Ctx, uint64_t V) {
  return ConstantAsMetadata::get(ConstantInt::get(Type::getInt64Ty(Ctx), V));
}
uint64_t mdInt(const MDOperand &Op) {
  return mdconst::extract<ConstantInt>(Op)->getZExtValue();
}
StringRef mdStr(const MDOperand &Op) { return cast<MDString>(Op)->getString(); }

bool isInt(const MDOperand &Op) { return mdconst::dyn_extract_or_null<ConstantInt>(Op) != nullptr; }
bool isStr(const MDOperand &Op) { return isa_and_nonnull<MDString>(Op.get()); }

// Descriptions are ours, but IR given to opt may carry anything: check the
// shape before trusting it.
std::optional<CoreDescription> readDescription(const MDNode &N) {
  // Ten operands, two more (flags and defaults) since the parameter table,
  // one more (the method's type) since records name it, and one more (a
  // tuple's items) since cores return tuples.
  unsigned NumOps = N.getNumOperands();
  bool Table = NumOps >= 12, Typed = NumOps >= 13, Results = NumOps == 14;
  if ((NumOps != 10 && NumOps != 12 && NumOps != 13 && !Results) ||
      (Typed && !isStr(N.getOperand(12))) ||
      (Results && !isa_and_nonnull<MDTuple>(N.getOperand(13).get())) || !isStr(N.getOperand(0)) ||
      !isStr(N.getOperand(1)) ||
      !isInt(N.getOperand(3)) || !isInt(N.getOperand(4)) || !isInt(N.getOperand(5)) ||
      !isInt(N.getOperand(6)) || !isa_and_nonnull<MDTuple>(N.getOperand(7).get()) ||
      !isa_and_nonnull<MDTuple>(N.getOperand(8).get()) || !isInt(N.getOperand(9)) ||
      mdInt(N.getOperand(9)) > PYUNBOX_ERRORS_LAST)
    return std::nullopt;
  CoreDescription D;
  D.PythonName = mdStr(N.getOperand(0)).str();
  D.ModuleName = mdStr(N.getOperand(1)).str();
  if (Typed)
    D.TypeName = mdStr(N.getOperand(12)).str();
  if (auto *VM = dyn_cast_or_null<ValueAsMetadata>(N.getOperand(2).get()))
    D.Wrapper = dyn_cast<Function>(VM->getValue());
  D.MethFlags = mdInt(N.getOperand(3));
  uint64_t Conv = mdInt(N.getOperand(4)), Ret = mdInt(N.getOperand(5));
  if (Conv < PYUNBOX_CONV_NOARGS || Conv > PYUNBOX_CONV_VARARGS ||
      (Ret > PYUNBOX_KIND_LAST_SCALAR && Ret != PYUNBOX_KIND_TUPLE))
    return std::nullopt;
  D.Conv = static_cast<Convention>(Conv);
  D.Return = static_cast<ValueKind>(Ret);
  D.NeedsInterpreter = mdInt(N.getOperand(6));
  D.Errors = mdInt(N.getOperand(9));
  for (const MDOperand &Op : cast<MDNode>(N.getOperand(7))->operands()) {
    if (!isInt(Op) || mdInt(Op) == PYUNBOX_KIND_VOID || mdInt(Op) > PYUNBOX_KIND_LAST_PARAM)
      return std::nullopt;
    D.Params.push_back(static_cast<ValueKind>(mdInt(Op)));
  }
  if (Results)
    for (const MDOperand &Op : cast<MDNode>(N.getOperand(13))->operands()) {
      if (!isInt(Op) || mdInt(Op) == PYUNBOX_KIND_VOID || mdInt(Op) > PYUNBOX_KIND_LAST_SCALAR)
        return std::nullopt;
      D.Results.push_back(static_cast<ValueKind>(mdInt(Op)));
    }
  if ((D.Return == ValueKind::Tuple) != !D.Results.empty() || D.Results.size() == 1 ||
      D.Results.size() > PYUNBOX_MAX_RESULTS)
    return std::nullopt;
  for (const MDOperand &Op : cast<MDNode>(N.getOperand(8))->operands()) {
    if (!isStr(Op))
      return std::nullopt;
    D.ParamNames.push_back(mdStr(Op).str());
  }
  if (D.Params.size() > PYUNBOX_MAX_PARAMS)
    return std::nullopt;
  D.ParamFlags.assign(D.Params.size(), PYUNBOX_PARAM_POSITIONAL);
  D.ParamDefaults.assign(D.Params.size(), 0);
  if (Table) {
    auto *Flags = dyn_cast_or_null<MDTuple>(N.getOperand(10).get());
    auto *Defaults = dyn_cast_or_null<MDTuple>(N.getOperand(11).get());
    if (!Flags || !Defaults || Flags->getNumOperands() != D.Params.size() ||
        Defaults->getNumOperands() != D.Params.size())
      return std::nullopt;
    for (unsigned K = 0; K != D.Params.size(); ++K) {
      if (!isInt(Flags->getOperand(K)) || !isInt(Defaults->getOperand(K)) ||
          mdInt(Flags->getOperand(K)) & ~uint64_t(PYUNBOX_PARAM_KNOWN_BITS))
        return std::nullopt;
      D.ParamFlags[K] = mdInt(Flags->getOperand(K));
      D.ParamDefaults[K] = mdInt(Defaults->getOperand(K));
      // A string's default is an address, but for None's NULL (FORMAT.md).
      if (isString(D.Params[K]) && (D.ParamFlags[K] & PYUNBOX_PARAM_DEFAULT) &&
          (!(D.ParamFlags[K] & PYUNBOX_PARAM_NONE_IS_NULL) || D.ParamDefaults[K] != 0))
        return std::nullopt;
    }
  }
  return D;
}

// The core's C parameters that point to its caller's memory: its strings'
// bytes, the bail flag and a tuple's item cells; nullopt where the core does
// not have the C parameters its description says (a description from
// elsewhere).
std::optional<SmallVector<const Argument *, 2>> callersMemory(const Function &Core,
                                                              const CoreDescription &D) {
  unsigned NumParams = cParameterIndex(D.Params, D.Params.size());
  bool Bail = D.Errors == PYUNBOX_ERRORS_BAIL;
  if (Core.arg_size() != NumParams + Bail + D.Results.size())
    return std::nullopt;
  SmallVector<const Argument *, 2> Args;
  for (unsigned K = 0; K != D.Params.size(); ++K)
    if (isString(D.Params[K]))
      Args.push_back(Core.getArg(cParameterIndex(D.Params, K)));
  for (unsigned K = NumParams; K != Core.arg_size(); ++K)
    Args.push_back(Core.getArg(K));
  if (any_of(Args, [](const Argument *A) { return !A->getType()->isPointerTy(); }))
    return std::nullopt;
  return Args;
}

// Why the optimized Core no longer stands for its wrapper where a consumer
// calls it, with its key: a string's bytes it writes or keeps a pointer to
// (StringBytes.h), naming the argument, errno it reads unset; or "". Asked
// when the record is written: after optimization, where LLVM has inferred
// which callees only read their arguments and keep no pointer to them.
std::string whyCoreDiffersWhenCalled(const Function &Core, const CoreDescription &D,
                                     const TargetLibraryInfo *TLI, RefusalKey &Key) {
  Key = RefusalKey::ArgumentEscapes;
  for (unsigned K = 0; K != D.Params.size(); ++K)
    if (isString(D.Params[K]))
      if (std::string Why = whyStringBytesEscape(*Core.getArg(cParameterIndex(D.Params, K)),
                                                 "argument " + std::to_string(K + 1) + "'s bytes", TLI);
          !Why.empty())
        return Why + " (a consumer may pass a copy that lives for the call only)";
  Key = RefusalKey::ReadsErrno;
  return whyErrnoIsAnInput(Core);
}

// A code address as "target minus the address of the field holding it".
// The target must bind locally, or the linker would need a dynamic
// relocation (an exported symbol may be interposed): exported wrappers and
// cores are reached through a private alias, which the assembler turns into
// a section-relative, link-time-only relocation.
Constant *selfRelative(GlobalVariable *Rec, StructType *RecT, unsigned FieldNo, Function *Target) {
  Type *I64 = Type::getInt64Ty(Rec->getContext());
  if (!Target)
    return ConstantInt::get(I64, 0);
  GlobalValue *Local = Target;
  if (!Target->hasLocalLinkage())
    Local = GlobalAlias::create(GlobalValue::PrivateLinkage, "pyunbox.local." + Target->getName(), Target);
  Type *I32 = Type::getInt32Ty(Rec->getContext());
  Constant *Idx[] = {ConstantInt::get(I32, 0), ConstantInt::get(I32, FieldNo)};
  Constant *FieldAddr = ConstantExpr::getInBoundsGetElementPtr(RecT, Rec, Idx);
  return ConstantExpr::getSub(ConstantExpr::getPtrToInt(Local, I64),
                              ConstantExpr::getPtrToInt(FieldAddr, I64));
}

// Each linked object exports where its own section starts and ends, so that
// a runtime finds its records in memory (format.h, PYUNBOX_BOUNDS_SYMBOL).
void emitBounds(Module &M) {
  if (M.getNamedValue(PYUNBOX_BOUNDS_SYMBOL))
    return;
  LLVMContext &Ctx = M.getContext();
  // The linker's symbols, declared extern weak; a module that names them as
  // something else (a definition, a function: IR given to opt may hold
  // anything) gets no bounds rather than invalid IR.
  auto Edge = [&](StringRef Name) -> GlobalVariable * {
    auto *GV = dyn_cast<GlobalVariable>(M.getOrInsertGlobal(Name, Type::getInt8Ty(Ctx)));
    if (!GV || !GV->isDeclaration())
      return nullptr;
    GV->setLinkage(GlobalValue::ExternalWeakLinkage);
    GV->setVisibility(GlobalValue::HiddenVisibility);
    return GV;
  };
  GlobalVariable *Start = Edge(std::string("__start_") + PYUNBOX_SECTION);
  GlobalVariable *Stop = Edge(std::string("__stop_") + PYUNBOX_SECTION);
  if (!Start || !Stop)
    return;
  Constant *Ends[] = {Start, Stop};
  auto *T = StructType::get(Ctx, {PointerType::get(Ctx, 0), PointerType::get(Ctx, 0)});
  auto *Bounds = new GlobalVariable(M, T, true, GlobalValue::WeakAnyLinkage,
                                    ConstantStruct::get(T, Ends), PYUNBOX_BOUNDS_SYMBOL);
  Bounds->setVisibility(GlobalValue::DefaultVisibility);
}

GlobalVariable *emitRecord(Module &M, Function &Core, const CoreDescription &D,
                           CalleeSummaries &Summaries) {
  LLVMContext &Ctx = M.getContext();
  std::string Blob;
  auto Add = [&Blob](StringRef S) {
    uint32_t At = sizeof(struct pyunbox_record) + Blob.size();
    Blob.append(S.begin(), S.end());
    Blob.push_back('\0');
    return At;
  };
  uint32_t PythonName = Add(D.PythonName);
  uint32_t CoreSymbol = Add(Core.getName());
  uint32_t WrapperSymbol = Add(D.Wrapper ? D.Wrapper->getName() : "");
  uint32_t ModuleName = Add(D.ModuleName);
  uint32_t Prototype = Add(cPrototype(Core.getName(), D));
  uint32_t TypeName = Add(D.TypeName);
  uint32_t ParamNames = sizeof(struct pyunbox_record) + Blob.size();
  for (size_t K = 0; K != D.Params.size(); ++K)
    Add(K < D.ParamNames.size() ? D.ParamNames[K] : "");
  uint32_t ParamKinds = sizeof(struct pyunbox_record) + Blob.size();
  for (ValueKind K : D.Params)
    Blob.push_back(static_cast<char>(K));
  // A tuple's item count, then its kinds (none for another result).
  uint32_t ResultKinds = 0;
  if (!D.Results.empty()) {
    ResultKinds = sizeof(struct pyunbox_record) + Blob.size();
    Blob.push_back(static_cast<char>(D.Results.size()));
    for (ValueKind K : D.Results)
      Blob.push_back(static_cast<char>(K));
  }
  uint32_t ParamFlags = sizeof(struct pyunbox_record) + Blob.size();
  for (size_t K = 0; K != D.Params.size(); ++K)
    Blob.push_back(static_cast<char>(K < D.ParamFlags.size() ? D.ParamFlags[K] : PYUNBOX_PARAM_POSITIONAL));
  auto Align8 = [&] {
    while ((sizeof(struct pyunbox_record) + Blob.size()) % PYUNBOX_ALIGN)
      Blob.push_back('\0');
  };
  Align8();
  uint32_t ParamDefaults = sizeof(struct pyunbox_record) + Blob.size();
  for (size_t K = 0; K != D.Params.size(); ++K) {
    char Bytes[8];
    support::endian::write64le(Bytes, K < D.ParamDefaults.size() ? D.ParamDefaults[K] : 0);
    Blob.append(Bytes, 8);
  }
  Align8();

  Type *I8 = Type::getInt8Ty(Ctx), *I16 = Type::getInt16Ty(Ctx), *I32 = Type::getInt32Ty(Ctx),
       *I64 = Type::getInt64Ty(Ctx);
  auto *ReservedT = ArrayType::get(I8, 6);
  auto *BlobT = ArrayType::get(I8, Blob.size());
  auto *RecT = StructType::get(Ctx, {I32, I16, I16, I32, I32, I64, I64, I32, I32, I32, I32, I32, I32, I32,
                                     I8, I8, I8, I8, I8, I8, ReservedT, I32, I32, I32, I32, BlobT},
                               /*isPacked=*/true);
  auto *Rec = new GlobalVariable(M, RecT, true, GlobalValue::PrivateLinkage, nullptr,
                                 "pyunbox.record." + Core.getName());
  Rec->setSection(PYUNBOX_SECTION);
  Rec->setAlignment(Align(PYUNBOX_ALIGN));

  auto C8 = [&](uint64_t V) { return ConstantInt::get(I8, V); };
  auto C32 = [&](uint64_t V) { return ConstantInt::get(I32, V); };
  Constant *Fields[] = {
      C32(PYUNBOX_MAGIC), ConstantInt::get(I16, PYUNBOX_VERSION),
      ConstantInt::get(I16, sizeof(struct pyunbox_record)),
      C32(sizeof(struct pyunbox_record) + Blob.size()), C32(D.MethFlags),
      selfRelative(Rec, RecT, FWrapperOffset, D.Wrapper), selfRelative(Rec, RecT, FCoreOffset, &Core),
      C32(PythonName), C32(CoreSymbol), C32(WrapperSymbol), C32(ModuleName), C32(Prototype),
      C32(ParamNames), C32(ParamKinds), C8(static_cast<uint8_t>(D.Conv)),
      C8(static_cast<uint8_t>(D.Return)), C8(D.Params.size()),
      C8(D.NeedsInterpreter ? PYUNBOX_EFFECT_NEEDS_INTERPRETER : 0),
      C8(Summaries.memoryOfCore(Core, *callersMemory(Core, D))),
      C8(D.Errors), ConstantAggregateZero::get(ReservedT), C32(ParamFlags), C32(ParamDefaults),
      C32(TypeName), C32(ResultKinds), ConstantDataArray::getRaw(Blob, Blob.size(), I8)};
  static_assert(std::size(Fields) == FVariable + 1, "one constant per field");
  Rec->setInitializer(ConstantStruct::get(RecT, Fields));
  return Rec;
}

} // namespace

std::string cPrototype(StringRef CoreName, const CoreDescription &D) {
  std::string S = (cSpelling(D.Return) + " " + CoreName + "(").str();
  for (size_t K = 0; K != D.Params.size(); ++K)
    S += (K ? ", " : "") + cSpelling(D.Params[K]).str();
  bool First = D.Params.empty();
  auto Next = [&](StringRef T) {
    S += (First ? "" : ", ") + T.str();
    First = false;
  };
  if (D.Errors == PYUNBOX_ERRORS_BAIL)
    Next("int *");
  for (ValueKind K : D.Results)
    Next((cSpelling(K) + " *").str());
  if (First)
    S += "void";
  return S + ")";
}

void describeCore(Function &Core, const CoreDescription &D) {
  LLVMContext &Ctx = Core.getContext();
  SmallVector<Metadata *, 4> Kinds, Names;
  for (ValueKind K : D.Params)
    Kinds.push_back(md(Ctx, static_cast<uint64_t>(K)));
  for (const std::string &N : D.ParamNames)
    Names.push_back(MDString::get(Ctx, N));
  SmallVector<Metadata *, 4> Flags, Defaults, Results;
  for (ValueKind K : D.Results)
    Results.push_back(md(Ctx, static_cast<uint64_t>(K)));
  for (size_t K = 0; K != D.Params.size(); ++K) {
    Flags.push_back(md(Ctx, K < D.ParamFlags.size() ? D.ParamFlags[K] : PYUNBOX_PARAM_POSITIONAL));
    Defaults.push_back(md(Ctx, K < D.ParamDefaults.size() ? D.ParamDefaults[K] : 0));
  }
  Metadata *Ops[] = {MDString::get(Ctx, D.PythonName),
                     MDString::get(Ctx, D.ModuleName),
                     D.Wrapper ? ValueAsMetadata::get(D.Wrapper) : nullptr,
                     md(Ctx, D.MethFlags),
                     md(Ctx, static_cast<uint64_t>(D.Conv)),
                     md(Ctx, static_cast<uint64_t>(D.Return)),
                     md(Ctx, D.NeedsInterpreter),
                     MDTuple::get(Ctx, Kinds),
                     MDTuple::get(Ctx, Names),
                     md(Ctx, D.Errors),
                     MDTuple::get(Ctx, Flags),
                     MDTuple::get(Ctx, Defaults),
                     MDString::get(Ctx, D.TypeName),
                     MDTuple::get(Ctx, Results)};
  Core.setMetadata(DescriptionKind, MDTuple::get(Ctx, Ops));
}

unsigned emitRecords(Module &M, function_ref<const TargetLibraryInfo *(Function &)> GetTLI,
                     RecordPhase Phase) {
  SmallVector<GlobalValue *, 8> Records;
  SmallVector<Function *, 1> Faulted, Dropped, Retired;
  std::optional<CalleeSummaries> Summaries; // the module's (CalleeSummaries.h)
  // A full-LTO file's compile leaves to the link what calls another file
  // (LinkTimeMining.h).
  bool LinkMayDoBetter = Phase == RecordPhase::Compile && preparesFullLTO(M);
  // At the link, the compile's cores this one's may replace.
  std::optional<ProvisionalCores> Provisionals;
  if (Phase == RecordPhase::Link)
    Provisionals.emplace(M);
  for (Function &F : M) {
    MDNode *N = F.getMetadata(DescriptionKind);
    if (!N)
      continue;
    F.setMetadata(DescriptionKind, nullptr);
    auto D = readDescription(*N);
    // A target whose objects cannot hold the record's 64-bit addresses gets
    // none (the miner makes no core there; this is a description from
    // elsewhere, dropped like a malformed one).
    if (!D || F.isDeclaration() || unsupportedTarget(M) || !callersMemory(F, *D))
      continue;
    // At the link, the compile's core of this entry, which this one
    // replaces only where it needs no interpreter.
    Function *Provisional =
        Provisionals && D->Wrapper ? Provisionals->find(*D->Wrapper, D->PythonName) : nullptr;
    auto KeepProvisional = [&](const Twine &Why) {
      Dropped.push_back(&F);
      remarkKeptCompiledCore(*D->Wrapper, D->PythonName, *Provisional, "core " + Why);
    };
    if (Provisional && (D->NeedsInterpreter || !retirable(*Provisional))) {
      KeepProvisional(D->NeedsInterpreter ? "needs the interpreter too" : "cannot replace it");
      continue;
    }
    // A fault costs this core (erased below: no record, no core), never the
    // build (FaultContainment.h).
    ModuleSnapshot Before(M);
    GlobalValue *Record = nullptr;
    std::string Fault;
    std::string Escapes;
    RefusalKey EscapeKey = RefusalKey::ArgumentEscapes;
    std::string ProvisionalName;
    std::string OtherFile; // what the link may see that this compile cannot
    if (runContained([&] {
          injectFault(D->PythonName, MiningStep::Record);
          if (!Summaries)
            Summaries.emplace(GetTLI(F));
          Escapes = whyCoreDiffersWhenCalled(F, *D, GetTLI(F), EscapeKey);
          if (Escapes.empty()) {
            // The link's core takes the compile's name, which the record
            // states, before the record is written.
            if (Provisional) {
              ProvisionalName = Provisional->getName().str();
              Provisional->setName(ProvisionalName + ".superseded");
              F.setName(ProvisionalName);
            }
            Record = emitRecord(M, F, *D, *Summaries);
          }
          if (LinkMayDoBetter && D->Wrapper && (!Record || D->NeedsInterpreter))
            OtherFile = calleeOfAnotherFile(F, Summaries->libraryInfo());
        }, Fault)) {
      if (!OtherFile.empty())
        leaveToLink(*D->Wrapper, D->PythonName, Record ? &F : nullptr);
      if (Record) {
        Records.push_back(Record);
        if (Provisional) {
          Retired.push_back(Provisional);
          OptimizationRemarkEmitter(D->Wrapper).emit([&] {
            return OptimizationRemarkAnalysis(DEBUG_TYPE, "ReplacedCompiledCore", D->Wrapper)
                   << "the link's core for '" << D->PythonName
                   << "' needs no interpreter: it replaces the one made when its file was "
                      "compiled, under its name '"
                   << F.getName() << "'";
          });
        }
        continue;
      }
      if (Provisional) {
        KeepProvisional("is dropped: " + Escapes);
        continue;
      }
      // The miner has remarked "core for ..." already: "after all" withdraws
      // it (the corpus tools key on the phrase: pyunbox_testkit/remarks.py).
      Dropped.push_back(&F);
      if (Function *W = D->Wrapper) {
        OptimizationRemarkEmitter ORE(W);
        ORE.emit([&] {
          // The arguments the miner's remarks have (Function, Detail, Module).
          return OptimizationRemarkMissed(DEBUG_TYPE, refusalKeyName(EscapeKey), W)
                 << "no core for '" << ore::NV("Function", D->PythonName) << "' after all: "
                 << ore::NV("Detail",
                            Escapes + (OtherFile.empty()
                                           ? ""
                                           : "; with full LTO and the plugin loaded by the linker, "
                                             "the link mines it again, where '" + OtherFile +
                                                 "' is seen"))
                 << ore::setExtraArgs() << ore::NV("Module", D->ModuleName);
        });
      }
      continue;
    }
    if (!ProvisionalName.empty()) {
      F.setName("");
      Provisional->setName(ProvisionalName);
    }
    if (!Before.rollback(nullptr, /*Verify=*/true))
      report_fatal_error(Twine("pyunbox: a fault while recording '") + D->PythonName + "' (" +
                         Fault + ") left the module invalid; build without the plugin and "
                         "please report this");
    Faulted.push_back(&F);
    if (Function *W = D->Wrapper) {
      OptimizationRemarkEmitter ORE(W);
      ORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, refusalKeyName(RefusalKey::InternalError), W)
               << "no core for '" << D->PythonName << "': pyunbox faulted while recording it ("
               << Fault << "); the wrapper is left as it was, without a core; please report this";
      });
    }
  }
  for (Function *F : concat<Function *>(Faulted, Dropped))
    F->eraseFromParent();
  for (Function *F : Retired)
    retireCore(*F);
  if (Records.empty())
    return 0;
  // llvm.used keeps the records from the optimizer and, through
  // SHF_GNU_RETAIN, from the linker's --gc-sections.
  appendToUsed(M, Records);
  emitBounds(M);
  return Records.size();
}

PreservedAnalyses RecordEmitterPass::run(Module &M, ModuleAnalysisManager &MAM) {
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  auto GetTLI = [&FAM](Function &F) { return &FAM.getResult<TargetLibraryAnalysis>(F); };
  bool Wrote = emitRecords(M, GetTLI, Phase);
  // The pristine copies a full-LTO compile kept of wrappers that keep their
  // core here, which the link does not mine again (PristineWrappers.h).
  unsigned Functions = M.size();
  if (Phase == RecordPhase::Compile && preparesFullLTO(M))
    erasePristineCopies(M, [](const Function &W) { return anyMined(W); }, &FAM);
  return Wrote || M.size() != Functions ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace pyunbox
