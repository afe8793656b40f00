"""Real input through the X server for the real-window day (tests/ui/real_window_day.py).

Chinese by xdotool: for a character that is not on the keyboard, `xdotool type` binds it to
a spare key code, presses it and unbinds it at once; Qt reads the keymap only when it gets
to the key event, by which time the binding is gone, and the character is dropped. So the
characters of a text are bound first, for good (libX11's XChangeKeyboardMapping, through
ctypes), Qt is given a moment to read the new keymap, and then `xdotool type` finds them on
the keyboard and presses them like any other key. No input method is involved.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

UNICODE_KEYSYM = 0x1000000  # X11: keysym 0x01000000 + code point for any Unicode character


def _spare(keysym: int) -> bool:
    return keysym == 0 or UNICODE_KEYSYM + 0x2E80 <= keysym < UNICODE_KEYSYM + 0x110000


class Keymap:
    """The spare key codes of the display in $DISPLAY (none of their levels bound), rebound to
    the characters of each text before it is typed."""

    def __init__(self) -> None:
        path = ctypes.util.find_library("X11")
        if path is None:
            raise OSError("libX11 not found")
        x = ctypes.CDLL(path)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDisplayKeycodes.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        x.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
        x.XGetKeyboardMapping.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ubyte,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
        ]
        x.XChangeKeyboardMapping.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.c_int,
        ]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x: Any = x
        self.display = x.XOpenDisplay(None)
        if not self.display:
            raise OSError("cannot open the X display")
        low, high = ctypes.c_int(), ctypes.c_int()
        x.XDisplayKeycodes(self.display, ctypes.byref(low), ctypes.byref(high))
        per = ctypes.c_int()
        count = high.value - low.value + 1
        table = x.XGetKeyboardMapping(self.display, low.value, count, ctypes.byref(per))
        # Spare: nothing bound, or only characters an earlier day bound (a CJK keysym).
        self.spare = [
            low.value + code
            for code in range(count)
            if all(_spare(table[code * per.value + level]) for level in range(per.value))
        ]
        x.XFree(table)
        self.bound: dict[str, int] = {}

    def bind(self, chars: set[str]) -> None:
        """Put these characters on spare keys (at most len(self.spare) at a time)."""
        wanted = [c for c in sorted(chars) if c not in self.bound]
        if not wanted:
            return
        free = [code for code in self.spare if code not in self.bound.values()]
        if len(free) < len(wanted):
            self.bound.clear()
            free = list(self.spare)
        assert len(wanted) <= len(free), f"{len(wanted)} characters, {len(free)} spare keys"
        for char, code in zip(wanted, free, strict=False):
            keysym = UNICODE_KEYSYM + ord(char)
            symbols = (ctypes.c_ulong * 2)(keysym, keysym)
            self.x.XChangeKeyboardMapping(self.display, code, 2, symbols, 1)
            self.bound[char] = code
        self.x.XSync(self.display, 0)

    def close(self) -> None:
        """Give the spare keys back (unbound) and close the connection."""
        nothing = (ctypes.c_ulong * 2)(0, 0)
        for code in self.bound.values():
            self.x.XChangeKeyboardMapping(self.display, code, 2, nothing, 1)
        self.bound.clear()
        self.x.XSync(self.display, 0)
        self.x.XCloseDisplay(self.display)
