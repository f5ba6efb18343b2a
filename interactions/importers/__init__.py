"""Parsers for the interaction lists (ONC, NDF-RT/ONC merged PDDI). Each yields plain
`InteractionRecord`s (or `Rejected` with a reason); services write them. No database access
here."""
