"""The rules of subscribing, in plain Python: channels, filters, signatures, the retry schedule."""
