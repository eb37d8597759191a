//===- ReplayCalls.cpp - The C-API calls the replay knows the effect of ---- ===//
//
// Import-time code builds its strings with a few C-API calls: the str and
// bytes makers, PyBytes_AsString, interning and hashing, and Cython 3.2's
// zlib decompression. Their effects on the replay's memory and registers.
//
//===----------------------------------------------------------------------===//
#include "ConstantReplayImpl.h"
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/Support/ConvertUTF.h"

using namespace llvm;

namespace pyunbox {
using namespace replay;

namespace replay {

Modelled modelledCall(StringRef Name) {
  SmallString<64> N = canonicalSpelling(Name);
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

} // namespace replay

// Where a bytes object's bytes begin: after the header of the module's
// PyBytesObject (ob_sval, its last field), or nothing where the module
// does not say.
std::optional<uint64_t> ConstantReplay::Impl::bytesHeader(const CallBase &CB) {
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
bool ConstantReplay::Impl::makeBytes(const CallBase &CB, const Val &S, uint64_t N) {
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
bool ConstantReplay::Impl::newBytes(const CallBase &CB, const std::optional<std::string> &Text, uint64_t N) {
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
bool ConstantReplay::Impl::make(const CallBase &CB, const Val &S, uint64_t N, bool IsBytes) {
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
std::optional<uint64_t> ConstantReplay::Impl::sizeArgument(const CallBase &CB, unsigned K) {
  Val Size = value(CB.getArgOperand(K));
  if (Size.K != Val::Int || Size.I.isNegative() || Size.I.getActiveBits() > 32)
    return stop("a call of '" + CB.getCalledFunction()->getName() + "' on what it does not know"),
           std::nullopt;
  return Size.I.getZExtValue();
}

bool ConstantReplay::Impl::makerCall(const CallBase &CB, Modelled M) {
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
bool ConstantReplay::Impl::cythonDecompress(const CallBase &CB) {
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

} // namespace pyunbox
