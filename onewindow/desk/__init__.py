"""The desktop's units of work: what a screen asks of the core, as plain data in and out.

Qt-free, so that the widgets never touch SQL (an import-linter contract keeps `ui` away from
SQLAlchemy and `onewindow.store`) and every rule stays in the core. Each function opens one
unit of work on the hall, resolves the acting user afresh and returns frozen dataclasses;
the widgets run them on the task runner.

Imports every layer below it; nothing but `ui` imports `desk`.
"""
