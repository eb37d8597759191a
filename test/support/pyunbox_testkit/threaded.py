"""Calls of accelerated functions from several threads at once.

A core that bails or returns a tuple writes a flag and cells besides its
result, and cffi runs it without the GIL: each thread must have its own.
The calling thread calls first (its set is the fast path's global, every
other thread's a thread-local), then it and the others call at once."""
import threading

from pyunbox_testkit.outcome import outcome, same_outcome


def wrong_outcomes(module, originals, names, threads=5, per_thread=3000):
    """Calls module.<name>(a, b) for each name from `threads` threads at once
    (this one among them); returns the calls whose outcome differs from the
    original's, computed first in this thread."""
    calls = [(name, k * 7919 + i, (i % 13) - 6) for k in range(threads)
             for i in range(per_thread) for name in names]
    expected = {call: outcome(originals[call[0]], *call[1:]) for call in calls}
    for name in names:
        getattr(module, name)(1, 1)  # this thread calls first
    wrong = []

    def work(k):
        for name, a, b in calls[k::threads]:
            got = outcome(getattr(module, name), a, b)
            if not same_outcome(got, expected[name, a, b]):
                wrong.append((name, a, b, got))
    others = [threading.Thread(target=work, args=(k,)) for k in range(1, threads)]
    for thread in others:
        thread.start()
    work(0)
    for thread in others:
        thread.join()
    return wrong
