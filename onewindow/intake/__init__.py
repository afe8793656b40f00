"""The combined form: normalise, check, the materials rules, split into tickets, submit, ratings.

Imports `clocks`, `audit`, `access`, `store` and the kernel.
"""
