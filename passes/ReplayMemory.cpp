//===- ReplayMemory.cpp - The objects and bytes the replay knows ----------- ===//
//
// Memory is the objects the replay knows: the function's allocas, the
// module's globals (a constant's bytes are its initializer's; a mutable
// global's are unknown until the replay stores them) and the str objects
// the makers made (opaque: any access stops). A stored byte is known, part
// of a pointer, a constant's byte, or unknown.
//
//===----------------------------------------------------------------------===//
#include "ConstantReplayImpl.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"

using namespace llvm;

namespace pyunbox {
using namespace replay;

ObjId ConstantReplay::Impl::objectOf(const GlobalVariable &GV) {
  auto [It, New] = Globals.try_emplace(&GV, Objs.size());
  if (New) {
    bool Const = GV.isConstant() && GV.hasDefinitiveInitializer();
    Object O(Const ? Object::Constant : Object::Mutable);
    O.GV = &GV;
    if (GV.getValueType()->isSized())
      O.Size = fixedSize(DL.getTypeAllocSize(GV.getValueType())).value_or(0);
    Objs.push_back(std::move(O));
  }
  return It->second;
}

// The object and offset of a pointer access of Size bytes, or a stop.
Object * ConstantReplay::Impl::access(const Val &P, uint64_t Size, bool Store) {
  if (P.K != Val::Ptr || P.Obj == 0)
    return Store ? (stop("a store through a pointer it does not know"), nullptr) : nullptr;
  Object &O = Objs[P.Obj];
  if (O.K == Object::Str || P.Off < 0 || uint64_t(P.Off) + Size > O.Size)
    return stop("an access outside the objects it knows"), nullptr;
  if (O.K != Object::Constant && O.Size > MaxObjectSize)
    return stop("an access to an object larger than it models"), nullptr;
  if (Store && O.K == Object::Constant)
    return stop("a store into a constant"), nullptr;
  if (O.K != Object::Constant && O.Bytes.empty())
    O.Bytes.resize(O.Size);
  return &O;
}

// A constant's byte as a known byte, where it is one.
Byte ConstantReplay::Impl::resolve(const Byte &B) {
  if (B.K != Byte::ConstRef)
    return B;
  Byte R;
  Constant *Init = const_cast<Constant *>(Objs[B.Obj].GV->getInitializer());
  Type *I8 = Type::getInt8Ty(Init->getContext());
  if (auto *CI = dyn_cast_or_null<ConstantInt>(
          ConstantFoldLoadFromConst(Init, I8, APInt(64, B.Off), DL))) {
    R.K = Byte::Known;
    R.Bits = uint8_t(CI->getZExtValue());
  }
  return R;
}

Val ConstantReplay::Impl::fromBytes(Type *Ty, const std::vector<Byte> &Mem, int64_t Off, uint64_t N) {
  const Byte &First = Mem[Off];
  bool OneConstant = First.K == Byte::ConstRef;
  for (uint64_t K = 1; OneConstant && K != N; ++K)
    OneConstant = Mem[Off + K].K == Byte::ConstRef && Mem[Off + K].Obj == First.Obj &&
                  Mem[Off + K].Off == First.Off + int64_t(K);
  if (OneConstant) {
    Constant *Init = const_cast<Constant *>(Objs[First.Obj].GV->getInitializer());
    Constant *C = ConstantFoldLoadFromConst(Init, Ty, APInt(64, First.Off), DL);
    return C ? constant(C) : Val();
  }
  if (Ty->isPointerTy()) {
    bool Same = First.K == Byte::PtrPart;
    for (uint64_t K = 0; Same && K != N; ++K)
      Same = Mem[Off + K].K == Byte::PtrPart && Mem[Off + K].Obj == First.Obj &&
             Mem[Off + K].Off == First.Off && Mem[Off + K].Bits == K;
    return Same ? Val::pointer(First.Obj, First.Off) : Val();
  }
  if (!Ty->isIntegerTy())
    return Val();
  APInt Bits(N * 8, 0);
  for (uint64_t K = 0; K != N; ++K) {
    Byte B = resolve(Mem[Off + K]);
    if (B.K != Byte::Known)
      return Val();
    uint64_t At = DL.isLittleEndian() ? K : N - 1 - K;
    Bits.insertBits(APInt(8, B.Bits), unsigned(At * 8));
  }
  return Val::integer(Bits.trunc(Ty->getIntegerBitWidth()));
}

bool ConstantReplay::Impl::load(const LoadInst &L) {
  Type *Ty = L.getType();
  std::optional<uint64_t> Size = Ty->isSized() ? fixedSize(DL.getTypeStoreSize(Ty)) : std::nullopt;
  if (!Size) {
    Regs[&L] = Val();
    return true;
  }
  uint64_t N = *Size;
  Val P = value(L.getPointerOperand());
  Object *O = access(P, N, /*Store=*/false);
  if (!Stopped.empty())
    return false;
  if (!O)
    Regs[&L] = Val(); // a read of what it does not know: an unknown value
  else if (O->K == Object::Constant) {
    Constant *Init = const_cast<Constant *>(O->GV->getInitializer());
    Constant *C = ConstantFoldLoadFromConst(Init, Ty, APInt(64, P.Off), DL);
    Regs[&L] = C ? constant(C) : Val();
  } else
    Regs[&L] = fromBytes(Ty, O->Bytes, P.Off, N);
  return true;
}

bool ConstantReplay::Impl::store(const Val &V, Type *Ty, const Val &P) {
  std::optional<uint64_t> Size = Ty->isSized() ? fixedSize(DL.getTypeStoreSize(Ty)) : std::nullopt;
  if (!Size)
    return stop("a store of a type without a fixed size");
  uint64_t N = *Size;
  Object *O = access(P, N, /*Store=*/true);
  if (!O)
    return false;
  unsigned PtrBytes = DL.getPointerSize();
  for (uint64_t K = 0; K != N; ++K) {
    Byte B;
    B.K = Byte::Unknown;
    if (V.K == Val::Int && Ty->isIntegerTy()) {
      uint64_t At = DL.isLittleEndian() ? K : N - 1 - K;
      B.K = Byte::Known;
      B.Bits = uint8_t(V.I.zext(unsigned(N * 8)).extractBitsAsZExtValue(8, unsigned(At * 8)));
    } else if (V.K == Val::Ptr && Ty->isPointerTy() && N == PtrBytes) {
      B.K = Byte::PtrPart;
      B.Bits = uint8_t(K);
      B.Obj = V.Obj;
      B.Off = V.Off;
    }
    O->Bytes[P.Off + K] = B;
  }
  return true;
}

bool ConstantReplay::Impl::copy(const Val &Dst, const Val &Src, const Val &Len) {
  if (Len.K != Val::Int || Len.I.getActiveBits() > 32)
    return stop("a copy of a length it does not know");
  uint64_t N = Len.I.getZExtValue();
  if (N == 0)
    return true;
  Object *S = access(Src, N, /*Store=*/false);
  if (!S)
    return Stopped.empty() ? stop("a copy from memory it does not know") : false;
  std::vector<Byte> Bytes(N);
  for (uint64_t K = 0; K != N; ++K) {
    if (S->K == Object::Constant) {
      Bytes[K].K = Byte::ConstRef;
      Bytes[K].Obj = Globals.lookup(S->GV);
      Bytes[K].Off = Src.Off + int64_t(K);
    } else
      Bytes[K] = S->Bytes[Src.Off + K];
  }
  Object *D = access(Dst, N, /*Store=*/true);
  if (!D)
    return false;
  std::copy(Bytes.begin(), Bytes.end(), D->Bytes.begin() + Dst.Off);
  return true;
}

bool ConstantReplay::Impl::fill(const Val &Dst, const Val &Value, const Val &Len) {
  if (Len.K != Val::Int || Len.I.getActiveBits() > 32 || Value.K != Val::Int)
    return stop("a memset it does not know");
  uint64_t N = Len.I.getZExtValue();
  if (N == 0)
    return true;
  Object *D = access(Dst, N, /*Store=*/true);
  if (!D)
    return false;
  for (uint64_t K = 0; K != N; ++K) {
    D->Bytes[Dst.Off + K].K = Byte::Known;
    D->Bytes[Dst.Off + K].Bits = uint8_t(Value.I.getZExtValue());
  }
  return true;
}

// The N bytes at S, as text, or a stop.
std::optional<std::string> ConstantReplay::Impl::bytesAt(const Val &S, uint64_t N) {
  Object *O = N ? access(S, N, /*Store=*/false) : nullptr;
  if (N && !O) {
    if (Stopped.empty())
      stop("a decode of bytes it does not know");
    return std::nullopt;
  }
  std::string Text;
  for (uint64_t K = 0; K != N; ++K) {
    Byte B;
    if (O->K == Object::Constant) {
      B.K = Byte::ConstRef;
      B.Obj = Globals.lookup(O->GV);
      B.Off = S.Off + int64_t(K);
    } else
      B = O->Bytes[S.Off + K];
    B = resolve(B);
    if (B.K != Byte::Known)
      return stop("a decode of bytes it does not know"), std::nullopt;
    Text.push_back(char(B.Bits));
  }
  return Text;
}

// The length of the NUL-terminated string at S (within its object), or a stop.
std::optional<uint64_t> ConstantReplay::Impl::lengthAt(const Val &S) {
  if (S.K != Val::Ptr || S.Obj == 0 || Objs[S.Obj].K == Object::Str || S.Off < 0)
    return stop("a string it does not know"), std::nullopt;
  for (uint64_t N = 0; uint64_t(S.Off) + N < Objs[S.Obj].Size; ++N) {
    std::optional<std::string> C = bytesAt(Val::pointer(S.Obj, S.Off + int64_t(N)), 1);
    if (!C)
      return std::nullopt;
    if ((*C)[0] == 0)
      return N;
  }
  return stop("a string without its NUL"), std::nullopt;
}

} // namespace pyunbox
