/* A second hand-written record, for a second translation unit in one .so:
 *   geo.hypot(x, y)   METH_FASTCALL, needs the interpreter, reads memory,
 * and the name of its second parameter is not known (""). */
double pyunbox_core_geo_hypot(double x, double y);
static double core_local(double x, double y) { return x * x + y * y; }
double pyunbox_core_geo_hypot(double, double) __attribute__((alias("core_local")));
static void *geo_hypot(void *self, void *const *args, long n) { return n ? args[0] : self; }
void *keep_hypot_wrapper(void) { return (void *)geo_hypot; }

__asm__(
    "  .pushsection pyunbox_sigs,\"aw\",@progbits\n"
    "  .balign 8\n"
    ".Lrec:\n"
    "  .long 0x42555950\n"
    "  .short 1, 72\n"
    "  .long .Lend - .Lrec\n"
    "  .long 0x80\n"                   /* METH_FASTCALL */
    "  .quad geo_hypot - .\n"
    "  .quad core_local - .\n"
    "  .long .Lpy - .Lrec, .Lcore - .Lrec, .Lwrap - .Lrec, .Lmod - .Lrec\n"
    "  .long .Lproto - .Lrec, .Lnames - .Lrec, .Lkinds - .Lrec\n"
    "  .byte 3, 13, 2, 1, 1, 0\n"      /* FASTCALL, double, 2 params, needs GIL, reads */
    "  .zero 6\n"
    ".Lpy: .asciz \"hypot\"\n"
    ".Lcore: .asciz \"pyunbox_core_geo_hypot\"\n"
    ".Lwrap: .asciz \"geo_hypot\"\n"
    ".Lmod: .asciz \"geo\"\n"
    ".Lproto: .asciz \"double pyunbox_core_geo_hypot(double x, double)\"\n"
    ".Lnames: .asciz \"x\"\n"
    "  .asciz \"\"\n"
    ".Lkinds: .byte 13, 13\n"
    "  .balign 8, 0\n"
    ".Lend:\n"
    "  .popsection\n");
