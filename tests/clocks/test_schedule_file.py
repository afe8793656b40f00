"""A holiday schedule file is read the same way from the command line and the admin screen:
a file that is not a schedule is one clear message, and nothing is stored."""

import pytest

from onewindow.clocks.schedule_file import MAX_BYTES, read_schedule_file
from onewindow.desk import counter_work, lead_work
from onewindow.errors import BadInput
from tests.conftest import PASSWORD


def test_a_schedule_saved_on_windows_is_read(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_bytes("\ufeffdate,kind,name\r\n2027-01-01,holiday,元旦\r\n".encode())
    assert read_schedule_file(path) == "date,kind,name\r\n2027-01-01,holiday,元旦\r\n"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("date,kind,name\n2027-01-01,holiday,\x1b[31m元旦\n".encode(), "U+001B"),
        ("date,kind,name\n2027-01-01,holiday,元旦\u202e\n".encode(), "U+202E"),
        (b"date,kind,name\n2027-01-01,holiday,\xff\n", "UTF-8"),
        (b"x" * (MAX_BYTES + 1), "too large"),
    ],
)
def test_a_file_that_is_not_a_schedule(content, says, tmp_path):
    path = tmp_path / "h.csv"
    path.write_bytes(content)
    with pytest.raises(BadInput) as refused:
        read_schedule_file(path)
    assert says in refused.value.text.en


def test_the_admin_screen_refuses_a_control_character_and_stores_nothing(hall, users, tmp_path):
    admin = counter_work.sign_in(hall, users["admin"], PASSWORD)
    before = lead_work.holiday_year(hall, 2027)
    path = tmp_path / "2027.csv"
    path.write_text("date,kind,name\n2027-01-01,holiday,元旦\x1b[2J\n", encoding="utf-8")
    with pytest.raises(BadInput, match="U\\+001B"):
        lead_work.import_holidays(hall, admin, path)
    assert lead_work.holiday_year(hall, 2027) == before
