//===- LLVMCompat.h - Every difference between the LLVMs pyunbox supports -*- C++ -*-===//
//
// pyunbox builds against LLVM 15, 16, 19 and 22 (CMakeLists.txt). Each API
// that changed between them is spelled once here, behind LLVM_VERSION_MAJOR,
// with the version that changed it; the rest of passes/ calls these names and
// has no #if of its own. The behaviour is the same on every major: only the
// spelling differs.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_LLVMCOMPAT_H
#define PYUNBOX_PASSES_LLVMCOMPAT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Attributes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/Instructions.h" // complete LoadInst, which 16's SROA.h needs
#include "llvm/IR/Operator.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Error.h"
#include "llvm/Transforms/Scalar/SROA.h"
#if LLVM_VERSION_MAJOR >= 16
#include "llvm/Support/ModRef.h"
#endif

// LLVM 22 moved PassPlugin.h from llvm/Passes/ to llvm/Plugins/.
#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

// LLVM 16 moved Triple.h from llvm/ADT/ to llvm/TargetParser/.
#if LLVM_VERSION_MAJOR >= 16
#include "llvm/TargetParser/Triple.h"
#else
#include "llvm/ADT/Triple.h"
#endif
// LLVM 17 moved Host.h (the default target triple) there too.
#if LLVM_VERSION_MAJOR >= 17
#include "llvm/TargetParser/Host.h"
#else
#include "llvm/Support/Host.h"
#endif

namespace pyunbox {
namespace compat {

// StringRef::starts_with and ends_with arrived in LLVM 16 (15 has only startswith,
// which 19 deprecates and 20 removes; ends_with likewise).
inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
  return S.size() >= Prefix.size() && S.substr(0, Prefix.size()) == Prefix;
}
inline bool endsWith(llvm::StringRef S, llvm::StringRef Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

// Where a new instruction goes, just before I. LLVM 19's InsertPosition takes
// a BasicBlock::iterator (22 deprecates the Instruction * form); 15 and 16
// take only the Instruction *.
#if LLVM_VERSION_MAJOR >= 19
inline llvm::BasicBlock::iterator before(llvm::Instruction *I) { return I->getIterator(); }
#else
inline llvm::Instruction *before(llvm::Instruction *I) { return I; }
#endif

// I appended to BB. LLVM 16 gave instructions insertInto (17 made the
// instruction list it replaces private).
inline void appendTo(llvm::Instruction *I, llvm::BasicBlock *BB) {
#if LLVM_VERSION_MAJOR >= 16
  I->insertInto(BB, BB->end());
#else
  BB->getInstList().push_back(I);
#endif
}

// Every block of From moved to the start of To. Function::splice arrived in
// LLVM 16 (17 made the block list it replaces private).
inline void spliceAllBlocks(llvm::Function &To, llvm::Function &From) {
#if LLVM_VERSION_MAJOR >= 16
  To.splice(To.begin(), &From);
#else
  To.getBasicBlockList().splice(To.begin(), From.getBasicBlockList());
#endif
}

// Every instruction of From moved into To before Pos. BasicBlock::splice
// arrived in LLVM 16 (17 made the instruction list it replaces private).
inline void spliceAllInstructions(llvm::BasicBlock &To, llvm::BasicBlock::iterator Pos,
                                  llvm::BasicBlock &From) {
#if LLVM_VERSION_MAJOR >= 16
  To.splice(Pos, &From);
#else
  To.getInstList().splice(Pos, From.getInstList());
#endif
}

// A copy of I without I's assignment-tracking ID (debug info, -g at -O2):
// sharing it with I would link I's dbg_assign records to the copy, and
// mem2reg on the copy would rewrite them in I's function. DIAssignID
// arrived in LLVM 16.
inline void dropAssignID(llvm::Instruction &Copy, const llvm::Instruction &I) {
#if LLVM_VERSION_MAJOR >= 16
  if (I.hasMetadataOtherThanDebugLoc() && I.hasMetadata(llvm::LLVMContext::MD_DIAssignID))
    Copy.setMetadata(llvm::LLVMContext::MD_DIAssignID, nullptr);
#endif
}

// LLVM 21 replaced the nocapture attribute by captures(none) (CaptureInfo).
inline void addNoCaptureParamAttr(llvm::Function &F, unsigned ArgNo) {
#if LLVM_VERSION_MAJOR >= 21
  F.addParamAttr(ArgNo, llvm::Attribute::getWithCaptureInfo(F.getContext(),
                                                            llvm::CaptureInfo::none()));
#else
  F.addParamAttr(ArgNo, llvm::Attribute::NoCapture);
#endif
}

// SROA that leaves the CFG as it is. LLVM 16 added SROAOptions (and SROA's
// speculation that rewrites the CFG); 15's SROA never changes the CFG.
inline llvm::SROAPass sroaPreservingCFG() {
#if LLVM_VERSION_MAJOR >= 16
  return llvm::SROAPass(llvm::SROAOptions::PreserveCFG);
#else
  return llvm::SROAPass();
#endif
}

// LLVM 20 gave the OptimizerLast callback the LTO phase it runs in; pyunbox
// does the same in every phase, so Callback takes (MPM, Level) as before.
// (Generic in PB so that this header needs no PassBuilder.h.)
template <typename PassBuilderT, typename Callback>
void registerOptimizerLastEPCallback(PassBuilderT &PB, Callback C) {
#if LLVM_VERSION_MAJOR >= 20
  PB.registerOptimizerLastEPCallback(
      [C](auto &MPM, auto Level, auto /*ThinOrFullLTOPhase*/) { C(MPM, Level); });
#else
  PB.registerOptimizerLastEPCallback(C);
#endif
}

// What a function or a call may do to memory, in the grades a record states.
// LLVM 16 replaced the readnone/readonly/argmemonly attributes by one
// memory(...) attribute (MemoryEffects); 19 renamed its locations
// (IRMemLocation). 15 is read from the attributes, as its own
// Function::onlyReadsMemory does.
enum class MemoryAccess { None, Reads, Writes };
#if LLVM_VERSION_MAJOR >= 16
inline MemoryAccess memoryAccessOf(llvm::MemoryEffects ME) {
  return ME.doesNotAccessMemory() ? MemoryAccess::None
         : ME.onlyReadsMemory()   ? MemoryAccess::Reads
                                  : MemoryAccess::Writes;
}
inline MemoryAccess memoryAccess(const llvm::Function &F) { return memoryAccessOf(F.getMemoryEffects()); }
inline MemoryAccess memoryAccess(const llvm::CallBase &CB) { return memoryAccessOf(CB.getMemoryEffects()); }
// F's access to memory other than what its pointer arguments point to.
inline MemoryAccess memoryAccessBeyondArguments(const llvm::Function &F) {
#if LLVM_VERSION_MAJOR >= 19
  return memoryAccessOf(F.getMemoryEffects().getWithoutLoc(llvm::IRMemLocation::ArgMem));
#else
  return memoryAccessOf(F.getMemoryEffects().getWithoutLoc(llvm::MemoryEffects::ArgMem));
#endif
}
#else
template <typename FunctionOrCall> MemoryAccess memoryAccess(const FunctionOrCall &X) {
  return X.doesNotAccessMemory() ? MemoryAccess::None
         : X.onlyReadsMemory()   ? MemoryAccess::Reads
                                 : MemoryAccess::Writes;
}
inline MemoryAccess memoryAccessBeyondArguments(const llvm::Function &F) {
  return F.onlyAccessesArgMemory() ? MemoryAccess::None : memoryAccess(F);
}
#endif

// zlib's decompression into a buffer of at most Size bytes (the output is
// cut to what it decoded). LLVM 16 renamed uncompress to decompress.
inline llvm::Error zlibDecompress(llvm::ArrayRef<uint8_t> In, llvm::SmallVectorImpl<uint8_t> &Out,
                                  size_t Size) {
#if LLVM_VERSION_MAJOR >= 16
  return llvm::compression::zlib::decompress(In, Out, Size);
#else
  return llvm::compression::zlib::uncompress(In, Out, Size);
#endif
}

// The map GEPOperator::collectOffset fills with each variable index and its
// scale: a MapVector in 15 to 19, a SmallMapVector<Value *, APInt, 4> in 22.
// Taken from the declaration itself, so that no major has to be named.
template <typename Map, typename A1, typename A2, typename A4>
Map collectOffsetMap(bool (llvm::GEPOperator::*)(A1, A2, Map &, A4) const);
using GEPVariableOffsets = decltype(collectOffsetMap(&llvm::GEPOperator::collectOffset));

} // namespace compat
} // namespace pyunbox

#endif // PYUNBOX_PASSES_LLVMCOMPAT_H
