//===- ConstantReplayImpl.h - The replay's machine, shared by its parts -*- C++ -*-===//
//
// The state of ConstantReplay (ConstantReplay.h): its memory of objects and
// bytes, its values and registers. Three files work on it, one concept
// each: ConstantReplay.cpp runs instructions and follows calls,
// ReplayMemory.cpp loads, stores and copies bytes of the objects it knows,
// ReplayCalls.cpp gives the C API's calls it models (str and bytes makers,
// Cython's decompression) their effect. Private to those files.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_CONSTANTREPLAYIMPL_H
#define PYUNBOX_PASSES_CONSTANTREPLAYIMPL_H

#include "pyunbox/passes/ConstantReplay.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/TypeSize.h"
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace pyunbox {
namespace replay {

using namespace llvm;

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
/// What a call of Name is to the replay.
Modelled modelledCall(llvm::StringRef Name);

// How deep the replay follows calls of the module's own functions (Cython
// 3.1's __Pyx_InitConstants calls __Pyx_InitStrings).
inline constexpr unsigned MaxCallDepth = 8;

// Objects past this size are not modelled (an access to one stops the
// replay): Cython's tables are a few kilobytes.
inline constexpr uint64_t MaxObjectSize = 1 << 24;

// The bytes a value of type T occupies, where that is a fixed number.
inline std::optional<uint64_t> fixedSize(llvm::TypeSize Size) {
  if (Size.isScalable())
    return std::nullopt;
  return Size.getFixedValue();
}

} // namespace replay

using replay::Byte;
using replay::Modelled;
using replay::Object;
using replay::ObjId;
using replay::Val;

struct ConstantReplay::Impl {
  const llvm::DataLayout &DL;
  uint64_t StepsLeft;
  std::deque<Object> Objs{Object(Object::Stack)}; // [0]: the null pointer's; stable references
  llvm::DenseMap<const llvm::GlobalVariable *, ObjId> Globals;
  llvm::DenseMap<const llvm::Value *, Val> Regs; ///< the current call's
  std::optional<uint64_t> BytesHeader; ///< offsetof(PyBytesObject, ob_sval), once known
  unsigned Depth = 0;
  std::string Stopped;

  Impl(const llvm::DataLayout &DL, uint64_t MaxSteps) : DL(DL), StepsLeft(MaxSteps) {}

  bool stop(const llvm::Twine &Why) {
    Stopped = Why.str();
    return false;
  }
  ObjId objectOf(const llvm::GlobalVariable &GV);
  Val constant(const llvm::Constant *C);
  Val value(const llvm::Value *V);
  // The object and offset of a pointer access of Size bytes, or a stop.
  Object *access(const Val &P, uint64_t Size, bool Store);
  // A constant's byte as a known byte, where it is one.
  Byte resolve(const Byte &B);
  Val fromBytes(llvm::Type *Ty, const std::vector<Byte> &Mem, int64_t Off, uint64_t N);
  bool load(const llvm::LoadInst &L);
  bool store(const Val &V, llvm::Type *Ty, const Val &P);
  bool copy(const Val &Dst, const Val &Src, const Val &Len);
  bool fill(const Val &Dst, const Val &Value, const Val &Len);
  // The N bytes at S, as text, or a stop.
  std::optional<std::string> bytesAt(const Val &S, uint64_t N);
  // The length of the NUL-terminated string at S (within its object), or a stop.
  std::optional<uint64_t> lengthAt(const Val &S);
  // Where a bytes object's bytes begin: after the header of the module's
  // PyBytesObject (ob_sval, its last field), or nothing where the module
  // does not say.
  std::optional<uint64_t> bytesHeader(const llvm::CallBase &CB);
  // PyBytes_FromStringAndSize(s, N): a new bytes object of the N bytes at s,
  // or of N bytes to be written (s NULL), with a NUL after them.
  bool makeBytes(const llvm::CallBase &CB, const Val &S, uint64_t N);
  // CB's result: a new bytes object of N bytes, Text or to be written.
  bool newBytes(const llvm::CallBase &CB, const std::optional<std::string> &Text, uint64_t N);
  // A maker's call: a new str of the N bytes at S (UTF-8), or bytes.
  bool make(const llvm::CallBase &CB, const Val &S, uint64_t N, bool IsBytes);
  // The size argument K of a maker, or a stop.
  std::optional<uint64_t> sizeArgument(const llvm::CallBase &CB, unsigned K);
  bool makerCall(const llvm::CallBase &CB, Modelled M);
  // __Pyx_DecompressString(s, length, 1): the bytes zlib decompresses the
  // length bytes at s to.
  bool cythonDecompress(const llvm::CallBase &CB);
  // A call of one of the module's own functions, followed: its arguments'
  // values in its own registers, its result in the caller's.
  bool enter(const llvm::CallBase &CB, const llvm::Function &Callee);
  bool call(const llvm::CallBase &CB);
  // The integer result of a binary operator, or a stop where its flags make
  // it poison (the source's undefined behaviour).
  bool binary(const llvm::BinaryOperator &B);
  bool gep(const llvm::GetElementPtrInst &G);
  bool compare(const llvm::ICmpInst &C);
  bool cast(const llvm::CastInst &C);
  // One instruction other than a terminator or a phi.
  bool step(const llvm::Instruction &I);
  // Whether a block ends the process: it calls a function that never
  // returns (abort, __assert_fail) and ends in unreachable.
  static bool endsProcess(const llvm::BasicBlock &BB);
  // The successor a terminator goes to, or nullptr (a stop or a return).
  const llvm::BasicBlock *next(const llvm::Instruction &T);
  // Runs F's body in the current registers (its arguments set): the value
  // it returns (unknown for void), or nothing where the replay stopped.
  std::optional<Val> body(const llvm::Function &F);
  void run(const llvm::Function &F, llvm::ArrayRef<const llvm::Constant *> Args);
};

} // namespace pyunbox

#endif
