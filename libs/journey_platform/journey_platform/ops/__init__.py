"""Operator tools: `python -m journey_platform.ops --help` (installed as `opvangketen-ops`).

Every command reads the same environment as the service it acts on (its ConfigMap and Secret),
so in the cluster it runs as a Job or `kubectl exec` in the service's pod; output is JSON.
"""
