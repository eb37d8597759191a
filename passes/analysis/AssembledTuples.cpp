//===- analysis/AssembledTuples.cpp - A tuple of boxes made item by item ----===//
//
// Part of step 3: `t = PyTuple_New(n)`, then `PyTuple_SET_ITEM(t, i, box)`
// for each i, then `return t` (Cython's `return a, b` and its C tuples'
// conversion; hand-written code too) returns the tuple Py_BuildValue("(..)")
// would: its items are the boxes (or True and False, however chosen). Such
// a tuple is a tuple result as Py_BuildValue's (ReturnNetwork.cpp), each
// item's scalar its object's, followed as a returned object is.
//
// A tuple the wrapper made is one only it holds: storing its items cannot
// fail (PyTuple_SetItem returns 0), it is a tuple (PyTuple_SET_ITEM's
// assert(PyTuple_Check(op)) holds), and it is never NULL where its items are
// stored (FactPropagation: a box the core makes). Each item is stored once,
// where every way to a return of the tuple passes (checkItems); any other
// use of the tuple or of an item leaves it an object (checkReturns).
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "pyunbox/passes/FactPropagation.h"

using namespace llvm;

namespace pyunbox {

std::optional<Refusal> WrapperAnalyzer::visitTupleNew(CallBase &CB, const BoundaryPrimitive &) {
  auto *N = CB.arg_size() == 1 ? dyn_cast<ConstantInt>(CB.getArgOperand(0)) : nullptr;
  // With the interpreter, a tuple is an object the core may use as the
  // wrapper does (a call it keeps); so is one of another size.
  if (!InterpMode && N && N->getZExtValue() >= 2 && N->getZExtValue() <= PYUNBOX_MAX_RESULTS &&
      CB.getType()->isPointerTy())
    NewTuples.push_back(&CB);
  return std::nullopt;
}

namespace {

// The stores of one tuple's items, by index: the item each stores and the
// instruction that stores it (a store at ob_item[i], or a call); and every
// instruction that writes them (with the stores' addresses), in the order
// they go.
struct ItemStores {
  SmallVector<Value *, 8> Items;
  SmallVector<Instruction *, 8> Stores;
  SmallVector<Instruction *, 8> Writes;
  bool Twice = false;
};

// The item stores through Address, a constant offset from the tuple (Base
// bytes already), each handed to Set(index, item, store), and added with the
// addresses to Writes, where Address and everything computed from it is
// only such stores and more addresses. False, and nothing added, otherwise.
template <typename SetItem>
bool storesThrough(GetElementPtrInst &Address, uint64_t Base, const TupleLayout &Layout, SetItem &Set,
                   SmallVectorImpl<Instruction *> &Writes) {
  const DataLayout &DL = Address.getModule()->getDataLayout();
  APInt Offset(DL.getIndexTypeSizeInBits(Address.getType()), 0);
  if (!Address.accumulateConstantOffset(DL, Offset) || (Offset + Base).isNegative())
    return false;
  uint64_t At = Base + Offset.getZExtValue(), PointerSize = DL.getPointerSize();
  SmallVector<std::pair<uint64_t, StoreInst *>, 1> Stores;
  SmallVector<Instruction *, 4> Below;
  for (User *U : Address.users()) {
    if (auto *Next = dyn_cast<GetElementPtrInst>(U); Next && Next->getPointerOperand() == &Address) {
      if (!storesThrough(*Next, At, Layout, Set, Below))
        return false;
      continue;
    }
    auto *St = dyn_cast<StoreInst>(U);
    if (!St || !St->isSimple() || St->getPointerOperand() != &Address ||
        !St->getValueOperand()->getType()->isPointerTy() || At < Layout.ItemOffset ||
        (At - Layout.ItemOffset) % PointerSize)
      return false;
    Stores.push_back({(At - Layout.ItemOffset) / PointerSize, St});
  }
  for (auto [Index, St] : Stores) {
    Set(Index, St->getValueOperand(), St);
    Writes.push_back(St);
  }
  Writes.append(Below.begin(), Below.end());
  Writes.push_back(&Address); // after what uses it: erased in this order
  return true;
}

} // namespace

void WrapperAnalyzer::resolveAssembledTuples() {
  std::optional<TupleLayout> Layout = tupleLayout(*F.getParent());
  for (CallBase *Tuple : NewTuples) {
    unsigned N = unsigned(cast<ConstantInt>(Tuple->getArgOperand(0))->getZExtValue());
    ItemStores Found;
    Found.Items.assign(N, nullptr);
    Found.Stores.assign(N, nullptr);
    auto Set = [&](uint64_t Index, Value *Item, Instruction *Store) {
      if (Index >= N || Found.Items[Index]) {
        Found.Twice = true;
        return;
      }
      Found.Items[Index] = Item;
      Found.Stores[Index] = Store;
    };
    bool Returned = false, Addressed = false;
    for (User *U : Tuple->users()) {
      auto *I = dyn_cast<Instruction>(U);
      if (!I)
        continue;
      Returned |= isa<PHINode>(I) || isa<SelectInst>(I) || isa<ReturnInst>(I);
      // PyTuple_SET_ITEM(t, i, v) kept a call (-O0), PyTuple_SetItem.
      if (const BoundaryPrimitive *P = calledPrimitive(I); P && P->Role == PrimitiveRole::TupleSetItem) {
        auto *Call = cast<CallBase>(I);
        auto *Index = Call->arg_size() == 3 ? dyn_cast<ConstantInt>(Call->getArgOperand(1)) : nullptr;
        if (Index && Call->getArgOperand(0) == Tuple && Call->getArgOperand(2) != Tuple) {
          Set(Index->getZExtValue(), Call->getArgOperand(2), Call);
          Found.Writes.push_back(Call);
        }
        continue;
      }
      // The macro: a store of the item at ob_item[i], through its address
      // (a chain of constant offsets, before instcombine merges them), which
      // nothing else uses; any other use is checkReturns' to name.
      if (auto *Address = dyn_cast<GetElementPtrInst>(I)) {
        Addressed = true;
        if (Layout)
          storesThrough(*Address, 0, *Layout, Set, Found.Writes);
      }
    }
    // Each item an object the core makes (a box, True or False however
    // chosen: Cython's bint); checkItems takes their kinds once the facts
    // say which ways run.
    auto Made = [&](Value *Item) {
      SmallPtrSet<const Value *, 4> Seen;
      auto K = BoxKinds.find(Item);
      return isMadeObject(Item, Seen) && (K == BoxKinds.end() || K->second != ValueKind::Tuple);
    };
    auto Bad = find_if(Found.Items, [&](Value *Item) { return !Item || !Made(Item); });
    if (Found.Twice || Bad != Found.Items.end()) {
      if (Returned) {
        std::string Index = std::to_string(Bad - Found.Items.begin());
        std::string Which = Found.Twice ? "an item stored twice"
                            : *Bad      ? "item " + Index + " is not a boxed C scalar" +
                                         (isa<Instruction>(*Bad) ? " (" + describe(*Bad) + ")" : "")
                            : Layout    ? "item " + Index + " is not stored with a constant index"
                            : Addressed ? "items are stored where the module does not say "
                                          "(it names no PyVarObject type, whose size places them)"
                                        : "item " + Index + " is not stored by a call";
        TupleRefusals[Tuple] = refuse(RefusalKey::ReturnsObject, "returns a tuple made item by item whose " + Which);
      }
      continue;
    }
    if (PyErrMode) {
      TupleRefusals[Tuple] = refuse(RefusalKey::ReturnsObject,
                               "returns a tuple, which only a core that bails where the wrapper raises returns");
      continue;
    }
    ReturnLeaf Leaf;
    Leaf.Items.assign(Found.Items.begin(), Found.Items.end());
    S.Leaves[Tuple] = Leaf;
    ItemStoresOf[Tuple].assign(Found.Stores.begin(), Found.Stores.end());
    BoxKinds[Tuple] = ValueKind::Tuple;
    Sanctioned[Tuple] = Sanction::Box;
    TupleWrites[Tuple].assign(Found.Writes.begin(), Found.Writes.end());
    for (Instruction *W : Found.Writes) {
      if (auto *Call = dyn_cast<CallBase>(W)) {
        Sanctioned[Call] = Sanction::Fact;
        if (Call->getType()->isIntegerTy()) // PyTuple_SetItem: 0, stored
          S.Facts[Call] = ConstantInt::get(Call->getType(), 0);
      }
    }
  }
}

namespace {

// Whether what I makes (a phi, a select, a return itself) is returned,
// through more phis and selects.
bool reachesReturn(Instruction &I) {
  SmallVector<Instruction *, 8> Work{&I};
  SmallPtrSet<Instruction *, 8> Seen{&I};
  while (!Work.empty()) {
    Instruction *V = Work.pop_back_val();
    if (isa<ReturnInst>(V))
      return true;
    for (User *U : V->users())
      if ((isa<PHINode>(U) || isa<SelectInst>(U) || isa<ReturnInst>(U)) && Seen.insert(cast<Instruction>(U)).second)
        Work.push_back(cast<Instruction>(U));
  }
  return false;
}

// Whether every run that reaches At over the edges that execute has run
// Store first: where no such run gets to At's block from the entry without
// going through Store's block (dominance in the graph the facts leave:
// Cython 3's failing PyTuple_SetItem makes a way round the next store that
// only the fact that it returns 0 rules out).
bool runsBefore(Instruction &Store, Instruction &At, const FactPropagation &FP) {
  BasicBlock *Through = Store.getParent(), *Target = At.getParent();
  if (Through == Target)
    return Store.comesBefore(&At);
  BasicBlock *Entry = &Target->getParent()->getEntryBlock();
  SmallVector<BasicBlock *, 16> Work{Entry};
  SmallPtrSet<BasicBlock *, 16> Seen{Entry};
  while (!Work.empty()) {
    BasicBlock *BB = Work.pop_back_val();
    if (BB == Target)
      return false;
    if (BB == Through)
      continue;
    for (BasicBlock *Next : successors(BB))
      if (FP.isExecutableEdge(BB, Next) && Seen.insert(Next).second)
        Work.push_back(Next);
  }
  return true;
}

} // namespace

// The items of a tuple made item by item returned: each, followed through
// phis and selects as a returned object is (walkReturned), of one scalar
// kind, which is the item's; they join the returned network. And where the
// tuple leaves for a return (a return, a phi's edge that executes, a
// select), every item has been stored: the core stores the items' scalars
// there.
std::optional<Refusal> WrapperAnalyzer::checkItems(CallBase &Tuple, const FactPropagation &FP,
                                                   SmallPtrSetImpl<Value *> &Network) {
  auto It = ItemStoresOf.find(&Tuple);
  if (It == ItemStoresOf.end())
    return std::nullopt;
  ArrayRef<Instruction *> Stores = It->second;
  if (!TupleItems.count(&Tuple)) {
    // A copy: walking an item adds leaves (True, False) to S.Leaves, which
    // may move the tuple's own.
    SmallVector<Value *, 8> Items(S.Leaves[&Tuple].Items.begin(), S.Leaves[&Tuple].Items.end());
    SmallVector<ValueKind, 2> Kinds;
    for (unsigned K = 0; K != Items.size(); ++K) {
      // Each on its own (True and False may be items of each); then in
      // the returned network.
      SmallVector<ValueKind, 2> Leaves;
      SmallPtrSet<Value *, 8> Own;
      unsigned Errors = S.Errors;
      if (auto R = walkReturned(Items[K], FP, Own, Leaves))
        return R;
      Network.insert(Own.begin(), Own.end());
      auto Other = [&](ValueKind V) {
        return V == ValueKind::Void || V == ValueKind::Tuple || V != Leaves.front();
      };
      if (S.Errors != Errors || Leaves.empty() || any_of(Leaves, Other))
        return refuse(RefusalKey::ReturnsObject, "returns a tuple made item by item whose item " +
                                                     std::to_string(K) + " is not one kind of C scalar");
      Kinds.push_back(Leaves.front());
    }
    TupleItems[&Tuple] = Kinds;
    // The outliner removes these writes: only a returned tuple's, whose
    // blocks run (a tuple made where the facts rule out is deleted with
    // its block, and the outliner must not hold its instructions).
    for (Instruction *W : TupleWrites[&Tuple])
      S.TupleItemWrites.push_back(W);
  }
  for (Use &Out : Tuple.uses()) {
    auto *I = cast<Instruction>(Out.getUser());
    Instruction *At = I;
    if (auto *Phi = dyn_cast<PHINode>(I)) {
      if (!FP.isExecutableEdge(Phi->getIncomingBlock(Out), Phi->getParent()))
        continue;
      At = Phi->getIncomingBlock(Out)->getTerminator();
    } else if (!isa<ReturnInst>(I) && !isa<SelectInst>(I)) {
      continue;
    }
    if (!FP.executes(*At) || !reachesReturn(*I)) // a phi of the error path, which releases it
      continue;
    for (Instruction *Store : Stores)
      if (!runsBefore(*Store, *At, FP))
        return refuse(RefusalKey::ReturnsObject, "returns a tuple made item by item where not every item is "
                                                 "stored (" + describe(Store) + " may not run)");
  }
  return std::nullopt;
}

} // namespace pyunbox
