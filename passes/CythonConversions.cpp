//===- CythonConversions.cpp - Cython's integer conversions ---------------===//
#include "pyunbox/passes/CythonConversions.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Debug.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"
#include <memory>
#include <string>
#include <vector>

#define DEBUG_TYPE "pyunbox"

using namespace llvm;

namespace pyunbox {
namespace {

using R = PrimitiveRole;
using K = ValueKind;

// The template's names: each instance is a prefix and its type's spelling.
struct Template {
  const char *Prefix;
  PrimitiveRole Role;
};
constexpr Template Templates[] = {{"__Pyx_PyInt_As_", R::Unbox},
                                  {"__Pyx_PyLong_As_", R::Unbox},
                                  {"__Pyx_PyInt_From_", R::Box},
                                  {"__Pyx_PyLong_From_", R::Box}};

const Template *templateOf(StringRef Name) {
  if (!compat::startsWith(Name, "__Pyx_Py")) // most names: one comparison
    return nullptr;
  for (const Template &T : Templates)
    if (compat::startsWith(Name, T.Prefix))
      return &T;
  return nullptr;
}

// The spellings whose kind a declaration is known by: the type with '_'
// for each space ("unsigned_char"; 0.29 writes "signed__char").
struct CTypeSpelling {
  const char *Spelling;
  ValueKind Kind;
};
constexpr CTypeSpelling Spellings[] = {
    {"unsigned_char", K::UChar},   {"uint8_t", K::UChar},
    {"signed_char", K::SChar},     {"signed__char", K::SChar},    {"int8_t", K::SChar},
    {"short", K::Short},           {"int16_t", K::Short},
    {"unsigned_short", K::UShort}, {"uint16_t", K::UShort},
    {"int", K::Int},               {"int32_t", K::Int},
    {"unsigned_int", K::UInt},     {"uint32_t", K::UInt},
    {"long", K::Long},             {"unsigned_long", K::ULong},
    {"PY_LONG_LONG", K::LongLong}, {"long_long", K::LongLong},
    {"int64_t", K::LongLong},      {"unsigned_PY_LONG_LONG", K::ULongLong},
    {"unsigned_long_long", K::ULongLong}, {"uint64_t", K::ULongLong},
    {"Py_ssize_t", K::SSizeT},     {"ssize_t", K::SSizeT},
    {"size_t", K::ULong},
};

// Every integer kind, for the entries of instances known by their bodies.
constexpr ValueKind IntegerKinds[] = {K::SChar, K::UChar, K::Short, K::UShort, K::Int,
                                      K::UInt,  K::Long,  K::ULong, K::LongLong,
                                      K::ULongLong, K::SSizeT};

// The entry of a role and a kind: the same for every instance, so one
// object each (an entry's name is only its index key).
const BoundaryPrimitive *entry(PrimitiveRole Role, ValueKind Kind) {
  static const std::vector<BoundaryPrimitive> Entries = [] {
    std::vector<BoundaryPrimitive> V;
    for (PrimitiveRole Role : {R::Unbox, R::Box})
      for (ValueKind Kind : IntegerKinds)
        V.push_back({"<Cython integer conversion>", Role, Kind});
    return V;
  }();
  for (const BoundaryPrimitive &P : Entries)
    if (P.Role == Role && P.Kind == Kind)
      return &P;
  return nullptr;
}

// The kind of a C integer of Bits bits (LP64, as ValueKind's ABI types).
std::optional<ValueKind> kindOf(unsigned Bits, bool Signed) {
  switch (Bits) {
  case 8: return Signed ? K::SChar : K::UChar;
  case 16: return Signed ? K::Short : K::UShort;
  case 32: return Signed ? K::Int : K::UInt;
  case 64: return Signed ? K::Long : K::ULong;
  default: return std::nullopt;
  }
}

// The C integer an instance converts, as its IR has it: an As_'s result,
// a From_'s parameter.
IntegerType *convertedType(const Function &F, PrimitiveRole Role) {
  if (Role == R::Unbox)
    return dyn_cast<IntegerType>(F.getReturnType());
  return F.arg_size() == 1 ? dyn_cast<IntegerType>(F.getArg(0)->getType()) : nullptr;
}

// Cython's conversion of plain char, a declaration: __Pyx_PyInt_As_char
// returns it (signext i8 where char is signed, zeroext where not),
// __Pyx_PyInt_From_char takes it. An i8 without either says nothing.
const BoundaryPrimitive *charConversion(const Function &F, const Template &T) {
  StringRef Type = F.getName().drop_front(StringRef(T.Prefix).size());
  IntegerType *Char = convertedType(F, T.Role);
  if (Type != "char" || !Char || Char->getBitWidth() != 8)
    return nullptr;
  AttributeSet Attrs = T.Role == R::Unbox ? F.getAttributes().getRetAttrs()
                                          : F.getAttributes().getParamAttrs(0);
  if (Attrs.hasAttribute(Attribute::SExt))
    return entry(T.Role, K::SChar);
  if (Attrs.hasAttribute(Attribute::ZExt))
    return entry(T.Role, K::UChar);
  return nullptr;
}

// A module of copies of the instances, each with its constants folded
// (SROA, InstCombine, SimplifyCFG): what the template decided for the
// type is then what is left. The module the pass works on is only read.
class FoldedCopies {
public:
  explicit FoldedCopies(const Module &M)
      : M(M), Scratch("pyunbox.cython-conversions", M.getContext()) {
    Scratch.setDataLayout(M.getDataLayout());
    Scratch.setTargetTriple(M.getTargetTriple());
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
    Fold.addPass(compat::sroaPreservingCFG());
    Fold.addPass(InstCombinePass());
    Fold.addPass(SimplifyCFGPass());
  }

  // F's copy, folded (once).
  const Function &fold(const Function &F) {
    Function *&Known = Folded[&F];
    if (Known)
      return *Known;
    ValueToValueMapTy VMap;
    Function *Copy = Function::Create(F.getFunctionType(), GlobalValue::ExternalLinkage,
                                      F.getName() + ".folded", Scratch);
    VMap[&F] = Copy;
    for (auto [From, To] : zip(F.args(), Copy->args()))
      VMap[&From] = &To;
    for (const GlobalValue *GV : referencedGlobals(F))
      if (GV != &F)
        VMap[GV] = declaration(*GV);
    SmallVector<ReturnInst *, 4> Returns;
    CloneFunctionInto(Copy, &F, VMap, CloneFunctionChangeType::DifferentModule, Returns);
    // -O0's optnone would make the passes skip it.
    Copy->removeFnAttr(Attribute::OptimizeNone);
    Copy->removeFnAttr(Attribute::NoInline);
    Fold.run(*Copy, FAM);
    Known = Copy;
    return *Copy;
  }

  // Whether the instance F is signed: the C-API integer readers an As_
  // calls, itself or through the module's own functions (3.3 dispatches to
  // a signed and an unsigned reader by is_unsigned), agree on it; or the
  // extensions of the parameter a From_ hands C-API boxers do. None where
  // nothing decides it, or two ways disagree.
  std::optional<bool> signedness(const Function &F, PrimitiveRole Role) {
    std::optional<bool> Signed;
    bool Disagree = false;
    auto decide = [&](bool This) {
      Disagree |= Signed && *Signed != This;
      Signed = This;
    };
    SmallPtrSet<const Function *, 8> Seen{&F};
    SmallVector<std::pair<const Function *, unsigned>, 8> Work{{&F, 0}};
    while (!Work.empty() && !Disagree) {
      auto [Fn, Depth] = Work.pop_back_val();
      const Function &Copy = fold(*Fn);
      for (const Instruction &I : instructions(Copy)) {
        auto *CB = dyn_cast<CallBase>(&I);
        const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
        if (!Callee)
          continue;
        const Function *Own = M.getFunction(Callee->getName());
        if (Role == R::Unbox && Own && !Own->isDeclaration()) {
          if (Depth < MaxDepth && Seen.insert(Own).second)
            Work.push_back({Own, Depth + 1});
          continue;
        }
        const BoundaryPrimitive *P = lookupPrimitive(Callee->getName());
        if (!P || compat::startsWith(Callee->getName(), "__Pyx_") || isFloatingPoint(P->Kind) ||
            P->Kind == K::Bool || P->Kind == K::Void)
          continue;
        if (Role == R::Unbox && isUnboxer(P->Role)) {
          decide(isSigned(P->Kind) && P->Role != R::UnboxOfNonNegative);
        } else if (Role == R::Box && P->Role == R::Box && CB->arg_size() == 1) {
          const Value *A = CB->getArgOperand(0);
          const Value *Param = Copy.getArg(0);
          if (A == Param)
            decide(isSigned(P->Kind));
          else if (isa<ZExtInst>(A) && cast<ZExtInst>(A)->getOperand(0) == Param)
            decide(false);
          else if (isa<SExtInst>(A) && cast<SExtInst>(A)->getOperand(0) == Param)
            decide(true);
          else
            return std::nullopt;
        }
      }
    }
    return Disagree ? std::nullopt : Signed;
  }

private:
  // How deep signedness() follows the module's own functions.
  static constexpr unsigned MaxDepth = 3;

  // The globals F's instructions and constants name.
  static std::vector<const GlobalValue *> referencedGlobals(const Function &F) {
    std::vector<const GlobalValue *> Found;
    SmallPtrSet<const Value *, 32> Seen;
    std::vector<const Value *> Work;
    if (F.hasPersonalityFn())
      Work.push_back(F.getPersonalityFn());
    for (const Instruction &I : instructions(F))
      for (const Value *Op : I.operands())
        Work.push_back(Op);
    while (!Work.empty()) {
      const Value *V = Work.back();
      Work.pop_back();
      if (!isa<Constant>(V) || !Seen.insert(V).second)
        continue;
      if (auto *GV = dyn_cast<GlobalValue>(V)) {
        Found.push_back(GV);
        continue;
      }
      for (const Value *Op : cast<Constant>(V)->operands())
        Work.push_back(Op);
    }
    return Found;
  }

  // A declaration in the scratch module with GV's name and type.
  GlobalValue *declaration(const GlobalValue &GV) {
    if (GlobalValue *Known = Scratch.getNamedValue(GV.getName()))
      return Known;
    if (auto *FTy = dyn_cast<FunctionType>(GV.getValueType())) {
      Function *D = Function::Create(FTy, GlobalValue::ExternalLinkage, GV.getName(), Scratch);
      if (auto *Fn = dyn_cast<Function>(&GV))
        D->setAttributes(Fn->getAttributes());
      return D;
    }
    auto *Var = dyn_cast<GlobalVariable>(&GV);
    return new GlobalVariable(Scratch, GV.getValueType(), Var && Var->isConstant(),
                              GlobalValue::ExternalLinkage, nullptr, GV.getName());
  }

  const Module &M;
  Module Scratch;
  DenseMap<const Function *, Function *> Folded;
  PassBuilder PB;
  LoopAnalysisManager LAM;
  FunctionAnalysisManager FAM;
  CGSCCAnalysisManager CGAM;
  ModuleAnalysisManager MAM;
  FunctionPassManager Fold;
};

// The kinds installed on this thread (CythonConversionKinds).
thread_local const CythonConversionKinds *Installed = nullptr;

} // namespace

const BoundaryPrimitive *cythonConversionBySpelling(StringRef Name) {
  const Template *T = templateOf(Name);
  if (!T)
    return nullptr;
  StringRef Type = Name.drop_front(StringRef(T->Prefix).size());
  for (const CTypeSpelling &S : Spellings)
    if (Type == S.Spelling)
      return entry(T->Role, S.Kind);
  return nullptr;
}

CythonConversionKinds::CythonConversionKinds(const Module &M) : Outer(Installed) {
  std::optional<FoldedCopies> Copies;
  for (const Function &F : M) {
    const Template *T = templateOf(F.getName());
    IntegerType *Ty = T && !F.isDeclaration() ? convertedType(F, T->Role) : nullptr;
    if (!Ty)
      continue;
    if (!Copies)
      Copies.emplace(M);
    std::optional<bool> Signed = Copies->signedness(F, T->Role);
    std::optional<ValueKind> Kind = Signed ? kindOf(Ty->getBitWidth(), *Signed) : std::nullopt;
    LLVM_DEBUG(dbgs() << "pyunbox: " << F.getName() << " converts "
                      << (Kind ? cSpelling(*Kind) : StringRef("an integer not decided"))
                      << ", by its body\n");
    if (!Kind)
      continue;
    const BoundaryPrimitive *Entry = entry(T->Role, *Kind);
    // The type's spelling names the C type more exactly (long long,
    // Py_ssize_t); where it says another width or signedness, neither is
    // trusted.
    if (const BoundaryPrimitive *Spelt = cythonConversionBySpelling(F.getName()))
      Entry = isSigned(Spelt->Kind) == *Signed &&
                      abiType(Spelt->Kind, F.getContext()) == Ty
                  ? Spelt
                  : nullptr;
    LLVM_DEBUG(if (!Entry) dbgs() << "pyunbox: " << F.getName() << "'s spelling says otherwise\n");
    FromBodies[&F] = Entry;
  }
  Installed = this;
}

CythonConversionKinds::~CythonConversionKinds() { Installed = Outer; }

std::optional<const BoundaryPrimitive *>
CythonConversionKinds::lookup(const Function &F) const {
  auto It = FromBodies.find(&F);
  if (It == FromBodies.end())
    return std::nullopt;
  return It->second;
}

const BoundaryPrimitive *cythonConversion(const Function &F) {
  const Template *T = templateOf(F.getName());
  if (!T)
    return nullptr;
  if (Installed)
    if (std::optional<const BoundaryPrimitive *> Decided = Installed->lookup(F))
      return *Decided;
  if (const BoundaryPrimitive *P = cythonConversionBySpelling(F.getName()))
    return P;
  return charConversion(F, *T);
}

} // namespace pyunbox
