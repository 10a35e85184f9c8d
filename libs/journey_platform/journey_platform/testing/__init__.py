"""Test support shared by every service's tests: real broker, real databases, dev tokens, apps."""
