"""Reporting: every service's events as one journey per client episode, and the regional monitor."""
