"""Subscriptions for municipal apps: webhooks in the manner of the VNG Notificaties API, and a live stream.

Follows intake, placement and housing in its own consumer group ("notifications"), so that delivering to
subscribers never slows the journey projection. Each journey event becomes one minimised public event
(stored with a sequence number for the stream, and republished to `opvangketen.public.<producer>`) and one
delivery per matching subscription, which a dispatcher sends, signed, with retries, per subscriber.
"""
