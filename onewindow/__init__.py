"""OneWindow (一窗通办): the Qt-free core of the shared service hall's counter client."""

from importlib.metadata import PackageNotFoundError, version

# One version, pyproject.toml's, read from the package metadata: the installed distribution in
# a source install, the dist-info the PyInstaller spec writes in a bundle. About box, receipt
# footer, --version, the .deb and the Windows installer's names all come from here.
try:
    __version__ = version("onewindow")
except PackageNotFoundError:  # a checkout run without `pip install -e .`
    __version__ = "0+unknown"
