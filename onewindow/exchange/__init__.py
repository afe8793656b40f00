"""Talking to the utilities (utility-api.md v1.1): the outbox, the HTTP client with what it
accepts of an answer (acceptance) and its whole-request deadline (deadline), the sender, the
change feed, the delivery loop, the mark of a ticket a person must act on (attention);
training mode's simulators.

Imports `clocks`, `audit`, `access`, `store`, the kernel and the simulator (training only).
"""
