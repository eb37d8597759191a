/* A shared object with nothing to mine. */
int answer(void) { return 42; }
