//===- CalleeSummaries.cpp - What a function does, as its callers see it --===//
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/LibcRoles.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/PointerOrigins.h"
#include "pyunbox/passes/ToolAnnotations.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <functional>
#include <optional>

using namespace llvm;

namespace pyunbox {
namespace {

enum pyunbox_memory fromAccess(compat::MemoryAccess A) {
  switch (A) {
  case compat::MemoryAccess::None:
    return PYUNBOX_MEMORY_NONE;
  case compat::MemoryAccess::Reads:
    return PYUNBOX_MEMORY_READ;
  case compat::MemoryAccess::Writes:
    break;
  }
  return PYUNBOX_MEMORY_WRITE;
}

enum pyunbox_memory weaker(enum pyunbox_memory A, enum pyunbox_memory B) { return A < B ? A : B; }

// F's own stack; errno; a profile's counters.
bool isLocalMemory(const Value *Ptr, const Function &F) {
  const Value *Base = getUnderlyingObject(Ptr);
  if (auto *AI = dyn_cast<AllocaInst>(Base))
    return AI->getFunction() == &F;
  return isErrnoLocation(Ptr) || isProfileCounter(Ptr);
}

// Whether V (a global or an address derived from it) is only ever read:
// every use is a non-volatile load or an address computed from it. What
// GlobalOpt proves at -O2 before marking a global `constant`.
bool onlyLoaded(const Value *V, unsigned Depth = 0) {
  return Depth < 8 && all_of(V->users(), [&](const User *U) {
           if (auto *L = dyn_cast<LoadInst>(U))
             return !L->isVolatile();
           if (isa<GetElementPtrInst>(U) || isa<BitCastInst>(U) ||
               (isa<ConstantExpr>(U) && (cast<ConstantExpr>(U)->getOpcode() == Instruction::GetElementPtr ||
                                         cast<ConstantExpr>(U)->isCast())))
             return onlyLoaded(U, Depth + 1);
           return false; // stored to, passed on, compared: may change or escape
         });
}

// Memory no one can change: a constant global (string literals, const
// tables), as the C rules for const objects and LLVM's `constant` promise,
// or a static one that this module only ever reads (its initializer is all
// it holds, whatever the -O level: LLVM proves the same at -O2).
bool isConstantMemory(const Value *Ptr) {
  auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(Ptr));
  return GV && (GV->isConstant() ||
                (GV->hasLocalLinkage() && GV->hasInitializer() && !GV->isExternallyInitialized() &&
                 onlyLoaded(GV)));
}

bool isBookkeeping(const CallBase &CB) {
  return isToolAnnotation(CB) || CB.isLifetimeStartOrEnd() || isa<AssumeInst>(CB);
}

// Whether no pointer into a heap block leaves its function: every use of it
// and of the addresses computed from it is a load or a store through it, a
// comparison (which gives no one else the block), an argument its callee
// does not capture (free, memset, a helper LLVM has shown keeps none), or a
// store into a private variable (-O0's locals), whose loads are followed in
// turn. LLVM's capture tracking counts a comparison with NULL as a capture
// where the block's size is not known, which every malloc check is.
bool staysInFunction(const Instruction &Block, const TargetLibraryInfo *TLI) {
  SmallVector<const Value *, 8> Work{&Block};
  SmallPtrSet<const Value *, 16> Seen{&Block};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const auto *I = dyn_cast<Instruction>(U.getUser());
      if (!I)
        return false;
      if (isa<LoadInst>(I) || isa<ICmpInst>(I))
        continue;
      if (const auto *St = dyn_cast<StoreInst>(I)) {
        if (U.getOperandNo() == StoreInst::getPointerOperandIndex())
          continue;
        // The pointer itself stored: kept only in a variable of this
        // function, it is wherever that variable is loaded.
        const auto *Slot = dyn_cast<AllocaInst>(St->getPointerOperand());
        SmallVector<const Value *, 4> Stored;
        if (!St->isSimple() || !Slot || Slot->getFunction() != Block.getFunction() ||
            !privateVariableStores(*Slot, Stored))
          return false;
        if (Seen.insert(Slot).second)
          for (const User *Load : Slot->users())
            if (isa<LoadInst>(Load) && Seen.insert(Load).second)
              Work.push_back(Load);
        continue;
      }
      if (isa<GetElementPtrInst>(I) || isa<BitCastInst>(I) || isa<PHINode>(I) || isa<SelectInst>(I)) {
        if (Seen.insert(I).second)
          Work.push_back(I);
        continue;
      }
      if (const auto *CB = dyn_cast<CallBase>(I)) {
        if (isBookkeeping(*CB) || freedPointer(*CB, TLI) == V ||
            (CB->isArgOperand(&U) && CB->doesNotCapture(CB->getArgOperandNo(&U))))
          continue;
      }
      return false; // returned, turned into an integer, passed on to be kept
    }
  }
  return true;
}

// What drafting asks of a helper before inlining it: calls of boxers only,
// memory of its own stack only.
bool boxesOnly(const Function &F) {
  bool Boxes = false;
  for (const Instruction &I : instructions(F)) {
    if (auto *CB = dyn_cast<CallBase>(&I)) {
      if (isBookkeeping(*CB))
        continue;
      const BoundaryPrimitive *P = calledPrimitive(CB);
      if (!P || (P->Role != PrimitiveRole::Box && P->Role != PrimitiveRole::BoolFromLong))
        return false;
      Boxes = true;
      continue;
    }
    if (const Value *Ptr = getLoadStorePointerOperand(&I))
      if (!isa<AllocaInst>(getUnderlyingObject(Ptr)))
        return false;
    if (I.mayHaveSideEffects() && !isa<StoreInst>(I))
      return false;
  }
  return Boxes;
}

// The answer for a function the table cannot have (it never happens: every
// callee is summarized before it is asked about): the most conservative.
const CalleeSummary &unknownSummary() {
  static const CalleeSummary S{{CalleeClass::Unknown, "a function pyunbox did not summarize"},
                               true, PYUNBOX_MEMORY_WRITE, ~0u, true, false};
  return S;
}

} // namespace

unsigned instructionCount(const Function &F) {
  unsigned N = 0;
  for (const BasicBlock &BB : F)
    N += count_if(BB, [](const Instruction &I) {
      return !isToolAnnotation(I);
    });
  return N;
}

void CalleeSummaries::summarizeClosure(const Function &Root, Table &Local,
                                       SmallVectorImpl<const Function *> &Order) {
  SmallVector<const Function *, 16> Stack{&Root};
  while (!Stack.empty()) {
    const Function &F = *Stack.pop_back_val();
    if (Local.count(&F) || Memo.count(&F))
      continue;
    CalleeSummary &S = Local[&F];
    Order.push_back(&F);
    StringRef Name = F.getName();
    if (F.isIntrinsic())
      S.Interpreter = {CalleeClass::Clean, ""};
    else if (isInterpreterSymbol(Name))
      S.Interpreter = {CalleeClass::UsesInterpreter, Name.str()};
    if (F.isDeclaration()) {
      if (isOutsideDeclaration(F, TLI))
        S.Interpreter = {CalleeClass::Unknown, Name.str()};
      S.Memory = fromAccess(compat::memoryAccess(F));
      continue;
    }
    // A weak definition may be replaced by another at link time.
    if (F.isInterposable()) {
      if (S.Interpreter.Class == CalleeClass::Clean)
        S.Interpreter = {CalleeClass::Unknown, Name.str()};
      S.Observable = true;
    }
    S.Instructions = instructionCount(F);
    for (const User *U : F.users())
      if (auto *Self = dyn_cast<CallBase>(U); Self && Self->getFunction() == &F)
        S.DirectlyRecursive = true;
    S.BoxesOnly = boxesOnly(F);
    bool Bad = S.Interpreter.Class != CalleeClass::Clean;
    for (const Instruction &I : instructions(F)) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (const Function *Callee = CB->getCalledFunction())
          Stack.push_back(Callee);
        else if (!Bad) {
          S.Interpreter = {CalleeClass::Unknown, ("an indirect call in '" + Name + "'").str()};
          Bad = true;
        }
      }
      if (!Bad)
        for (const Value *Op : I.operands())
          if (auto *GV = dyn_cast<GlobalValue>(Op->stripPointerCasts());
              GV && !isa<Function>(GV) && isInterpreterSymbol(GV->getName())) {
            S.Interpreter = {CalleeClass::UsesInterpreter, GV->getName().str()};
            Bad = true;
            break;
          }
    }
  }
}

bool isOutsideDeclaration(const Function &F, const TargetLibraryInfo *TLI) {
  LibFunc LF;
  return F.isDeclaration() && !F.isIntrinsic() && !isInterpreterSymbol(F.getName()) &&
         extraLibcRole(F) == ExtraLibcRole::None && !(TLI && TLI->getLibFunc(F, LF) && TLI->has(LF));
}

const CalleeSummary &CalleeSummaries::lookup(const Function &F, const Table &Local) const {
  if (auto It = Local.find(&F); It != Local.end())
    return It->second;
  if (auto It = Memo.find(&F); It != Memo.end())
    return It->second;
  return unknownSummary();
}

CalleeSummary CalleeSummaries::of(const Function &F) {
  if (auto It = Memo.find(&F); It != Memo.end())
    return It->second;
  Table Local;
  SmallVector<const Function *, 16> Order;
  summarizeClosure(F, Local, Order);
  // The least fixpoint: a bad verdict, an observable effect, a stronger
  // memory effect flow from callee to caller until nothing changes. Callees
  // mostly come after their callers in Order, so it is walked backwards: a
  // caller then names the first bad callee of its body.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Function *G : reverse(Order)) {
      if (G->isDeclaration())
        continue;
      CalleeSummary &S = Local.find(G)->second;
      if (S.Interpreter.Class == CalleeClass::Clean)
        for (const Instruction &I : instructions(*G))
          if (auto *CB = dyn_cast<CallBase>(&I))
            if (const Function *Callee = CB->getCalledFunction();
                Callee && lookup(*Callee, Local).Interpreter.Class != CalleeClass::Clean) {
              S.Interpreter = lookup(*Callee, Local).Interpreter;
              Changed = true;
              break;
            }
      if (!S.Observable && any_of(instructions(*G), [&](const Instruction &I) {
            return observed(I, Local);
          })) {
        S.Observable = true;
        Changed = true;
      }
      enum pyunbox_memory M = scanMemory(*G, {}, Local);
      if (M > S.Memory) {
        S.Memory = M;
        Changed = true;
      }
    }
  }
  for (const Function *G : Order)
    Memo[G] = std::move(Local.find(G)->second);
  return Memo[&F];
}

bool CalleeSummaries::mayBeObserved(const Instruction &I) {
  if (auto *CB = dyn_cast<CallBase>(&I))
    if (const Function *Callee = CB->getCalledFunction())
      of(*Callee);
  return observed(I, Table());
}

bool CalleeSummaries::observed(const Instruction &I, const Table &Local) const {
  const Function &F = *I.getFunction();
  if (auto *St = dyn_cast<StoreInst>(&I))
    return St->isVolatile() || !isLocalMemory(St->getPointerOperand(), F);
  if (auto *L = dyn_cast<LoadInst>(&I))
    return L->isVolatile();
  if (auto *CB = dyn_cast<CallBase>(&I)) {
    if (isBookkeeping(*CB))
      return false;
    if (auto *MI = dyn_cast<AnyMemIntrinsic>(CB))
      return MI->isVolatile() || !isLocalMemory(MI->getRawDest(), F);
    if (CB->onlyReadsMemory() && CB->doesNotThrow() && CB->willReturn())
      return false;
    // strtol(s, NULL, 10): a read, and errno, which the wrapper sets again.
    if (libcWritesOnlyErrno(*CB, TLI))
      return false;
    // A call that touches only what its pointer arguments point to, and
    // writes only through those that are F's own memory (strncpy into a
    // buffer of F's stack): no one else sees what it did.
    if ((CB->onlyAccessesArgMemory() || libcAccessesOnlyItsArguments(*CB, TLI)) &&
        all_of(CB->args(), [&](const Use &A) {
          unsigned No = CB->getArgOperandNo(&A);
          return !A->getType()->isPointerTy() || isLocalMemory(A, F) || CB->onlyReadsMemory(No) ||
                 libcPointeeUse(*CB, No, TLI) != PointeeUse::Unknown;
        }))
      return false;
    // A call that never returns (abort, assert) never reaches a bail.
    if (CB->doesNotReturn())
      return false;
    const Function *Callee = CB->getCalledFunction();
    if (!Callee)
      return true;
    if (Callee->isIntrinsic())
      return CB->mayHaveSideEffects();
    if (Callee->isDeclaration())
      return !changesOnlyErrno(*Callee, TLI) &&
             extraLibcRole(*Callee) != ExtraLibcRole::AssertFail;
    return lookup(*Callee, Local).Observable;
  }
  return I.mayWriteToMemory() || (I.mayReadFromMemory() && I.isAtomic());
}

// The record's rule (docs/FORMAT.md, "memory"): F's own stack (volatile or
// not: no one else can see it) and heap blocks, errno, the caller's bail
// flag and its strings' bytes never count, and reading constant memory is
// no read.
enum pyunbox_memory CalleeSummaries::scanMemory(const Function &F,
                                                ArrayRef<const Argument *> CallersMemory,
                                                const Table &Local, unsigned ContextDepth) const {
  // Every object the pointer may be based on, through phis and selects (a
  // loop's moving pointer into a string's bytes), and through the variables
  // that hold pointers (HeldInSlot).
  SmallPtrSet<const AllocaInst *, 4> Assumed;
  // What is known without assumptions: a slot found not to hold local
  // memory even assuming the others do, or found to with none assumed.
  DenseMap<const AllocaInst *, bool> Known;
  std::function<bool(const Value *)> IsLocal;
  // A call whose result is NULL or points into some of its arguments (a C
  // library search, memchr, strchr; a module's `skip_spaces(p, end)`:
  // PointerOrigins.h): local where those arguments are. A search met again
  // while its arguments are checked (`strchr(p + 1, c)` of the previous
  // result, in a loop) is assumed to be, as a slot is below.
  SmallPtrSet<const CallBase *, 4> AssumedSearches;
  // A heap block of F's own: malloc's or calloc's result (an allocation
  // that reads nothing: not strdup's) that nothing stores, returns or passes
  // where it may be kept. No one else can reach it, as no one can reach F's
  // stack.
  // Each block is walked once: every load and store through it asks.
  DenseMap<const CallBase *, bool> OwnBlocks;
  auto IsOwnBlock = [&](const Value *O) {
    const auto *CB = dyn_cast<CallBase>(O);
    if (!CB || CB->getFunction() != &F || !allocatesFreshBlock(*CB, TLI))
      return false;
    auto [It, New] = OwnBlocks.try_emplace(CB, false);
    if (New)
      It->second = staysInFunction(*CB, TLI);
    return It->second;
  };
  // free() of such blocks only: what the block held is gone with it (at -O0
  // the pointer freed is loaded from its variable: PointerOrigins.h).
  auto FreesOwnBlock = [&](const CallBase &CB) {
    const Value *Freed = freedPointer(CB, TLI);
    return Freed && everyOrigin(Freed, F, [&](const Value *O) {
             return isa<ConstantPointerNull>(O) || IsOwnBlock(O);
           });
  };
  // Which arguments each call's result points into, found once per call:
  // every load and store through the result asks (a module function's
  // body is walked to answer).
  DenseMap<const CallBase *, std::optional<SmallVector<unsigned, 2>>> ResultInto;
  auto SearchesLocal = [&](const Value *O) {
    auto *CB = dyn_cast<CallBase>(O);
    if (!CB)
      return false;
    auto [It, New] = ResultInto.try_emplace(CB);
    if (New) {
      SmallVector<unsigned, 2> ArgNos;
      if (resultPointsIntoArguments(*CB, TLI, ArgNos))
        It->second = ArgNos;
    }
    if (!It->second)
      return false;
    SmallVector<unsigned, 2> Into = *It->second; // IsLocal below may grow the map
    if (!AssumedSearches.insert(CB).second)
      return true;
    bool Local = all_of(Into, [&](unsigned K) { return IsLocal(CB->getArgOperand(K)); });
    AssumedSearches.erase(CB);
    return Local;
  };
  // -O0 keeps every pointer in a variable of its own (`p.addr`): a load of
  // such a slot, whose address goes nowhere but to its loads and stores,
  // is memory that counts as local where every value stored into it is.
  // A slot met again while its stores are checked (`p = p + 1` in a loop)
  // is assumed to be: then every value it ever holds derives from the
  // others stored into it.
  auto HeldInSlot = [&](const Value *O) {
    auto *L = dyn_cast<LoadInst>(O);
    auto *Slot = L && L->isSimple() ? dyn_cast<AllocaInst>(L->getPointerOperand()) : nullptr;
    if (!Slot || Slot->getFunction() != &F)
      return false;
    if (auto It = Known.find(Slot); It != Known.end())
      return It->second;
    bool Outermost = Assumed.empty() && AssumedSearches.empty();
    if (!Assumed.insert(Slot).second)
      return true;
    SmallVector<const Value *, 4> Stored;
    bool Held = privateVariableStores(*Slot, Stored) && all_of(Stored, [&](const Value *V) {
      return V->getType()->isPointerTy() && IsLocal(V);
    });
    Assumed.erase(Slot);
    if (!Held || Outermost)
      Known[Slot] = Held;
    return Held;
  };
  IsLocal = [&](const Value *Ptr) {
    if (isLocalMemory(Ptr, F))
      return true;
    SmallVector<const Value *, 4> Objects;
    getUnderlyingObjects(Ptr, Objects);
    return all_of(Objects, [&](const Value *O) {
      return is_contained(CallersMemory, O) || isLocalMemory(O, F) || HeldInSlot(O) ||
             SearchesLocal(O) || IsOwnBlock(O);
    });
  };
  enum pyunbox_memory M = PYUNBOX_MEMORY_NONE;
  auto Raise = [&M](enum pyunbox_memory To) { M = M > To ? M : To; };
  for (const Instruction &I : instructions(F)) {
    if (!I.mayReadOrWriteMemory())
      continue;
    if (auto *L = dyn_cast<LoadInst>(&I)) {
      const Value *Ptr = L->getPointerOperand();
      if (IsLocal(Ptr) || (!L->isVolatile() && isConstantMemory(Ptr)))
        continue;
      // A volatile read of shared memory may have effects (device memory).
      Raise(L->isVolatile() ? PYUNBOX_MEMORY_WRITE : PYUNBOX_MEMORY_READ);
    } else if (auto *St = dyn_cast<StoreInst>(&I)) {
      if (IsLocal(St->getPointerOperand()))
        continue;
      Raise(PYUNBOX_MEMORY_WRITE);
    } else if (auto *CB = dyn_cast<CallBase>(&I)) {
      if (isBookkeeping(*CB))
        continue;
      enum pyunbox_memory C = fromAccess(compat::memoryAccess(*CB));
      if (const Function *Callee = CB->getCalledFunction()) {
        // A query of the process's state is a read (getpid() changes
        // across fork()), though it changes nothing but errno.
        if (extraLibcRole(*Callee) == ExtraLibcRole::SystemQuery)
          C = PYUNBOX_MEMORY_READ;
        // assert's failure path prints and aborts: the process is gone
        // before anyone could see what it wrote.
        else if (extraLibcRole(*Callee) == ExtraLibcRole::AssertFail)
          C = PYUNBOX_MEMORY_NONE;
        else
          C = changesOnlyErrno(*Callee, TLI) ? PYUNBOX_MEMORY_NONE
                                             : weaker(C, lookup(*Callee, Local).Memory);
        // A function of this module given pointers to memory that is local
        // here, the caller's or constant: its body, with those parameters
        // as its caller's memory (a hash helper handed a string's bytes,
        // whose summary alone says it reads what its parameter points to).
        if (ContextDepth && C != PYUNBOX_MEMORY_NONE && !Callee->isDeclaration() &&
            !Callee->isInterposable()) {
          SmallVector<const Argument *, 4> Formals;
          for (const Use &A : CB->args())
            if (unsigned No = CB->getArgOperandNo(&A);
                No < Callee->arg_size() && A->getType()->isPointerTy() &&
                (IsLocal(A) || isConstantMemory(A)))
              Formals.push_back(Callee->getArg(No));
          if (!Formals.empty())
            C = weaker(C, scanMemory(*Callee, Formals, Local, ContextDepth - 1));
        }
      }
      // The string functions and the number parsers without an end pointer
      // read (the locale too, for some) and write errno at most.
      if (libcWritesOnlyErrno(*CB, TLI))
        C = weaker(C, PYUNBOX_MEMORY_READ);
      // A call that touches only what its pointer arguments point to (LLVM's
      // argmem, inferred at -O2: a hash of a string's bytes; the C library's
      // strlen, at -O0 too), all of it local, the caller's or constant:
      // nothing shared.
      if ((CB->onlyAccessesArgMemory() || libcAccessesOnlyItsArguments(*CB, TLI)) &&
          all_of(CB->args(), [&](const Use &A) {
            return !A->getType()->isPointerTy() || IsLocal(A) || isConstantMemory(A);
          }))
        C = PYUNBOX_MEMORY_NONE;
      // Allocating and freeing a block of its own changes only the
      // allocator's state, which is thread-safe and no one else's to see.
      if (IsOwnBlock(CB) || FreesOwnBlock(*CB))
        C = PYUNBOX_MEMORY_NONE;
      if (auto *MI = dyn_cast<AnyMemIntrinsic>(CB); MI && IsLocal(MI->getRawDest())) {
        auto *MT = dyn_cast<AnyMemTransferInst>(MI);
        bool ReadsShared = MT && !IsLocal(MT->getRawSource()) &&
                           (MT->isVolatile() || !isConstantMemory(MT->getRawSource()));
        C = ReadsShared ? PYUNBOX_MEMORY_READ : PYUNBOX_MEMORY_NONE;
      }
      Raise(C);
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I); RMW && IsLocal(RMW->getPointerOperand())) {
      continue; // -fprofile-update=atomic's counters
    } else {
      Raise(PYUNBOX_MEMORY_WRITE); // atomics, fences, va_arg
    }
  }
  return M;
}

enum pyunbox_memory CalleeSummaries::memoryOfCore(const Function &Core,
                                                  ArrayRef<const Argument *> CallersMemory) {
  for (const Instruction &I : instructions(Core))
    if (auto *CB = dyn_cast<CallBase>(&I))
      if (const Function *Callee = CB->getCalledFunction())
        of(*Callee);
  // LLVM's answer, without the argument memory (the bail flag).
  return weaker(fromAccess(compat::memoryAccessBeyondArguments(Core)),
                scanMemory(Core, CallersMemory, Table(), CoreContextDepth));
}

} // namespace pyunbox
