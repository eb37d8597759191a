//===- FactPropagation.h - Which code runs in the core --------*- C++ -*-===//
//
// The core is the wrapper run under facts that hold for every well-typed call:
// the argument count is N, the unboxers succeed, PyErr_Occurred() is NULL, the
// boxed result is not NULL. This solver (a small sparse conditional constant
// propagation) says which blocks and edges of the wrapper still execute under
// those facts, and which values become constants. It only reads the IR.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_FACTPROPAGATION_H
#define PYUNBOX_PASSES_FACTPROPAGATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>
#include <memory>

namespace llvm {
class BasicBlock;
class Constant;
class Function;
class Instruction;
class PostDominatorTree;
class Value;
} // namespace llvm

namespace pyunbox {

class FactPropagation {
public:
  /// Facts: values with a known constant value. Models: values that stand for
  /// others when folding, to say what is known of their range (a _Bool
  /// argument widened to int is 0 or 1). NonNull: objects known to be
  /// non-NULL (so comparisons of them with NULL fold). Stops: where control
  /// may leave (a bail point). Pessimistic: what executes is what certainly
  /// runs whatever the unknown values are (the first look before a draft
  /// asks that: KeptArguments.cpp): a branch whose condition is not a
  /// constant goes only to where its paths surely meet again (sureJoin).
  /// Differs(Obj, C): object Obj is never the constant address C (an
  /// argument object is never None: a core's arguments are numbers), so
  /// comparisons of them fold.
  FactPropagation(llvm::Function &F,
                  const llvm::DenseMap<llvm::Value *, llvm::Constant *> &Facts,
                  const llvm::DenseMap<llvm::Value *, llvm::Value *> &Models,
                  std::function<bool(const llvm::Value *)> NonNull,
                  std::function<bool(const llvm::Instruction &)> Stops = nullptr,
                  bool Pessimistic = false,
                  std::function<bool(const llvm::Value *, const llvm::Constant *)> Differs = nullptr);
  ~FactPropagation();

  bool isExecutable(const llvm::BasicBlock *BB) const { return Blocks.count(BB); }
  /// Whether I runs: its block is executable and no instruction before it in
  /// the block stops execution (a bail point: control leaves the core there).
  bool executes(const llvm::Instruction &I) const;
  bool isExecutableEdge(const llvm::BasicBlock *From, const llvm::BasicBlock *To) const {
    return Edges.count({From, To});
  }
  /// The constant a value always has when executed, or nullptr.
  llvm::Constant *constantOf(const llvm::Value *V) const;
  /// For an executable block whose terminator goes one way only: that successor.
  const llvm::DenseMap<const llvm::BasicBlock *, llvm::BasicBlock *> &foldedBranches() const {
    return Folded;
  }
  /// The blocks reachable from Seeds over executable edges, Seeds included:
  /// following them (Forward) or against them.
  llvm::SmallPtrSet<const llvm::BasicBlock *, 16>
  reach(llvm::ArrayRef<const llvm::BasicBlock *> Seeds, bool Forward) const;

  enum class State : uint8_t { Unknown, Const, Over };
  struct Lattice {
    State S = State::Unknown;
    llvm::Constant *C = nullptr;
  };

private:

  void solve(llvm::Function &F);
  Lattice get(const llvm::Value *V) const;
  /// Whether V is never NULL in the core: an object NonNull knows, or a
  /// phi whose values on the edges taken so far are (a select's both
  /// values). A new edge into a phi's block evaluates again the
  /// comparisons that asked (solve()).
  bool nonNullWhereTaken(const llvm::Value *V, llvm::SmallPtrSetImpl<const llvm::Value *> &Seen) const;
  Lattice evaluate(llvm::Instruction &I);
  bool update(const llvm::Value *V, Lattice New);
  /// The successors T goes to as things stand (all of them where its
  /// condition is not a constant; with ForceOver also where it is still
  /// unknown), or false if it is undecided.
  bool takenSuccessors(llvm::Instruction &T, bool ForceOver,
                       llvm::SmallVectorImpl<llvm::BasicBlock *> &Targets) const;
  bool markEdge(llvm::BasicBlock *From, llvm::BasicBlock *To);
  /// Pessimistic: the block where every path from From meets again, if
  /// the paths between hold no cycle and nothing that may not come back
  /// (a stop), so that it surely runs once From has; else nullptr. A branch
  /// between whose condition is already a constant goes its one way
  /// (regionSuccessors), as it does wherever it runs.
  llvm::BasicBlock *sureJoin(llvm::BasicBlock *From);
  /// The successors of a block between a branch and its join: the one its
  /// branch takes if the condition folds on what is known (a fact, such as
  /// PyErr_Occurred() after an unboxer), else all of them.
  void regionSuccessors(llvm::BasicBlock *BB, llvm::SmallVectorImpl<llvm::BasicBlock *> &Out);

  const llvm::DenseMap<llvm::Value *, llvm::Constant *> &Facts;
  const llvm::DenseMap<llvm::Value *, llvm::Value *> &Models;
  std::function<bool(const llvm::Value *)> NonNull;
  std::function<bool(const llvm::Value *, const llvm::Constant *)> Differs;
  llvm::DenseMap<const llvm::Value *, Lattice> Values;
  llvm::SmallPtrSet<const llvm::BasicBlock *, 16> Blocks;
  llvm::DenseSet<std::pair<const llvm::BasicBlock *, const llvm::BasicBlock *>> Edges;
  llvm::DenseMap<const llvm::BasicBlock *, llvm::BasicBlock *> Folded;
  llvm::DenseMap<const llvm::BasicBlock *, const llvm::Instruction *> StopAt;
  bool Pessimistic;
  std::unique_ptr<llvm::PostDominatorTree> PDT; // for sureJoin, made once needed
  /// Blocks entered at a sure join: their phis merge paths not followed.
  llvm::SmallPtrSet<const llvm::BasicBlock *, 4> Joined;
};

} // namespace pyunbox

#endif
