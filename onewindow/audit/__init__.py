"""The audit trail: the chain every state change is written to, and the queries that read it.

Imports the kernel and `store`.
"""
