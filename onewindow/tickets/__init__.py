"""Tickets after the counter: their state, the clerk's actions (cancel, late materials,
re-send), the screens' queries and reassignment.

Imports `exchange`, `intake` and below.
"""
