"""Work-arounds for bugs in the Qt for Python release the client runs on; applied on import.

PySide6 6.12.0 with Python 3.11: `SignalInstance.emit()` hands back its bool result without
taking a reference to it, so every emit of a Python-declared signal costs `True` (or `False`)
one reference. After a few hundred emits — a morning at the counter, or one test run — the
interpreter aborts with "Fatal Python error: bool_dealloc: deallocating True or False".
The fix is checked for, not assumed: it is installed only where an emit is seen to lose a
reference (Python 3.12+ has immortal bools; a fixed PySide6 loses none).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_original_emit = SignalInstance.emit


class _Probe(QObject):
    fired = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(8):
        probe.fired.emit()
    after = sys.getrefcount(True) + sys.getrefcount(False)
    probe.deleteLater()
    return after < before


def _emit(self: SignalInstance, *args: Any) -> Any:
    result = _original_emit(self, *args)
    # Give back the reference the binding did not take (see the module's docstring).
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return result


def apply() -> bool:
    """Install the fix if this PySide6 needs it; True when installed. Safe to repeat."""
    if SignalInstance.emit is _emit:
        return True
    if not _emit_loses_a_reference():
        return False
    SignalInstance.emit = _emit  # type: ignore[method-assign]
    return True


apply()
