"""What is printed: receipt, notice, indicator report (one renderer, fonts registered once),
printing with its copy count, and the masking of personal numbers.

Imports `tickets`, `exchange`, `intake` and below.
"""
