"""`--out`: only a regular file (or a new name) is ever replaced, nothing beside it touched."""

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from onewindow.cli.out_file import OutFile
from onewindow.errors import BadInput


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_file_is_written_private_and_no_temporary_file_stays(tmp_path):
    target = OutFile.check(str(tmp_path / "回执.pdf"))
    target.write(b"%PDF-1.4 new")
    assert (tmp_path / "回执.pdf").read_bytes() == b"%PDF-1.4 new"
    assert stat.S_IMODE((tmp_path / "回执.pdf").stat().st_mode) == 0o600
    assert _listing(tmp_path) == ["回执.pdf"]


def test_an_existing_regular_file_is_replaced_and_keeps_its_mode(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(b"old")
    path.chmod(0o640)
    OutFile.check(str(path)).write(b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_append_keeps_what_was_there(tmp_path):
    path = tmp_path / "anchors"
    OutFile.check(str(path)).append(b"one\n")
    OutFile.check(str(path)).append(b"two\n")
    assert path.read_bytes() == b"one\ntwo\n"


@pytest.mark.parametrize("text", ["", " ", ".", "..", "/", "dir/", "./"])
def test_no_file_name_is_refused(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir").mkdir()
    with pytest.raises(BadInput) as raised:
        OutFile.check(text)
    assert "\n" not in str(raised.value)
    assert _listing(tmp_path) == ["dir"]


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "a.pdf").mkdir()
    with pytest.raises(BadInput, match="folder"):
        OutFile.check(str(tmp_path / "a.pdf"))


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    (tmp_path / "link.pdf").symlink_to(victim)
    with pytest.raises(BadInput, match="symbolic link"):
        OutFile.check(str(tmp_path / "link.pdf"))
    assert victim.read_bytes() == b"keep"


def test_a_dangling_symlink_is_refused(tmp_path):
    (tmp_path / "link.pdf").symlink_to(tmp_path / "nowhere")
    with pytest.raises(BadInput, match="symbolic link"):
        OutFile.check(str(tmp_path / "link.pdf"))
    assert not (tmp_path / "nowhere").exists()


def test_a_device_is_refused():
    with pytest.raises(BadInput, match="device"):
        OutFile.check(os.devnull)


def test_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.pdf")
    with pytest.raises(BadInput, match="device or special"):
        OutFile.check(str(tmp_path / "pipe.pdf"))


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(BadInput, match="no such folder"):
        OutFile.check(str(tmp_path / "nope" / "a.pdf"))


def test_a_file_as_folder_is_refused(tmp_path):
    (tmp_path / "f").write_bytes(b"")
    with pytest.raises(BadInput, match="not a folder"):
        OutFile.check(str(tmp_path / "f" / "a.pdf"))


def test_an_over_long_name_is_refused(tmp_path):
    with pytest.raises(BadInput, match="too long"):
        OutFile.check(str(tmp_path / ("长" * 100 + ".pdf")))  # 304 bytes in UTF-8


def test_the_longest_name_still_leaves_room_for_the_temporary_file(tmp_path):
    name = "a" * 251 + ".pdf"
    OutFile.check(str(tmp_path / name)).write(b"x")
    assert _listing(tmp_path) == [name]


def test_a_nul_in_the_name_is_refused(tmp_path):
    with pytest.raises(BadInput, match="NUL"):
        OutFile.check(str(tmp_path / "a\x00b.pdf"))


def _as_another_user(check: Callable[[], object]) -> str:
    """Runs `check` as an unprivileged user (a forked child drops root, which writes
    anywhere); returns the BadInput message, or "" when nothing was refused."""
    if os.geteuid() != 0:
        try:
            check()
        except BadInput as exc:
            return str(exc)
        return ""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(reader)
        message = b""
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            check()
        except BadInput as exc:
            message = str(exc).encode()
        except BaseException as exc:  # reported to the parent, which fails
            message = f"unexpected {exc!r}".encode()
        os.write(writer, message)
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(pid, 0)
    assert not message.startswith("unexpected"), message
    return message


NOBODY = 65534


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private (0700) tree, so that an unprivileged user can
    reach it; it and what it holds belong to whoever runs the tests."""
    folder = Path(tempfile.mkdtemp(prefix="ow-out-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_an_unwritable_folder_is_refused(shared_folder):
    message = _as_another_user(lambda: OutFile.check(str(shared_folder / "a.pdf")))
    assert "not writable" in message
    assert _listing(shared_folder) == []


def test_a_read_only_file_is_not_replaced(shared_folder):
    path = shared_folder / "r.pdf"
    path.write_bytes(b"keep")
    path.chmod(0o444)
    if os.geteuid() == 0:
        os.chown(shared_folder, NOBODY, NOBODY)  # the folder is writable, the file is not
    else:
        shared_folder.chmod(0o700)
    message = _as_another_user(lambda: OutFile.check(str(path)))
    assert "read-only" in message
    assert path.read_bytes() == b"keep"


def test_a_path_that_turns_into_a_symlink_while_rendering_is_not_followed(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    target = OutFile.check(str(tmp_path / "r.pdf"))
    (tmp_path / "r.pdf").symlink_to(victim)
    with pytest.raises(BadInput, match="symbolic link"):
        target.write(b"new")
    assert victim.read_bytes() == b"keep"
    assert _listing(tmp_path) == ["r.pdf", "victim"]


def test_a_failure_while_writing_leaves_no_temporary_file(tmp_path):
    def fail(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(BadInput, match="No space left"):
        OutFile.check(str(tmp_path / "r.pdf")).write_with(fail)
    assert _listing(tmp_path) == []
