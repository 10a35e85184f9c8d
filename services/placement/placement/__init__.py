"""Placement: where a client stays and the support around the stay."""
