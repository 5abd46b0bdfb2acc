"""One piece of a build done in a second process while this one goes on.

Validation and the transform both read the parsed TEI and need nothing from each other:
on a long text each takes about a third of a second, so doing them at the same time on
two cores saves what the shorter one costs. A forked child shares the parsed tree
(copy-on-write, nothing is parsed or copied again) and sends its result back pickled.

lxml gives up Python's lock while libxml2 works, but two threads reading one libxml2
document are not safe (libxslt writes into the source document while it transforms), so
the second reader is a process, not a thread.

Whatever goes wrong in the child (an exception, a result that does not pickle, the child
killed) is not reported from there: the parent then does the work itself, so a fault
surfaces exactly as it would without this module, with its own traceback.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def possible() -> bool:
    """Whether this process may fork a helper (not on platforms without fork, not from a
    daemonic worker, which may not have children)."""
    # a daemonic worker was started by multiprocessing: unloaded, it cannot be one
    processes = sys.modules.get("multiprocessing")
    return hasattr(os, "fork") and not (processes and processes.current_process().daemon)


class Pending:
    """The result of work started by :func:`start`: :meth:`result` waits for it."""

    def __init__(self, function: Callable[..., T], args, kwargs, pid: int | None = None,
                 reader: int | None = None):
        self._call = (function, args, kwargs)
        self._pid, self._reader = pid, reader
        self._done: list = []

    def _collect(self) -> bytes | None:
        """The child's pickled result (None when it failed), once; the child is reaped."""
        if self._pid is None:
            return None
        with os.fdopen(self._reader, "rb") as handle:
            payload = handle.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return payload if status == 0 and payload else None

    def result(self) -> T:
        if not self._done:
            payload = self._collect()
            function, args, kwargs = self._call
            self._done.append(pickle.loads(payload) if payload is not None else function(*args, **kwargs))
        return self._done[0]

    def close(self) -> None:
        """Wait for the child without using its result (the build stopped before it)."""
        self._collect()


def start(function: Callable[..., T], *args, **kwargs) -> Pending:
    """Start ``function(*args, **kwargs)`` in a forked child; :meth:`Pending.result` waits
    for its result. Without fork the work is done when the result is asked for, in this
    process."""
    if not possible():
        return Pending(function, args, kwargs)
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:             # no memory or no process left for a child: do it here
        os.close(reader)
        os.close(writer)
        return Pending(function, args, kwargs)
    if pid == 0:                # the child: compute, send, leave without cleanup handlers
        status = 1
        try:
            os.close(reader)
            payload = pickle.dumps(function(*args, **kwargs), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return Pending(function, args, kwargs, pid, reader)
