"""Talking to the utilities (utility-api.md): the outbox, the HTTP client, the sender, the
change feed and the delivery loop; training mode's simulators.

Imports `clocks`, `audit`, `access`, `store`, the kernel and the simulator (training only).
"""
