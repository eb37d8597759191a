# Forty defs: enough strings that Cython 3.3 compresses its string table by
# default (LZSS, chosen where it saves 200 bytes or more).
def function_0(long first_argument_0, long second_argument=3):
    return first_argument_0 + second_argument

def function_1(long first_argument_1, long second_argument=3):
    return first_argument_1 + second_argument

def function_2(long first_argument_2, long second_argument=3):
    return first_argument_2 + second_argument

def function_3(long first_argument_3, long second_argument=3):
    return first_argument_3 + second_argument

def function_4(long first_argument_4, long second_argument=3):
    return first_argument_4 + second_argument

def function_5(long first_argument_5, long second_argument=3):
    return first_argument_5 + second_argument

def function_6(long first_argument_6, long second_argument=3):
    return first_argument_6 + second_argument

def function_7(long first_argument_7, long second_argument=3):
    return first_argument_7 + second_argument

def function_8(long first_argument_8, long second_argument=3):
    return first_argument_8 + second_argument

def function_9(long first_argument_9, long second_argument=3):
    return first_argument_9 + second_argument

def function_10(long first_argument_10, long second_argument=3):
    return first_argument_10 + second_argument

def function_11(long first_argument_11, long second_argument=3):
    return first_argument_11 + second_argument

def function_12(long first_argument_12, long second_argument=3):
    return first_argument_12 + second_argument

def function_13(long first_argument_13, long second_argument=3):
    return first_argument_13 + second_argument

def function_14(long first_argument_14, long second_argument=3):
    return first_argument_14 + second_argument

def function_15(long first_argument_15, long second_argument=3):
    return first_argument_15 + second_argument

def function_16(long first_argument_16, long second_argument=3):
    return first_argument_16 + second_argument

def function_17(long first_argument_17, long second_argument=3):
    return first_argument_17 + second_argument

def function_18(long first_argument_18, long second_argument=3):
    return first_argument_18 + second_argument

def function_19(long first_argument_19, long second_argument=3):
    return first_argument_19 + second_argument

def function_20(long first_argument_20, long second_argument=3):
    return first_argument_20 + second_argument

def function_21(long first_argument_21, long second_argument=3):
    return first_argument_21 + second_argument

def function_22(long first_argument_22, long second_argument=3):
    return first_argument_22 + second_argument

def function_23(long first_argument_23, long second_argument=3):
    return first_argument_23 + second_argument

def function_24(long first_argument_24, long second_argument=3):
    return first_argument_24 + second_argument

def function_25(long first_argument_25, long second_argument=3):
    return first_argument_25 + second_argument

def function_26(long first_argument_26, long second_argument=3):
    return first_argument_26 + second_argument

def function_27(long first_argument_27, long second_argument=3):
    return first_argument_27 + second_argument

def function_28(long first_argument_28, long second_argument=3):
    return first_argument_28 + second_argument

def function_29(long first_argument_29, long second_argument=3):
    return first_argument_29 + second_argument

def function_30(long first_argument_30, long second_argument=3):
    return first_argument_30 + second_argument

def function_31(long first_argument_31, long second_argument=3):
    return first_argument_31 + second_argument

def function_32(long first_argument_32, long second_argument=3):
    return first_argument_32 + second_argument

def function_33(long first_argument_33, long second_argument=3):
    return first_argument_33 + second_argument

def function_34(long first_argument_34, long second_argument=3):
    return first_argument_34 + second_argument

def function_35(long first_argument_35, long second_argument=3):
    return first_argument_35 + second_argument

def function_36(long first_argument_36, long second_argument=3):
    return first_argument_36 + second_argument

def function_37(long first_argument_37, long second_argument=3):
    return first_argument_37 + second_argument

def function_38(long first_argument_38, long second_argument=3):
    return first_argument_38 + second_argument

def function_39(long first_argument_39, long second_argument=3):
    return first_argument_39 + second_argument
