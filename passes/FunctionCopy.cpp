//===- FunctionCopy.cpp - A private copy of a function, without debug info ===//
#include "pyunbox/passes/FunctionCopy.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/ToolAnnotations.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Cloning.h"

using namespace llvm;

namespace pyunbox {

Function *copyFunction(Function &F, const Twine &Name) {
  // A block address names a block of F in a constant: only the ValueMapper
  // maps those.
  if (any_of(F, [](const BasicBlock &BB) { return BB.hasAddressTaken(); })) {
    ValueToValueMapTy VMap;
    Function *Copy = CloneFunction(&F, VMap);
    eraseToolAnnotations(*Copy);
    Copy->setName(Name);
    Copy->setLinkage(GlobalValue::PrivateLinkage);
    return Copy;
  }
  Function *Copy = Function::Create(F.getFunctionType(), GlobalValue::PrivateLinkage,
                                    F.getAddressSpace(), Name, F.getParent());
  Copy->copyAttributesFrom(&F);
  Copy->setLinkage(GlobalValue::PrivateLinkage); // after: private has default visibility
  SmallVector<std::pair<unsigned, MDNode *>, 4> Attached;
  F.getAllMetadata(Attached);
  for (const auto &[Kind, Node] : Attached)
    if (Kind != LLVMContext::MD_dbg)
      Copy->addMetadata(Kind, *Node);
  // Arguments, blocks and instructions map to the copy's; everything else
  // an operand can be (constants, globals, metadata) is the module's and
  // stays.
  DenseMap<const Value *, Value *> Map;
  Map.reserve(F.arg_size() + F.size() + instructionCount(F)); // no rehashing
  for (auto [From, To] : zip(F.args(), Copy->args())) {
    To.setName(From.getName());
    Map[&From] = &To;
  }
  SmallVector<Instruction *, 64> Copied;
  for (BasicBlock &BB : F) {
    BasicBlock *NewBB = BasicBlock::Create(F.getContext(), BB.getName(), Copy);
    Map[&BB] = NewBB;
    for (Instruction &I : BB) {
      if (isToolAnnotation(I))
        continue;
      Instruction *New = I.clone(); // operands, flags, metadata; no debug records
      New->setDebugLoc(DebugLoc());
      compat::dropAssignID(*New, I);
      if (I.hasName())
        New->setName(I.getName());
      compat::appendTo(New, NewBB);
      Map[&I] = New;
      Copied.push_back(New);
    }
  }
  for (Instruction *I : Copied) {
    for (Use &Op : I->operands()) {
      if (Value *To = Map.lookup(Op.get())) {
        Op.set(To);
      } else if (auto *MV = dyn_cast<MetadataAsValue>(Op.get())) {
        // A value of F's handed to an intrinsic as metadata.
        auto *Local = dyn_cast<LocalAsMetadata>(MV->getMetadata());
        if (Value *To = Local ? Map.lookup(Local->getValue()) : nullptr)
          Op.set(MetadataAsValue::get(F.getContext(), LocalAsMetadata::get(To)));
      }
    }
    if (auto *Phi = dyn_cast<PHINode>(I))
      for (unsigned K = 0; K != Phi->getNumIncomingValues(); ++K)
        Phi->setIncomingBlock(K, cast<BasicBlock>(Map.lookup(Phi->getIncomingBlock(K))));
  }
  return Copy;
}

} // namespace pyunbox
