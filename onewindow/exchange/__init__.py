"""Talking to the utilities (utility-api.md v1.1): the outbox, the HTTP client with what it
accepts of an answer (acceptance) and its whole-request deadline (deadline), the sender, the
change feed, the delivery loop, the hall's link with each utility (utility_link: feed
cursor, refused credentials); what the sender and the feed do to a ticket on their own (its
local statuses and timeline: ticket_status; the mark of a ticket a person must act on:
attention); training mode's simulators.

Imports `clocks`, `audit`, `access`, `store`, the kernel and the simulator (training only).
"""
