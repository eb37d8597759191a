//===- ConstantReplay.cpp - What import-time code stores, run on constants ===//
//
// A small interpreter of LLVM IR over bytes. Memory is the objects the replay
// knows: the function's allocas, the module's globals (a constant's bytes are
// its initializer's; a mutable global's are unknown until the replay stores
// them) and the str objects the decoder made (opaque: any access stops).
// Values are integers, pointers into those objects, or unknown; unknown
// values flow on, and the replay stops where one decides what happens next.
//
//===----------------------------------------------------------------------===//
#include "pyunbox/passes/ConstantReplay.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"
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
#include "llvm/Support/ConvertUTF.h"
#include <deque>
#include <vector>

using namespace llvm;

namespace pyunbox {
namespace {

using ObjId = unsigned; // 0: no object, the null pointer's

struct Byte {
  // Unset: not stored since the replay began (a mutable global's bytes are
  // unknown then); Unknown: stored, with a value the replay does not know.
  enum Kind : uint8_t { Unset, Unknown, Known, PtrPart, ConstRef } K = Unset;
  uint8_t Bits = 0; ///< Known: the byte; PtrPart: which byte of the pointer
  ObjId Obj = 0;    ///< PtrPart: the object pointed into; ConstRef: the constant
  int64_t Off = 0;  ///< PtrPart: the offset pointed at; ConstRef: the byte's offset in it
};

struct Object {
  // Str: a str a maker made (opaque: any access stops). A bytes object is
  // Stack memory laid out as the module's PyBytesObject: a header the replay
  // does not know, then its bytes (PyBytes_AS_STRING's ob_sval) and a NUL.
  enum Kind : uint8_t { Stack, Constant, Mutable, Str } K;
  explicit Object(Kind K) : K(K) {}
  const GlobalVariable *GV = nullptr;
  uint64_t Size = 0;
  std::vector<Byte> Bytes; ///< Stack and Mutable, allocated on first store
  std::string Text;        ///< Str
  bool IsBytes = false;    ///< Stack: a bytes object, its bytes at BytesAt
  uint64_t BytesAt = 0;
};

struct Val {
  // NotMinusOne: an integer not known but for never being -1 (a str's or
  // bytes' hash: CPython's hash functions never give -1, and never fail for
  // them), so that a test of it against -1 folds.
  enum Kind : uint8_t { Unknown, Int, Ptr, NotMinusOne } K = Unknown;
  APInt I;
  ObjId Obj = 0;
  int64_t Off = 0;
  static Val integer(APInt V) { Val R; R.K = Int; R.I = std::move(V); return R; }
  static Val pointer(ObjId O, int64_t Off) { Val R; R.K = Ptr; R.Obj = O; R.Off = Off; return R; }
};

// The C API's calls whose effect the replay knows (either spelling).
enum class Modelled {
  None,
  DecodeUTF8,        // (s, size, errors): a new str of those bytes, or NULL
  FromStringAndSize, // (s, size): the same, UTF-8
  FromString,        // (s): a new str of the NUL-terminated UTF-8 at s
  BytesFromString,   // (s, size): a new bytes object (s NULL: to be filled in)
  BytesAsString,     // (o): where a bytes object's bytes are
  InternInPlace,     // (&s): *s replaced by an equal str
  Hash,              // (o): o's hash, never -1 for a str or bytes
  // Cython 3.2+'s __Pyx_DecompressString(s, length, algo) (its utility code,
  // StringTools.c): the bytes Python's zlib (algo 1), bz2 (2) or
  // compression.zstd (3) module decompresses the length bytes at s to. The
  // replay decodes zlib's itself.
  CythonDecompress
};
Modelled modelledCall(StringRef Name) {
  std::string N = canonicalSpelling(Name);
  return StringSwitch<Modelled>(N)
      .Case("PyUnicode_DecodeUTF8", Modelled::DecodeUTF8)
      .Case("PyUnicode_FromStringAndSize", Modelled::FromStringAndSize)
      .Cases("PyUnicode_FromString", "PyUnicode_InternFromString", Modelled::FromString)
      .Case("PyBytes_FromStringAndSize", Modelled::BytesFromString)
      .Case("PyBytes_AsString", Modelled::BytesAsString)
      .Case("PyUnicode_InternInPlace", Modelled::InternInPlace)
      .Case("PyObject_Hash", Modelled::Hash)
      .Case("__Pyx_DecompressString", Modelled::CythonDecompress)
      .Default(Modelled::None);
}

// How deep the replay follows calls of the module's own functions (Cython
// 3.1's __Pyx_InitConstants calls __Pyx_InitStrings).
constexpr unsigned MaxCallDepth = 8;

// Objects past this size are not modelled (an access to one stops the
// replay): Cython's tables are a few kilobytes.
constexpr uint64_t MaxObjectSize = 1 << 24;

// The bytes a value of type T occupies, where that is a fixed number.
std::optional<uint64_t> fixedSize(TypeSize Size) {
  if (Size.isScalable())
    return std::nullopt;
  return Size.getFixedValue();
}

} // namespace

struct ConstantReplay::Impl {
  const DataLayout &DL;
  uint64_t StepsLeft;
  std::deque<Object> Objs{Object(Object::Stack)}; // [0]: the null pointer's; stable references
  DenseMap<const GlobalVariable *, ObjId> Globals;
  DenseMap<const Value *, Val> Regs; ///< the current call's
  std::optional<uint64_t> BytesHeader; ///< offsetof(PyBytesObject, ob_sval), once known
  unsigned Depth = 0;
  std::string Stopped;

  Impl(const DataLayout &DL, uint64_t MaxSteps) : DL(DL), StepsLeft(MaxSteps) {}

  bool stop(const Twine &Why) {
    Stopped = Why.str();
    return false;
  }

  ObjId objectOf(const GlobalVariable &GV) {
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

  Val constant(const Constant *C) {
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

  Val value(const Value *V) {
    if (auto *C = dyn_cast<Constant>(V))
      return constant(C);
    auto It = Regs.find(V);
    return It == Regs.end() ? Val() : It->second;
  }

  // The object and offset of a pointer access of Size bytes, or a stop.
  Object *access(const Val &P, uint64_t Size, bool Store) {
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
  Byte resolve(const Byte &B) {
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

  Val fromBytes(Type *Ty, const std::vector<Byte> &Mem, int64_t Off, uint64_t N) {
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

  bool load(const LoadInst &L) {
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

  bool store(const Val &V, Type *Ty, const Val &P) {
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

  bool copy(const Val &Dst, const Val &Src, const Val &Len) {
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

  bool fill(const Val &Dst, const Val &Value, const Val &Len) {
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
  std::optional<std::string> bytesAt(const Val &S, uint64_t N) {
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
  std::optional<uint64_t> lengthAt(const Val &S) {
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

  // Where a bytes object's bytes begin: after the header of the module's
  // PyBytesObject (ob_sval, its last field), or nothing where the module
  // does not say.
  std::optional<uint64_t> bytesHeader(const CallBase &CB) {
    if (!BytesHeader) {
      auto *T = StructType::getTypeByName(CB.getContext(), "struct.PyBytesObject");
      if (!T || T->isOpaque() || T->getNumElements() == 0)
        return std::nullopt;
      BytesHeader = DL.getStructLayout(T)->getElementOffset(T->getNumElements() - 1);
    }
    return BytesHeader;
  }

  // PyBytes_FromStringAndSize(s, N): a new bytes object of the N bytes at s,
  // or of N bytes to be written (s NULL), with a NUL after them.
  bool makeBytes(const CallBase &CB, const Val &S, uint64_t N) {
    std::optional<std::string> Text;
    if (S.K == Val::Ptr && S.Obj != 0) {
      Text = bytesAt(S, N);
      if (!Text)
        return false;
    } else if (S.K != Val::Ptr) {
      return stop("a call of '" + CB.getCalledFunction()->getName() + "' on what it does not know");
    }
    return newBytes(CB, Text, N);
  }

  // CB's result: a new bytes object of N bytes, Text or to be written.
  bool newBytes(const CallBase &CB, const std::optional<std::string> &Text, uint64_t N) {
    std::optional<uint64_t> Header = bytesHeader(CB);
    if (!Header)
      return stop("a bytes object whose layout the module does not give");
    Object B(Object::Stack);
    B.IsBytes = true;
    B.BytesAt = *Header;
    B.Size = *Header + N + 1;
    if (B.Size > MaxObjectSize)
      return stop("an access to an object larger than it models");
    B.Bytes.resize(B.Size);
    for (uint64_t K = 0; K != *Header; ++K)
      B.Bytes[K].K = Byte::Unknown;
    for (uint64_t K = 0; Text && K != N; ++K) {
      B.Bytes[*Header + K].K = Byte::Known;
      B.Bytes[*Header + K].Bits = uint8_t((*Text)[K]);
    }
    B.Bytes[*Header + N].K = Byte::Known; // the NUL
    Objs.push_back(std::move(B));
    Regs[&CB] = Val::pointer(ObjId(Objs.size() - 1), 0);
    return true;
  }

  // A maker's call: a new str of the N bytes at S (UTF-8), or bytes.
  bool make(const CallBase &CB, const Val &S, uint64_t N, bool IsBytes) {
    if (IsBytes)
      return makeBytes(CB, S, N);
    std::optional<std::string> Text = bytesAt(S, N);
    if (!Text)
      return false;
    const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Text->data());
    if (!IsBytes && !isLegalUTF8String(&Begin, Begin + Text->size()))
      return stop("a decode of bytes that are not UTF-8");
    Object Str(Object::Str);
    Str.Text = std::move(*Text);
    Objs.push_back(std::move(Str));
    Regs[&CB] = Val::pointer(ObjId(Objs.size() - 1), 0);
    return true;
  }

  // The size argument K of a maker, or a stop.
  std::optional<uint64_t> sizeArgument(const CallBase &CB, unsigned K) {
    Val Size = value(CB.getArgOperand(K));
    if (Size.K != Val::Int || Size.I.isNegative() || Size.I.getActiveBits() > 32)
      return stop("a call of '" + CB.getCalledFunction()->getName() + "' on what it does not know"),
             std::nullopt;
    return Size.I.getZExtValue();
  }

  bool makerCall(const CallBase &CB, Modelled M) {
    Val S = value(CB.getArgOperand(0));
    auto Unknown = [&] {
      return stop("a call of '" + CB.getCalledFunction()->getName() + "' on what it does not know");
    };
    switch (M) {
    case Modelled::DecodeUTF8: {
      Val Errors = value(CB.getArgOperand(2));
      if (Errors.K != Val::Ptr || Errors.Obj != 0 || Errors.Off != 0)
        return Unknown();
      std::optional<uint64_t> N = sizeArgument(CB, 1);
      return N && make(CB, S, *N, false);
    }
    case Modelled::FromStringAndSize: {
      if (S.K != Val::Ptr || S.Obj == 0)
        return Unknown(); // NULL: a str to fill in, which Cython never does
      std::optional<uint64_t> N = sizeArgument(CB, 1);
      return N && make(CB, S, *N, false);
    }
    case Modelled::BytesFromString: {
      std::optional<uint64_t> N = sizeArgument(CB, 1);
      return N && make(CB, S, *N, true);
    }
    case Modelled::BytesAsString: {
      if (S.K != Val::Ptr || S.Obj == 0 || !Objs[S.Obj].IsBytes || S.Off != 0)
        return Unknown();
      Regs[&CB] = Val::pointer(S.Obj, int64_t(Objs[S.Obj].BytesAt));
      return true;
    }
    case Modelled::FromString: {
      std::optional<uint64_t> N = lengthAt(S);
      return N && make(CB, S, *N, false);
    }
    default:
      return Unknown();
    }
  }

  // __Pyx_DecompressString(s, length, 1): the bytes zlib decompresses the
  // length bytes at s to.
  bool cythonDecompress(const CallBase &CB) {
    Val Algo = value(CB.getArgOperand(2));
    if (Algo.K != Val::Int || Algo.I != 1)
      return stop("a call of '" + CB.getCalledFunction()->getName() +
                  "' for a compression other than zlib's");
    std::optional<uint64_t> N = sizeArgument(CB, 1);
    if (!N)
      return false;
    std::optional<std::string> In = bytesAt(value(CB.getArgOperand(0)), *N);
    if (!In)
      return false;
    if (!compression::zlib::isAvailable())
      return stop("zlib's data, and an LLVM built without zlib");
    ArrayRef<uint8_t> Input(reinterpret_cast<const uint8_t *>(In->data()), In->size());
    SmallVector<uint8_t, 0> Out;
    // The size is not told: a buffer that doubles until it holds it all.
    for (size_t Size = std::max<size_t>(4 * In->size(), 4096);; Size *= 2) {
      if (Size > MaxObjectSize)
        return stop("zlib's data that decompresses past what it models");
      if (Error E = compat::zlibDecompress(Input, Out, Size)) {
        // Z_BUF_ERROR: the buffer was too small; anything else: not zlib's.
        if (toString(std::move(E)).find("Z_BUF_ERROR") == std::string::npos)
          return stop("zlib's data that it cannot decompress");
        continue;
      }
      if (Out.size() < Size)
        break;
    }
    return newBytes(CB, std::string(Out.begin(), Out.end()), Out.size());
  }

  // A call of one of the module's own functions, followed: its arguments'
  // values in its own registers, its result in the caller's.
  bool enter(const CallBase &CB, const Function &Callee) {
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

  bool call(const CallBase &CB) {
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
  bool binary(const BinaryOperator &B) {
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

  bool gep(const GetElementPtrInst &G) {
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

  bool compare(const ICmpInst &C) {
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

  bool cast(const CastInst &C) {
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
  bool step(const Instruction &I) {
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
  static bool endsProcess(const BasicBlock &BB) {
    if (!isa<UnreachableInst>(BB.getTerminator()))
      return false;
    return any_of(BB, [](const Instruction &I) {
      auto *CB = dyn_cast<CallBase>(&I);
      const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      return Callee && Callee->isDeclaration() && Callee->doesNotReturn();
    });
  }

  // The successor a terminator goes to, or nullptr (a stop or a return).
  const BasicBlock *next(const Instruction &T) {
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
  std::optional<Val> body(const Function &F) {
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

  void run(const Function &F, ArrayRef<const Constant *> Args) {
    Regs.clear();
    for (const Argument &A : F.args())
      Regs[&A] = A.getArgNo() < Args.size() && Args[A.getArgNo()] ? constant(Args[A.getArgNo()]) : Val();
    body(F);
  }
};

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
