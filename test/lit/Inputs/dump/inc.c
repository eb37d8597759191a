/* A pyunbox record written by hand, laid out as the pass emits it for
 *   static PyObject *demo_inc(PyObject *self, PyObject *n)   (METH_O)
 * so that the dump tests do not depend on the pass. The code offsets refer to
 * local symbols: a self-relative reference to the exported (preemptible) core
 * would need a dynamic relocation. */
long pyunbox_core_demo_inc(long n);
static long core_local(long n) { return n + 1; }
long pyunbox_core_demo_inc(long n) __attribute__((alias("core_local")));
static void *demo_inc(void *self, void *n) { return self ? n : 0; }
void *keep_inc_wrapper(void) { return (void *)demo_inc; }

__asm__(
    "  .pushsection pyunbox_sigs,\"aw\",@progbits\n"
    "  .balign 8\n"
    ".Lrec:\n"
    "  .long 0x42555950\n"             /* magic "PYUB" */
    "  .short 1, 72\n"                 /* version, header_size */
    "  .long .Lend - .Lrec\n"          /* record_size */
    "  .long 0x8\n"                    /* meth_flags: METH_O */
    "  .quad demo_inc - .\n"           /* wrapper_offset */
    "  .quad core_local - .\n"         /* core_offset */
    "  .long .Lpy - .Lrec, .Lcore - .Lrec, .Lwrap - .Lrec, .Lmod - .Lrec\n"
    "  .long .Lproto - .Lrec, .Lnames - .Lrec, .Lkinds - .Lrec\n"
    "  .byte 2, 7, 1, 0, 0, 0\n"       /* METH_O, returns long, 1 param, effects, memory, errors */
    "  .zero 6\n"
    ".Lpy: .asciz \"inc\"\n"
    ".Lcore: .asciz \"pyunbox_core_demo_inc\"\n"
    ".Lwrap: .asciz \"demo_inc\"\n"
    ".Lmod: .asciz \"demo\"\n"
    ".Lproto: .asciz \"long pyunbox_core_demo_inc(long n)\"\n"
    ".Lnames: .asciz \"n\"\n"
    ".Lkinds: .byte 7\n"
    "  .balign 8, 0\n"
    ".Lend:\n"
    "  .popsection\n");
