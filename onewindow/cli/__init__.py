"""The command line (architecture.md), one module per command group.

Imports everything below it; nothing imports `cli`.
"""
