"""The database: typed models, engines and sessions, Alembic migrations, application
numbers and the settings table (every settings-table read goes through `settings`).

Imports only the kernel (errors, clock, codes, config, resources).
"""
