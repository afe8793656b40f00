"""The form warns, as the name is typed, about a character no paper font can print."""

from ui.main_window import MainWindow


def test_the_name_field_warns_about_an_unprintable_character(qtbot, shift, form_context):
    win = MainWindow(shift, form_context)
    qtbot.addWidget(win)
    win.show()
    form = win.intake.form
    form.name.setText("李娜")
    assert not form.name_warning.isVisible()
    form.name.setText("李\U0001fae8娜")
    assert form.name_warning.isVisible()
    assert "U+1FAE8" in form.name_warning.text()
    form.name.setText("李娜")
    assert not form.name_warning.isVisible()
