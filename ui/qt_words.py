"""Qt's own dialogs in the UI's language: the few texts Qt's Chinese catalogue lacks.

Qt ships `qtbase_zh_CN.qm` (loaded by ui.i18n), but it leaves some labels of the file and
print dialogs in English ("&Look in:", "Files of &type:", "Page &Set:"), so a Chinese
interface showed half-English dialogs. The texts are marked here in Qt's own contexts, so
that they land in our catalogues (`make translations`) and our translator answers where
Qt's has nothing; the English catalogue gives them back unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:")),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:")),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:")),
)
