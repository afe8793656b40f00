"""Keeps PySide6 6.12 from crashing a long-running client on CPython 3.11.

PySide6 6.12 drops references to Python's singletons: to `None` each time a Qt call hands
back "nothing" (a null pointer or an invalid QVariant: `QComboBox.currentData()` of an
item without data, `QApplication.focusWidget()` with nothing focused, `findChild()` finding
nothing, `QObject.property()` of a property never set), and to `True`/`False` on every
`SignalInstance.emit()`. On CPython 3.11 these are ordinary objects:
after a few thousand such calls a count reaches zero and the interpreter aborts
("none_dealloc" / "bool_dealloc") — in a counter that runs all day, mid-visit. CPython 3.12
makes them immortal; on 3.11 we give each a reference count no day of use can exhaust. The
screens also avoid those calls in their hot paths.
"""

from __future__ import annotations

import sys

# About a trillion: a lost reference per microsecond for twelve days; far below 2**63.
_RESERVE = 1 << 40


def protect_singletons() -> None:
    """Give None, True and False the reserve (once; a no-op where they are immortal)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False):
        if sys.getrefcount(singleton) > _RESERVE:
            continue
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
