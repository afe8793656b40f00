"""Keeps PySide6 6.12 from crashing a long-running client on CPython 3.11.

PySide6 6.12 drops a reference to `None` each time a Qt call hands back "nothing": a
null pointer or an invalid QVariant (`QComboBox.currentData()` of an item without data,
`QApplication.focusWidget()` with nothing focused, `findChild()` finding nothing,
`QObject.property()` of a property never set). On CPython 3.11 `None` is an ordinary
object: after a few thousand such calls its count reaches zero and the interpreter aborts
with "none_dealloc: deallocating None" — in a counter that runs all day, mid-visit.
CPython 3.12 makes `None` immortal; on 3.11 we give it a reference count no day of use
can exhaust. The screens also avoid those calls in their hot paths.
"""

from __future__ import annotations

import sys

# About a trillion: a call per microsecond for twelve days; far below the 2**63 ceiling.
_RESERVE = 1 << 40


def protect_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if sys.getrefcount(None) > _RESERVE:
        return
    import ctypes

    # ob_refcnt is the first field of every object in a release build of CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
