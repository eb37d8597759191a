//===- ConstantReplay.cpp - What import-time code stores, run on constants ===//
//
// A small interpreter of LLVM IR over bytes: this file runs instructions,
// follows branches and calls of the module's own functions; the memory it
// runs them on is ReplayMemory.cpp's, the C-API calls it models
// ReplayCalls.cpp's. Values are integers, pointers into the objects it
// knows, or unknown; unknown values flow on, and the replay stops where one
// decides what happens next.
//
//===----------------------------------------------------------------------===//
#include "ConstantReplayImpl.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GetElementPtrTypeIterator.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"
#include <deque>
#include <vector>

using namespace llvm;

namespace pyunbox {
using namespace replay;

Val ConstantReplay::Impl::constant(const Constant *C) {
  if (auto *CI = dyn_cast<ConstantInt>(C); CI && CI->getType()->isIntegerTy())
    return Val::integer(CI->getValue()); // (not a vector splat)
  if (isa<ConstantPointerNull>(C))
    return Val::pointer(0, 0);
  if (C->getType()->isPointerTy()) {
    APInt Off(DL.getIndexTypeSizeInBits(C->getType()), 0);
    const Value *Base = C->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
    if (auto *GV = dyn_cast<GlobalVariable>(Base))
      return Val::pointer(objectOf(*GV), Off.getSExtValue());
  }
  return Val(); // undef, poison, a function's address, an expression
}

Val ConstantReplay::Impl::value(const Value *V) {
  if (auto *C = dyn_cast<Constant>(V))
    return constant(C);
  auto It = Regs.find(V);
  return It == Regs.end() ? Val() : It->second;
}

// A call of one of the module's own functions, followed: its arguments'
// values in its own registers, its result in the caller's.
bool ConstantReplay::Impl::enter(const CallBase &CB, const Function &Callee) {
  if (Depth == MaxCallDepth)
    return stop("calls nested deeper than it follows");
  DenseMap<const Value *, Val> Caller = std::move(Regs);
  Regs.clear();
  for (const Argument &A : Callee.args()) {
    const Value *Op = CB.getArgOperand(A.getArgNo());
    auto It = isa<Constant>(Op) ? Caller.end() : Caller.find(Op);
    Regs[&A] = isa<Constant>(Op) ? constant(llvm::cast<Constant>(Op))
               : It == Caller.end() ? Val()
                                    : It->second;
  }
  ++Depth;
  std::optional<Val> Result = body(Callee);
  --Depth;
  Regs = std::move(Caller);
  if (!Result) {
    Stopped += ", in '" + Callee.getName().str() + "'";
    return false;
  }
  Regs[&CB] = *Result;
  return true;
}

bool ConstantReplay::Impl::call(const CallBase &CB) {
  if (isa<DbgInfoIntrinsic>(CB) || CB.isLifetimeStartOrEnd())
    return true;
  if (auto *MT = dyn_cast<MemTransferInst>(&CB))
    return copy(value(MT->getRawDest()), value(MT->getRawSource()), value(MT->getLength()));
  if (auto *MS = dyn_cast<MemSetInst>(&CB))
    return fill(value(MS->getRawDest()), value(MS->getValue()), value(MS->getLength()));
  const Function *Callee = CB.getCalledFunction();
  if (Callee && (Callee->getIntrinsicID() == Intrinsic::expect ||
                 Callee->getIntrinsicID() == Intrinsic::expect_with_probability)) {
    Regs[&CB] = value(CB.getArgOperand(0));
    return true;
  }
  if (Callee && Callee->getIntrinsicID() == Intrinsic::assume)
    return true;
  Modelled M = Callee && Callee->arg_size() == CB.arg_size() ? modelledCall(Callee->getName())
                                                              : Modelled::None;
  if ((M == Modelled::DecodeUTF8 && CB.arg_size() == 3) ||
      ((M == Modelled::FromStringAndSize || M == Modelled::BytesFromString) &&
       CB.arg_size() == 2) ||
      ((M == Modelled::FromString || M == Modelled::BytesAsString) && CB.arg_size() == 1))
    return makerCall(CB, M);
  if (M == Modelled::Hash && CB.arg_size() == 1) {
    Val O = value(CB.getArgOperand(0));
    if (O.K != Val::Ptr || O.Obj == 0 || O.Off != 0 ||
        (Objs[O.Obj].K != Object::Str && !Objs[O.Obj].IsBytes))
      return stop("a hash of what it does not know");
    Val H;
    H.K = Val::NotMinusOne;
    Regs[&CB] = H;
    return true;
  }
  if (M == Modelled::CythonDecompress && CB.arg_size() == 3 &&
      CB.getArgOperand(0)->getType()->isPointerTy() && CB.getArgOperand(1)->getType()->isIntegerTy() &&
      CB.getArgOperand(2)->getType()->isIntegerTy() && CB.getType()->isPointerTy())
    return cythonDecompress(CB);
  if (Callee && !Callee->isDeclaration() && !Callee->isInterposable() && !Callee->isVarArg() &&
      Callee->arg_size() == CB.arg_size() && !Callee->isIntrinsic())
    return enter(CB, *Callee);
  if (M == Modelled::InternInPlace && CB.arg_size() == 1) {
    Val Slot = value(CB.getArgOperand(0));
    Object *O = access(Slot, DL.getPointerSize(), /*Store=*/true);
    if (!O)
      return false;
    Val S = fromBytes(CB.getArgOperand(0)->getType(), O->Bytes, Slot.Off, DL.getPointerSize());
    if (S.K != Val::Ptr || S.Obj == 0 || Objs[S.Obj].K != Object::Str || S.Off != 0)
      return stop("an interning of what it does not know");
    return true; // an equal str: the text is the same
  }
  return stop("a call of '" + (Callee ? Callee->getName() : StringRef("a function pointer")) + "'");
}

// The integer result of a binary operator, or a stop where its flags make
// it poison (the source's undefined behaviour).
bool ConstantReplay::Impl::binary(const BinaryOperator &B) {
  Val L = value(B.getOperand(0)), R = value(B.getOperand(1));
  if (L.K != Val::Int || R.K != Val::Int) {
    Regs[&B] = Val();
    return true;
  }
  const APInt &X = L.I, &Y = R.I;
  unsigned W = X.getBitWidth();
  bool SO = false, UO = false, Inexact = false;
  APInt Out;
  switch (B.getOpcode()) {
  case Instruction::Add: Out = X.sadd_ov(Y, SO); (void)X.uadd_ov(Y, UO); break;
  case Instruction::Sub: Out = X.ssub_ov(Y, SO); (void)X.usub_ov(Y, UO); break;
  case Instruction::Mul: Out = X.smul_ov(Y, SO); (void)X.umul_ov(Y, UO); break;
  case Instruction::And: Out = X & Y; break;
  case Instruction::Or: Out = X | Y; break;
  case Instruction::Xor: Out = X ^ Y; break;
  case Instruction::Shl:
  case Instruction::LShr:
  case Instruction::AShr: {
    if (Y.uge(W))
      return stop("a shift past the width");
    unsigned S = unsigned(Y.getZExtValue());
    if (B.getOpcode() == Instruction::Shl) {
      Out = X.sshl_ov(Y, SO);
      (void)X.ushl_ov(Y, UO);
    } else {
      Out = B.getOpcode() == Instruction::LShr ? X.lshr(S) : X.ashr(S);
      Inexact = S && !X.trunc(S).isZero(); // 'exact': no set bit shifted out
    }
    break;
  }
  case Instruction::UDiv:
  case Instruction::URem:
  case Instruction::SDiv:
  case Instruction::SRem: {
    bool Signed = B.getOpcode() == Instruction::SDiv || B.getOpcode() == Instruction::SRem;
    if (Y.isZero() || (Signed && X.isMinSignedValue() && Y.isAllOnes()))
      return stop("a division it may not do");
    switch (B.getOpcode()) {
    case Instruction::UDiv: Out = X.udiv(Y); Inexact = !X.urem(Y).isZero(); break;
    case Instruction::URem: Out = X.urem(Y); break;
    case Instruction::SDiv: Out = X.sdiv(Y); Inexact = !X.srem(Y).isZero(); break;
    default: Out = X.srem(Y); break;
    }
    break;
  }
  default:
    Regs[&B] = Val(); // floating point: not modelled
    return true;
  }
  if (auto *OBO = dyn_cast<OverflowingBinaryOperator>(&B)) {
    if ((OBO->hasNoSignedWrap() && SO) || (OBO->hasNoUnsignedWrap() && UO))
      return stop("an overflow its flags exclude");
  } else if (auto *PE = dyn_cast<PossiblyExactOperator>(&B)) {
    if (PE->isExact() && Inexact)
      return stop("an inexact 'exact' operation");
  } else if (B.hasPoisonGeneratingFlags()) {
    return stop("flags it does not check ('" + Twine(B.getOpcodeName()) + "')");
  }
  Regs[&B] = Val::integer(Out);
  return true;
}

bool ConstantReplay::Impl::gep(const GetElementPtrInst &G) {
  Val Base = value(G.getPointerOperand());
  if (Base.K != Val::Ptr || G.getType()->isVectorTy()) {
    Regs[&G] = Val();
    return true;
  }
  bool Flagged = G.hasPoisonGeneratingFlags();
  int64_t Off = Base.Off;
  for (auto GTI = gep_type_begin(G), E = gep_type_end(G); GTI != E; ++GTI) {
    Val Idx = value(GTI.getOperand());
    if (Idx.K != Val::Int || Idx.I.getSignificantBits() > 32) {
      Regs[&G] = Val();
      return true;
    }
    int64_t I = Idx.I.getSExtValue();
    if (Flagged && I < 0)
      return stop("a negative index of a flagged getelementptr");
    if (StructType *ST = GTI.getStructTypeOrNull())
      Off += int64_t(DL.getStructLayout(ST)->getElementOffset(unsigned(I)));
    else if (auto Size = GTI.getIndexedType()->isSized()
                             ? fixedSize(DL.getTypeAllocSize(GTI.getIndexedType()))
                             : std::nullopt;
             Size && *Size <= MaxObjectSize)
      Off += I * int64_t(*Size);
    else
      return stop("a getelementptr over a type without a size");
  }
  if (Flagged && (Base.Obj == 0 || Objs[Base.Obj].K == Object::Str || Off < 0 ||
                  uint64_t(Off) > Objs[Base.Obj].Size))
    return stop("a getelementptr outside its object");
  Regs[&G] = Val::pointer(Base.Obj, Off);
  return true;
}

bool ConstantReplay::Impl::compare(const ICmpInst &C) {
  Val L = value(C.getOperand(0)), R = value(C.getOperand(1));
  if (C.hasPoisonGeneratingFlags())
    return stop("flags it does not check ('icmp')");
  std::optional<bool> Out;
  if (L.K == Val::Int && R.K == Val::Int)
    Out = ICmpInst::compare(L.I, R.I, C.getPredicate());
  else if (C.isEquality() && ((L.K == Val::NotMinusOne && R.K == Val::Int && R.I.isAllOnes()) ||
                              (R.K == Val::NotMinusOne && L.K == Val::Int && L.I.isAllOnes())))
    Out = C.getPredicate() == ICmpInst::ICMP_NE;
  else if (L.K == Val::Ptr && R.K == Val::Ptr && L.Obj == R.Obj)
    Out = ICmpInst::compare(APInt(64, uint64_t(L.Off)), APInt(64, uint64_t(R.Off)), C.getPredicate());
  else if (L.K == Val::Ptr && R.K == Val::Ptr && C.isEquality())
    Out = C.getPredicate() == ICmpInst::ICMP_NE; // two objects, or one and null
  Regs[&C] = Out ? Val::integer(APInt(1, *Out)) : Val();
  return true;
}

bool ConstantReplay::Impl::cast(const CastInst &C) {
  Val V = value(C.getOperand(0));
  Type *To = C.getType();
  if (C.hasPoisonGeneratingFlags())
    return stop("flags it does not check ('" + Twine(C.getOpcodeName()) + "')");
  Val Out;
  if (V.K == Val::Int && To->isIntegerTy()) {
    unsigned W = To->getIntegerBitWidth();
    switch (C.getOpcode()) {
    case Instruction::Trunc: Out = Val::integer(V.I.trunc(W)); break;
    case Instruction::ZExt: Out = Val::integer(V.I.zext(W)); break;
    case Instruction::SExt: Out = Val::integer(V.I.sext(W)); break;
    case Instruction::BitCast: Out = V; break;
    default: break;
    }
  } else if (V.K == Val::Ptr && C.getOpcode() == Instruction::BitCast) {
    Out = V;
  }
  Regs[&C] = Out;
  return true;
}

// One instruction other than a terminator or a phi.
bool ConstantReplay::Impl::step(const Instruction &I) {
  if (auto *A = dyn_cast<AllocaInst>(&I)) {
    auto *N = dyn_cast<ConstantInt>(A->getArraySize());
    std::optional<uint64_t> Size = A->getAllocatedType()->isSized()
                                       ? fixedSize(DL.getTypeAllocSize(A->getAllocatedType()))
                                       : std::nullopt;
    if (!N || !Size || N->getValue().getActiveBits() > 32 || *Size > MaxObjectSize)
      return stop("an alloca of a size it does not model");
    Object O(Object::Stack);
    O.Size = N->getZExtValue() * *Size;
    Objs.push_back(std::move(O));
    Regs[A] = Val::pointer(ObjId(Objs.size() - 1), 0);
    return true;
  }
  if (auto *L = dyn_cast<LoadInst>(&I))
    return load(*L);
  if (auto *S = dyn_cast<StoreInst>(&I))
    return store(value(S->getValueOperand()), S->getValueOperand()->getType(),
                 value(S->getPointerOperand()));
  if (auto *CB = dyn_cast<CallInst>(&I))
    return call(*CB);
  if (auto *B = dyn_cast<BinaryOperator>(&I))
    return binary(*B);
  if (auto *G = dyn_cast<GetElementPtrInst>(&I))
    return gep(*G);
  if (auto *C = dyn_cast<ICmpInst>(&I))
    return compare(*C);
  if (auto *C = dyn_cast<CastInst>(&I))
    return cast(*C);
  if (auto *S = dyn_cast<SelectInst>(&I)) {
    Val C = value(S->getCondition());
    Regs[S] = C.K == Val::Int ? value(C.I.isOne() ? S->getTrueValue() : S->getFalseValue()) : Val();
    return true;
  }
  if (auto *F = dyn_cast<FreezeInst>(&I)) {
    Regs[F] = value(F->getOperand(0));
    return true;
  }
  if (I.mayWriteToMemory() || I.mayThrow())
    return stop("an instruction it does not model ('" + Twine(I.getOpcodeName()) + "')");
  Regs[&I] = Val(); // floating point, aggregates, vectors: unknown values
  return true;
}

// Whether a block ends the process: it calls a function that never
// returns (abort, __assert_fail) and ends in unreachable.
bool ConstantReplay::Impl::endsProcess(const BasicBlock &BB) {
  if (!isa<UnreachableInst>(BB.getTerminator()))
    return false;
  return any_of(BB, [](const Instruction &I) {
    auto *CB = dyn_cast<CallBase>(&I);
    const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
    return Callee && Callee->isDeclaration() && Callee->doesNotReturn();
  });
}

// The successor a terminator goes to, or nullptr (a stop or a return).
const BasicBlock * ConstantReplay::Impl::next(const Instruction &T) {
  if (auto *Br = dyn_cast<BranchInst>(&T)) {
    if (Br->isUnconditional())
      return Br->getSuccessor(0);
    Val C = value(Br->getCondition());
    if (C.K != Val::Int) {
      // A failed assert() ends the process: an import that gets past it
      // took the other way.
      if (endsProcess(*Br->getSuccessor(0)) != endsProcess(*Br->getSuccessor(1)))
        return Br->getSuccessor(endsProcess(*Br->getSuccessor(0)) ? 1 : 0);
      return stop("a branch on a value it does not know"), nullptr;
    }
    return Br->getSuccessor(C.I.isOne() ? 0 : 1);
  }
  if (auto *Sw = dyn_cast<SwitchInst>(&T)) {
    Val C = value(Sw->getCondition());
    if (C.K != Val::Int)
      return stop("a switch on a value it does not know"), nullptr;
    for (auto Case : Sw->cases())
      if (Case.getCaseValue()->getValue() == C.I)
        return Case.getCaseSuccessor();
    return Sw->getDefaultDest();
  }
  stop("a terminator it does not model ('" + Twine(T.getOpcodeName()) + "')");
  return nullptr;
}

// Runs F's body in the current registers (its arguments set): the value
// it returns (unknown for void), or nothing where the replay stopped.
std::optional<Val> ConstantReplay::Impl::body(const Function &F) {
  const BasicBlock *BB = &F.getEntryBlock(), *Prev = nullptr;
  while (BB) {
    // The phis take their values at once, from the edge the replay came by.
    SmallVector<std::pair<const PHINode *, Val>, 4> Phis;
    for (const PHINode &Phi : BB->phis())
      Phis.emplace_back(&Phi, Prev ? value(Phi.getIncomingValueForBlock(Prev)) : Val());
    for (auto &[Phi, V] : Phis)
      Regs[Phi] = V;
    for (const Instruction &I : *BB) {
      if (isa<PHINode>(I))
        continue;
      if (StepsLeft-- == 0) {
        stop("more steps than it takes");
        return std::nullopt;
      }
      if (auto *Ret = dyn_cast<ReturnInst>(&I))
        return Ret->getReturnValue() ? value(Ret->getReturnValue()) : Val();
      if (I.isTerminator()) {
        Prev = BB;
        BB = next(I);
        break;
      }
      if (!step(I))
        return std::nullopt;
    }
  }
  return std::nullopt; // next() stopped
}

void ConstantReplay::Impl::run(const Function &F, ArrayRef<const Constant *> Args) {
  Regs.clear();
  for (const Argument &A : F.args())
    Regs[&A] = A.getArgNo() < Args.size() && Args[A.getArgNo()] ? constant(Args[A.getArgNo()]) : Val();
  body(F);
}


ConstantReplay::ConstantReplay(const DataLayout &DL, uint64_t MaxSteps)
    : P(std::make_unique<Impl>(DL, MaxSteps)) {}
ConstantReplay::~ConstantReplay() = default;
ConstantReplay::ConstantReplay(ConstantReplay &&) = default;

void ConstantReplay::run(const Function &F, ArrayRef<const Constant *> Args) {
  P->Stopped.clear();
  P->run(F, Args);
}

const std::string &ConstantReplay::stoppedAt() const { return P->Stopped; }

bool ConstantReplay::makesStr(StringRef Name) {
  Modelled M = modelledCall(Name);
  return M == Modelled::DecodeUTF8 || M == Modelled::FromStringAndSize || M == Modelled::FromString;
}

ConstantReplay::Slot ConstantReplay::slotAt(const GlobalVariable &G, uint64_t Offset) const {
  Slot S;
  ObjId Id = P->Globals.lookup(&G);
  unsigned N = P->DL.getPointerSize();
  if (!Id || P->Objs[Id].Bytes.empty() || Offset + N > P->Objs[Id].Size)
    return S;
  const std::vector<Byte> &Mem = P->Objs[Id].Bytes;
  bool Touched = false;
  for (unsigned K = 0; K != N; ++K)
    Touched |= Mem[Offset + K].K != Byte::Unset;
  if (!Touched)
    return S;
  S.K = Slot::Other;
  const Byte &First = Mem[Offset];
  for (unsigned K = 0; K != N; ++K)
    if (Mem[Offset + K].K != Byte::PtrPart || Mem[Offset + K].Bits != K ||
        Mem[Offset + K].Obj != First.Obj || Mem[Offset + K].Off != First.Off)
      return S;
  if (First.Obj == 0 || First.Off != 0 || P->Objs[First.Obj].K != Object::Str)
    return S;
  S.K = Slot::Str;
  S.Text = P->Objs[First.Obj].Text;
  return S;
}

} // namespace pyunbox
