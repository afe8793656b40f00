"""Users, roles, sign-in and the acting user re-read on every unit of work.

Imports the kernel and `store`.
"""
