//===- MethodTables.cpp - PyMethodDef entries of a module -----------------===//
#include "pyunbox/passes/MethodTables.h"

#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CythonStringTable.h"
#include "pyunbox/passes/LibcRoles.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/Refusal.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Path.h"
#include <optional>

using namespace llvm;

namespace pyunbox {
namespace {

std::optional<std::string> cString(const Constant *C) {
  StringRef S;
  if (C && getConstantStringInfo(C, S))
    return S.str();
  return std::nullopt;
}

// A PyMethodDef is {const char *ml_name, PyCFunction ml_meth, int ml_flags,
// const char *ml_doc}: matched by shape, since struct names may be gone.
// clang 22 (not 19) gives an initialized table an unnamed type that spells
// out the padding after ml_flags, {ptr, ptr, i32, [4 x i8], ptr}, so that it
// is zero; the first three fields keep their places.
bool isMethodDefType(Type *T) {
  auto *ST = dyn_cast<StructType>(T);
  if (!ST || ST->getNumElements() < 4 || !ST->getElementType(0)->isPointerTy() ||
      !ST->getElementType(1)->isPointerTy() || !ST->getElementType(2)->isIntegerTy(32))
    return false;
  auto *Pad = dyn_cast<ArrayType>(ST->getElementType(3));
  bool Padded = Pad && Pad->getElementType()->isIntegerTy(8);
  return ST->getNumElements() == 4u + Padded && ST->getElementType(3 + Padded)->isPointerTy();
}

// One entry from its ml_name, ml_meth and ml_flags.
void collectEntry(GlobalVariable &GV, const Constant *NameC, Constant *Meth,
                  const Constant *Flags, StringRef Module, CythonStringTable &Strings,
                  SmallVectorImpl<MethodEntry> &Out) {
  auto Name = cString(NameC);
  auto *Fn = Meth ? dyn_cast<Function>(Meth->stripPointerCasts()) : nullptr;
  auto *FlagsC = dyn_cast_or_null<ConstantInt>(Flags);
  if (!Name || !Fn || !FlagsC)
    return;
  MethodEntry E;
  E.PythonName = *Name;
  E.Wrapper = Fn;
  E.Flags = FlagsC->getZExtValue();
  E.Table = &GV;
  E.ModuleName = Module.str();
  E.Keywords = keywordNames(*Fn, Strings);
  Out.push_back(std::move(E));
}

void collectEntries(GlobalVariable &GV, const Constant *Init, StringRef Module,
                    CythonStringTable &Strings, SmallVectorImpl<MethodEntry> &Out) {
  if (auto *CS = dyn_cast<ConstantStruct>(Init)) // not zeroinitializer, the sentinel
    collectEntry(GV, CS->getOperand(0), CS->getOperand(1), CS->getOperand(2), Module, Strings, Out);
}

// Where a table's address, as an integer (ptrtoint), may be written
// through: the first use that turns it back into a pointer, stores it or
// hands it to a call that may write memory; nothing where it is only
// compared, masked, extended or reported (-fsanitize=undefined checks a
// store's alignment and hands the address to __ubsan_handle_type_mismatch_v1
// to print). LLVM 15 folds -O0's checks of a constant address into icmp
// expressions: a comparison in any form decides a branch, never a write.
const User *integerWriter(const Value *AsInteger) {
  SmallVector<const Value *, 8> Work{AsInteger};
  SmallPtrSet<const Value *, 8> Seen{AsInteger};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      auto *CB = dyn_cast<CallBase>(U);
      const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      auto *Op = dyn_cast<Operator>(U);
      if ((Op && Op->getOpcode() == Instruction::ICmp) ||
          (CB && (!CB->mayWriteToMemory() || (Callee && isSanitizerReport(Callee->getName())))))
        continue;
      if (Op && !CB && Op->getOpcode() != Instruction::IntToPtr && U->getType()->isIntegerTy()) {
        if (Seen.insert(U).second)
          Work.push_back(U); // masked, shifted, extended, merged: still a number
        continue;
      }
      return U;
    }
  }
  return nullptr;
}

// Where a table's entries may change at run time (MethodEntry::TableWriter):
// for each entry, the first use of the table's address in the module's code
// that writes it or hands it to code that may, as a phrase for the remark.
// A store at a known entry (`methods[3].ml_meth = f_avx2`, a choice made at
// import) marks that entry; any other write marks them all (Whole). A
// constant global cannot change. Loads, comparisons, calls that write no
// memory, a copy from it and the C API's readers (readsMethodTable) only
// read it; so does its address as an integer no one writes through
// (integerWriter). A store of its address is followed to the loads from the
// same place (a stack slot at -O0, a static pointer), a return of it to the
// module's calls of the function; otherwise they pass it on (to a
// PyModuleDef filled at import, to another file's PyInit that adds the table
// to its module) as a PyModuleDef's initializer does: the module's code is
// what is followed. A function of the module given its address is followed
// into. A store into an ml_doc field changes no function: docs built at
// import, as SWIG's SWIG_Python_FixMethods writes them at a computed index
// (the field is known where the index counts whole entries).
struct TableWriters {
  std::string Whole;
  DenseMap<uint64_t, std::string> ByEntry;
  const std::string &of(uint64_t Entry) const {
    auto It = ByEntry.find(Entry);
    return Whole.empty() && It != ByEntry.end() ? It->second : Whole;
  }
};

TableWriters tableWriters(const GlobalVariable &GV) {
  TableWriters W;
  if (GV.isConstant())
    return W;
  const DataLayout &DL = GV.getParent()->getDataLayout();
  Type *EntryType = GV.getValueType();
  if (auto *AT = dyn_cast<ArrayType>(EntryType))
    EntryType = AT->getElementType();
  auto *Entry = cast<StructType>(EntryType);
  int64_t EntrySize = DL.getTypeAllocSize(Entry);
  int64_t DocOffset = DL.getStructLayout(Entry)->getElementOffset(Entry->getNumElements() - 1);
  // A pointer with its offset from the table's start and within an entry
  // (-1: not known).
  struct Place {
    const Value *V;
    int64_t Start, InEntry;
  };
  SmallVector<Place, 16> Work{{&GV, 0, 0}};
  DenseSet<std::tuple<const Value *, int64_t, int64_t>> Seen;
  auto Writer = [](const Instruction &I, const Twine &What) {
    return "'" + sourceName(*I.getFunction()) + "' " + What.str();
  };
  // Each value is seen with at most one known start (only GEPs of a known
  // pointer know theirs) and EntrySize + 1 offsets within an entry, so the
  // walk ends; the bound is for a module whose uses are past counting.
  unsigned Budget = 100000;
  while (!Work.empty() && W.Whole.empty()) {
    auto [V, Start, InEntry] = Work.pop_back_val();
    if (!Seen.insert({V, Start, InEntry}).second)
      continue;
    if (!--Budget) {
      W.Whole = "'" + sourceName(GV) + "' has more uses than the pass follows";
      break;
    }
    for (const User *U : V->users()) {
      if (auto *GEP = dyn_cast<GEPOperator>(U); GEP && GEP->getPointerOperand() == V) {
        unsigned Bits = DL.getIndexTypeSizeInBits(GEP->getType());
        compat::GEPVariableOffsets Variable;
        APInt Constant(Bits, 0);
        bool Collected = GEP->collectOffset(DL, Bits, Variable, Constant);
        bool ByWholeEntries = Collected && all_of(Variable, [&](const auto &VO) {
          return VO.second.srem(EntrySize) == 0;
        });
        int64_t Moved = ((InEntry + Constant.srem(EntrySize)) % EntrySize + EntrySize) % EntrySize;
        int64_t To = Start + Constant.getSExtValue();
        Work.push_back({GEP, Collected && Variable.empty() && Start >= 0 && To >= 0 ? To : -1,
                        ByWholeEntries && InEntry >= 0 ? Moved : -1});
        continue;
      }
      if (isa<PtrToIntOperator>(U)) {
        if (const User *Through = integerWriter(U)) {
          auto *I = dyn_cast<Instruction>(Through);
          W.Whole = I ? Writer(*I, "uses its address as an integer that may be written through")
                      : "'" + sourceName(GV) + "''s address is an integer that may be written through";
        }
        continue;
      }
      auto *I = dyn_cast<Instruction>(U);
      if (!I) {
        if (auto *CE = dyn_cast<ConstantExpr>(U); CE && CE->isCast())
          Work.push_back({CE, Start, InEntry});
        continue; // other constants (the PyModuleDef, a type) are the interpreter's to read
      }
      if (isa<LoadInst>(I) || isa<CmpInst>(I))
        continue;
      // Returned: the module's direct calls of the function get it back
      // (`first(methods)->ml_meth = g`); other callers are another file's.
      if (isa<ReturnInst>(I)) {
        for (const User *FU : I->getFunction()->users())
          if (auto *Call = dyn_cast<CallBase>(FU); Call && Call->getCalledOperand() == I->getFunction())
            Work.push_back({Call, -1, InEntry});
        continue;
      }
      if (isa<BitCastInst>(I) || isa<AddrSpaceCastInst>(I)) {
        Work.push_back({I, Start, InEntry});
        continue;
      }
      // A phi or select of pointers: each pointer into the table that
      // reaches it is followed with its own offset within an entry (Seen
      // holds them); which entry it points to is not known (a loop's
      // pointer moves on, and this walk must end).
      if (isa<PHINode>(I) || isa<SelectInst>(I)) {
        Work.push_back({I, -1, InEntry});
        continue;
      }
      if (auto *SI = dyn_cast<StoreInst>(I)) {
        if (SI->getPointerOperand() != V) {
          // A store of its address: its loads from the same place are
          // followed (a parameter's stack slot at -O0, a static pointer),
          // without the entry (a loop's variable at -O0 moves on).
          for (const User *Reader : SI->getPointerOperand()->users())
            if (auto *LI = dyn_cast<LoadInst>(Reader); LI && LI->getPointerOperand() == SI->getPointerOperand())
              Work.push_back({LI, -1, InEntry});
          continue;
        }
        int64_t Size = DL.getTypeStoreSize(SI->getValueOperand()->getType());
        if (InEntry >= DocOffset && InEntry + Size <= EntrySize)
          continue; // ml_doc
        std::string Why = Writer(*I, "stores into it");
        if (Start >= 0 && InEntry >= 0 && InEntry + Size <= EntrySize)
          W.ByEntry.try_emplace(Start / EntrySize, Why);
        else
          W.Whole = Why;
        continue;
      }
      if (auto *MI = dyn_cast<MemIntrinsic>(I)) {
        if (MI->getRawDest() == V)
          W.Whole = Writer(*I, "stores into it"); // a memset, a copy into it
        continue; // a copy from it
      }
      if (auto *CB = dyn_cast<CallBase>(I)) {
        const Function *Callee = CB->getCalledFunction();
        // A call through a pointer a global holds is named by the global
        // (Cython 3.3's functions imported from its shared module).
        auto *Pointer = dyn_cast<LoadInst>(CB->getCalledOperand());
        auto *Holder = Pointer ? dyn_cast<GlobalVariable>(Pointer->getPointerOperand()) : nullptr;
        StringRef CalleeName = Callee ? Callee->getName() : Holder ? Holder->getName() : "";
        if (!CB->mayWriteToMemory() || readsMethodTable(CalleeName) || isSanitizerReport(CalleeName))
          continue; // a report of a check: its pointer is printed
        if (Callee && !Callee->isDeclaration()) {
          bool Followed = false, Lost = false; // a variadic argument is lost
          for (unsigned K = 0; K != CB->arg_size(); ++K)
            if (CB->getArgOperand(K) == V) {
              Followed = true;
              if (K < Callee->arg_size()) // without the entry: a recursion moves on
                Work.push_back({Callee->getArg(K), -1, InEntry});
              else
                Lost = true;
            }
          if (Followed && !Lost)
            continue;
        }
        W.Whole = Writer(*I, "hands its address to " +
                                 (CalleeName.empty() ? "an indirect call" : "'" + CalleeName.str() + "'"));
        continue;
      }
      W.Whole = Writer(*I, "uses its address in a way that may write it");
    }
  }
  return W;
}

// The functions that run before any other code of the module: the static
// constructors (llvm.global_ctors) and the internal functions only they call
// (C++'s __cxx_global_var_init.N, called from _GLOBAL__sub_I_<file>).
SmallPtrSet<const Function *, 8> staticConstructors(Module &M) {
  SmallPtrSet<const Function *, 8> Ctors;
  SmallVector<Function *, 8> Work;
  if (GlobalVariable *List = M.getNamedGlobal("llvm.global_ctors"))
    if (auto *CA = List->hasInitializer() ? dyn_cast<ConstantArray>(List->getInitializer()) : nullptr)
      for (const Use &Op : CA->operands())
        if (auto *CS = dyn_cast<ConstantStruct>(Op.get()); CS && CS->getNumOperands() >= 2)
          if (auto *F = dyn_cast<Function>(CS->getOperand(1)->stripPointerCasts()))
            if (Ctors.insert(F).second)
              Work.push_back(F);
  while (!Work.empty()) {
    Function *F = Work.pop_back_val();
    for (Instruction &I : instructions(*F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      if (!Callee || !Callee->hasLocalLinkage() || Ctors.count(Callee) ||
          !all_of(Callee->uses(), [&](const Use &U) {
            auto *Call = dyn_cast<CallBase>(U.getUser());
            return Call && Call->isCallee(&U) && Ctors.count(Call->getFunction());
          }))
        continue;
      Ctors.insert(Callee);
      Work.push_back(Callee);
    }
  }
  return Ctors;
}

// C++ fills a table at run time where an entry is no constant expression (a
// `char *` variable for ml_doc, python-apt's): the global is zero, and a
// static constructor stores each field. The fields its constructors store,
// by offset, each the first value stored at a constant offset; and, where
// anything else may write the table (a store from other code, a call, a
// store at a computed address, a field stored twice), the first such use as
// a phrase for the remark: then no entry is known to hold what was stored,
// and every entry found gets no core (TableRewritten), as a constant table
// PyInit writes. A constructor's memset of zeros (clang's for the sentinel)
// writes what the initializer holds, so it counts where it meets no stored
// field. Entries stored at a computed index cannot be placed: none are found.
struct StoredTable {
  DenseMap<uint64_t, Value *> Fields;
  std::string Writer;
};

StoredTable storedFields(GlobalVariable &GV, const SmallPtrSetImpl<const Function *> &Ctors) {
  const DataLayout &DL = GV.getParent()->getDataLayout();
  StoredTable T;
  auto Where = [&](const User *U) {
    auto *I = dyn_cast<Instruction>(U);
    return "'" + (I ? sourceName(*I->getFunction()) : sourceName(GV)) + "'";
  };
  auto Written = [&](const User *U, const char *How) {
    if (T.Writer.empty())
      T.Writer = Where(U) + " " + How;
  };
  // A call that writes no memory, or one of the C API's readers
  // (PyModule_AddFunctions), as tableWriters reads them.
  auto ReadsOnly = [](const User *U) {
    auto *CB = dyn_cast<CallBase>(U);
    const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
    return CB && (!CB->mayWriteToMemory() || (Callee && readsMethodTable(Callee->getName())));
  };
  SmallVector<std::pair<uint64_t, uint64_t>, 2> Zeroed; // [begin, end)
  auto ZeroedByCtor = [&](const User *U, uint64_t Offset) {
    auto *MS = dyn_cast<MemSetInst>(U);
    auto *Len = MS ? dyn_cast<ConstantInt>(MS->getLength()) : nullptr;
    auto *Byte = MS ? dyn_cast<ConstantInt>(MS->getValue()) : nullptr;
    if (!Len || !Byte || !Byte->isZero() || MS->isVolatile() || !Ctors.count(MS->getFunction()))
      return false;
    Zeroed.push_back({Offset, Offset + Len->getZExtValue()});
    return true;
  };
  SmallVector<std::pair<Value *, uint64_t>, 16> Work{{&GV, 0}};
  while (!Work.empty()) {
    auto [V, Offset] = Work.pop_back_val();
    for (User *U : V->users()) {
      if (auto *GEP = dyn_cast<GEPOperator>(U); GEP && GEP->getPointerOperand() == V) {
        APInt More(DL.getIndexTypeSizeInBits(GEP->getType()), 0);
        if (!GEP->accumulateConstantOffset(DL, More) || More.isNegative())
          Written(U, "uses it at a computed place");
        else
          Work.push_back({GEP, Offset + More.getZExtValue()});
      } else if (isa<PtrToIntOperator>(U)) {
        if (integerWriter(U))
          Written(U, "uses its address as an integer that may be written through");
      } else if (auto *SI = dyn_cast<StoreInst>(U)) {
        // A store of its address (a PyModuleDef's m_methods, filled at run
        // time too) only reads it.
        if (SI->getPointerOperand() == V &&
            (!SI->isSimple() || !Ctors.count(SI->getFunction()) ||
             !T.Fields.try_emplace(Offset, SI->getValueOperand()).second))
          Written(U, "stores into it");
      } else if (isa<Instruction>(U) && !isa<LoadInst>(U) && !isa<CmpInst>(U) && !ReadsOnly(U) &&
                 !(U->getOperand(0) == V && ZeroedByCtor(U, Offset))) { // a memset's dest
        Written(U, "hands its address to code that may write it"); // a call, a select
      } else if (auto *CE = dyn_cast<ConstantExpr>(U); CE && CE->isCast()) {
        Work.push_back({CE, Offset});
      }
      // Other constants (the PyModuleDef that holds it), loads and
      // comparisons only read, as in tableWriters.
    }
  }
  for (auto [Offset, Value] : T.Fields)
    for (auto [Begin, End] : Zeroed)
      if (Offset < End && Begin < Offset + DL.getTypeStoreSize(Value->getType()) && T.Writer.empty())
        T.Writer = Where(&GV) + " is zeroed where a field is stored"; // the order would matter
  return T;
}

// The entries of a table its static constructors fill (storedFields).
void collectStoredEntries(GlobalVariable &GV, ArrayType &AT, StringRef Module,
                          CythonStringTable &Strings, SmallVectorImpl<MethodEntry> &Out) {
  llvm::Module &M = *GV.getParent();
  auto Ctors = staticConstructors(M);
  if (Ctors.empty())
    return;
  StoredTable Stored = storedFields(GV, Ctors);
  const DataLayout &DL = M.getDataLayout();
  auto *Entry = cast<StructType>(AT.getElementType());
  const StructLayout *Layout = DL.getStructLayout(Entry);
  uint64_t Size = DL.getTypeAllocSize(Entry);
  auto Field = [&](uint64_t K, unsigned Index) {
    auto It = Stored.Fields.find(K * Size + Layout->getElementOffset(Index));
    return It == Stored.Fields.end() ? nullptr : dyn_cast<Constant>(It->second);
  };
  for (uint64_t K = 0; K != AT.getNumElements(); ++K) {
    size_t Before = Out.size();
    collectEntry(GV, Field(K, 0), Field(K, 1), Field(K, 2), Module, Strings, Out);
    if (Out.size() != Before)
      Out.back().TableWriter = Stored.Writer;
  }
}

// The source file's name without its folders and extensions
// ("src/_perlin.c" -> "_perlin"), or "module" for a file without one.
std::string fileModuleName(Module &M) {
  StringRef File = sys::path::filename(M.getSourceFileName());
  StringRef Stem = File.take_until([](char C) { return C == '.'; });
  return Stem.empty() ? "module" : Stem.str();
}

// The module's name where its PyModuleDef does not hold it as a constant
// (set at import, `def.m_name = name`): the X of the one PyInit_X the file
// defines (the name the interpreter imports it by), or else the file's own
// name without its folders and extensions. Never empty.
std::string fallbackModuleName(Module &M) {
  std::string Init;
  for (Function &F : M)
    if (!F.isDeclaration() && compat::startsWith(F.getName(), "PyInit_") && F.getName().size() > 7) {
      if (!Init.empty())
        return fileModuleName(M); // two modules in one file: neither is it
      Init = F.getName().drop_front(7).str();
    }
  return !Init.empty() ? Init : fileModuleName(M);
}

// PyModuleDef: {PyModuleDef_Base m_base, const char *m_name, const char *m_doc,
// Py_ssize_t m_size, PyMethodDef *m_methods, ...}. Found through the calls
// that create a module from it, so a look-alike struct is never taken for one.
// Visit(name, methods table or null) for each; a name that is no constant
// is fallbackModuleName's.
template <typename Fn> void forEachModuleDef(Module &M, Fn Visit) {
  for (Function &F : M) {
    const BoundaryPrimitive *P = lookupPrimitive(F.getName());
    if (!P || P->Role != PrimitiveRole::ModuleCreate)
      continue;
    for (User *U : F.users()) {
      auto *CB = dyn_cast<CallBase>(U);
      if (!CB || CB->getCalledOperand() != &F || CB->arg_size() < 1)
        continue;
      auto *Def = dyn_cast<GlobalVariable>(CB->getArgOperand(0)->stripPointerCasts());
      if (!Def || !Def->hasInitializer())
        continue;
      auto *CS = dyn_cast<ConstantStruct>(Def->getInitializer());
      if (!CS || CS->getNumOperands() < 5)
        continue;
      std::optional<std::string> Name = cString(CS->getOperand(1));
      Visit(Name && !Name->empty() ? *Name : fallbackModuleName(M),
            dyn_cast<GlobalVariable>(CS->getOperand(4)->stripPointerCasts()));
    }
  }
}

DenseMap<const GlobalVariable *, std::string> moduleNamesByTable(Module &M) {
  DenseMap<const GlobalVariable *, std::string> Names;
  forEachModuleDef(M, [&](const std::string &Name, GlobalVariable *Table) {
    if (Table)
      Names[Table] = Name;
  });
  return Names;
}

// A PyTypeObject (object.h) is {PyVarObject ob_base, const char *tp_name,
// ...} with PyMethodDef *tp_methods its 28th field: the layout of every
// CPython 3 and of PyPy's cpyext, whose fields before it are all 8 bytes
// wide, so no padding moves it. Matched by shape, as PyMethodDef is.
constexpr unsigned TpNameField = 1, TpMethodsField = 27;
// typeslots.h: the slot id of tp_methods in a PyType_Slot {int slot, void *pfunc}.
constexpr uint64_t PyTpMethodsSlot = 64;

// The last field of a struct, after the padding clang 22 may spell out as
// [N x i8] (PyType_Slot's {i32, [4 x i8], ptr}).
const Constant *lastField(const ConstantStruct &CS) {
  return CS.getOperand(CS.getNumOperands() - 1);
}

// A PyType_Spec {const char *name, int basicsize, int itemsize, unsigned
// flags, PyType_Slot *slots}: its name and its slots' array, or null.
const ConstantArray *typeSpecSlots(const ConstantStruct &CS, std::optional<std::string> &Name) {
  unsigned N = CS.getNumOperands();
  if (N < 5 || N > 6 || !CS.getOperand(1)->getType()->isIntegerTy(32))
    return nullptr;
  Name = cString(CS.getOperand(0));
  auto *Slots = dyn_cast<GlobalVariable>(lastField(CS)->stripPointerCasts());
  if (!Name || Name->empty() || !Slots || !Slots->hasInitializer())
    return nullptr;
  return dyn_cast<ConstantArray>(Slots->getInitializer());
}

// The tp_name of the type each method table belongs to: the static type
// objects whose tp_methods it is, and the type specs with a Py_tp_methods
// slot of it. A table two types name differently belongs to neither.
DenseMap<const GlobalVariable *, std::string> typeNamesByTable(Module &M) {
  DenseMap<const GlobalVariable *, std::string> Names;
  SmallPtrSet<const GlobalVariable *, 2> Ambiguous;
  auto Note = [&](const Value *TableRef, const std::string &Name) {
    auto *Table = dyn_cast<GlobalVariable>(TableRef->stripPointerCasts());
    if (!Table)
      return;
    auto [It, New] = Names.try_emplace(Table, Name);
    if (!New && It->second != Name)
      Ambiguous.insert(Table);
  };
  for (GlobalVariable &GV : M.globals()) {
    auto *CS = GV.hasInitializer() ? dyn_cast<ConstantStruct>(GV.getInitializer()) : nullptr;
    if (!CS)
      continue;
    if (CS->getNumOperands() > TpMethodsField &&
        isa<ConstantAggregate, ConstantAggregateZero>(CS->getOperand(0))) {
      std::optional<std::string> Name = cString(CS->getOperand(TpNameField));
      if (Name && !Name->empty())
        Note(CS->getOperand(TpMethodsField), *Name);
      continue;
    }
    std::optional<std::string> Name;
    if (const ConstantArray *Slots = typeSpecSlots(*CS, Name))
      for (const Use &Op : Slots->operands()) {
        auto *Slot = dyn_cast<ConstantStruct>(Op.get());
        auto *Id = Slot && Slot->getNumOperands() >= 2 ? dyn_cast<ConstantInt>(Slot->getOperand(0))
                                                       : nullptr;
        if (Id && Id->getZExtValue() == PyTpMethodsSlot)
          Note(lastField(*Slot), *Name);
      }
  }
  for (const GlobalVariable *Table : Ambiguous)
    Names.erase(Table);
  return Names;
}

} // namespace

SmallVector<std::string, 1> findModuleNames(Module &M) {
  SmallVector<std::string, 1> Names;
  forEachModuleDef(M, [&](const std::string &Name, GlobalVariable *) {
    if (!is_contained(Names, Name))
      Names.push_back(Name);
  });
  // A module made some other way (PyModule_New, a def built at import).
  if (Names.empty())
    Names.push_back(fallbackModuleName(M));
  return Names;
}

SmallVector<MethodEntry, 16> findMethodEntries(Module &M) {
  auto ModuleNames = moduleNamesByTable(M);
  auto TypeNames = typeNamesByTable(M);
  CythonStringTable Strings(M); // replayed on first use, once for all wrappers
  SmallVector<MethodEntry, 16> Entries;
  for (GlobalVariable &GV : M.globals()) {
    if (!GV.hasInitializer())
      continue;
    const Constant *Init = GV.getInitializer();
    StringRef Module;
    auto It = ModuleNames.find(&GV);
    if (It != ModuleNames.end())
      Module = It->second;
    size_t First = Entries.size();
    if (isMethodDefType(Init->getType())) {
      collectEntries(GV, Init, Module, Strings, Entries);
      if (Entries.size() != First)
        Entries.back().TableWriter = tableWriters(GV).of(0);
    } else if (auto *AT = dyn_cast<ArrayType>(Init->getType());
               AT && isMethodDefType(AT->getElementType())) {
      if (auto *CA = dyn_cast<ConstantArray>(Init)) {
        TableWriters Writers = tableWriters(GV);
        for (const Use &Op : CA->operands()) {
          size_t Before = Entries.size();
          collectEntries(GV, cast<Constant>(Op.get()), Module, Strings, Entries);
          if (Entries.size() != Before)
            Entries.back().TableWriter = Writers.of(Op.getOperandNo());
        }
      }
      else if (isa<ConstantAggregateZero>(Init) && GV.hasLocalLinkage())
        collectStoredEntries(GV, *AT, Module, Strings, Entries);
    }
    if (auto Type = TypeNames.find(&GV); Type != TypeNames.end())
      for (MethodEntry &E : drop_begin(Entries, First))
        E.TypeName = Type->second;
  }
  return Entries;
}

} // namespace pyunbox
