"""Parsers for the external formats My Medicine reads (openFDA recalls). Each yields plain
records (or `Rejected` with a reason); services write them. No database access here."""
