"""OneWindow (一窗通办): the Qt-free core of the shared service hall's counter client."""

__version__ = "1.0.0"
