"""Find files shipped in the top-level `resources` package (fonts, policy tables, OpenAPI)."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(relative: str) -> Traversable:
    """A shipped resource by its path below `resources/`; absolute and `..` paths are refused."""
    parts = relative.split("/")
    if relative.startswith("/") or ".." in parts:
        raise ValueError(f"resource path must stay inside resources/: {relative!r}")
    node = files("resources")
    for part in parts:
        node = node / part
    return node
