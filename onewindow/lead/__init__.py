"""The team lead's figures: workload and the indicators against the policy targets.

Imports `tickets` and below.
"""
