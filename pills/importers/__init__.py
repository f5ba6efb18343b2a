"""One module per external format: parse into records, then call pills.services."""
