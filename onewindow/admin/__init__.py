"""The administrator's service functions: hall data, endpoints, fee list, policy, holidays.

Imports `tickets`, `exchange`, `clocks` and below.
"""
