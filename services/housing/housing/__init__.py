"""Housing: housing stock, matching, offers, move-in and warm handover."""
