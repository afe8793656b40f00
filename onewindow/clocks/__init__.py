"""Working days, imported holiday schedules, the policy table, SLA clocks and due dates.

Imports `audit`, `access`, `store` and the kernel; never `exchange` or above.
"""
