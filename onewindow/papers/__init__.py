"""What is printed: receipt, one-time notice, application form, late-materials receipt,
indicator report (one renderer; fonts registered once, the rare-character fallbacks only when
a character needs them), every copy counted when it is made, and the masking of personal
numbers.

Imports `tickets`, `exchange`, `intake` and below.
"""
