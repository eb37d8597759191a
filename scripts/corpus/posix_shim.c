/* Linked into the rebuilt posix only. Debian's python3.11 does not export
 * this variable of Python/fileutils.c; a private copy only caches whether
 * O_CLOEXEC works, so the rebuilt module finds out again on its first open().
 * The fork hooks posix references but Debian does not export
 * (_PyEval_ReInitThreads, ...) are called only from posix's own
 * PyOS_AfterFork_Child, whose calls go through the PLT to the interpreter's
 * copy; the module is linked with -z lazy so that they need not resolve. */
int _Py_open_cloexec_works = -1;
