"""Tickets after the counter: the clerk's actions (cancel, late materials, re-send) and the
decisions behind them, the screens' queries and reassignment. A ticket's own status helpers
(local statuses, timeline, attention mark) are in `exchange.ticket_status` and
`exchange.attention`: the sender and the change feed change tickets too, and sit below.

Imports `exchange`, `intake` and below.
"""
