"""Shared kernel of the client-journey platform.

Only what every service must agree on lives here: the CloudEvents envelope and the event
contracts, the Kafka plumbing with transactional outbox and idempotent inbox, the settings
base, problem+json errors and bearer-token verification.
"""
