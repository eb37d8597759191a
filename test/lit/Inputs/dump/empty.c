/* An object without a pyunbox_sigs section; tests add one with llvm-objcopy. */
int pyunbox_test_no_records;
