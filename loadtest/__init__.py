"""`make loadtest`: 50 signed-in members writing through gunicorn while faults are done to
the site (see __main__.py and docs/operations.md)."""
