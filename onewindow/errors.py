"""Errors the core raises to its callers (UI and command line), each with a clerk-readable text.

The command line maps them to exit codes: BadInput 2, NotPermitted 3, anything else 1.
"""

from onewindow.codes import Text


class OneWindowError(Exception):
    """A failure with a message fit to show a clerk or an administrator (no traceback).

    The message is a `Text` in both languages; `str()` of the error is the one line the
    command line prints.
    """

    def __init__(self, message: str | Text) -> None:
        # A plain string is a message with one wording for both (a code, a name, a number).
        self.text = message if isinstance(message, Text) else Text(message, message)
        super().__init__(str(self.text))


class BadInput(OneWindowError):
    """The input (a form, a file, an argument) is wrong; nothing was changed."""


class NotFound(BadInput):
    """An application, ticket or user named by the caller does not exist."""


class NotPermitted(OneWindowError):
    """The acting user's role does not allow the action."""


class ConfigError(OneWindowError):
    """The configuration file is missing a setting or has a wrong one; the message names the key."""


class NotActing(NotPermitted):
    """The signed-in user was disabled (or removed) since signing in: nothing more is done in
    that name. The window takes the clerk back to the sign-in window; a command exits 3."""
