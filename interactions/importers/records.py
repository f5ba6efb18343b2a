"""Records the interaction importers yield, in our vocabulary (source column names stay in
the parsers)."""

from __future__ import annotations

from dataclasses import dataclass

# Severity names as stored on Interaction.severity (see interactions.models.Severity).
CONTRAINDICATED = "contraindicated"
MAJOR = "major"
MODERATE = "moderate"
MINOR = "minor"

# Sources of interaction data, as stored on Interaction.source.
ONC_HIGH_PRIORITY = "onc-high-priority"
ONC_NON_INTERRUPTIVE = "onc-non-interruptive"
NDF_RT = "ndf-rt"

# One version label per list, whichever file it was read from (the mapped CSVs, the class
# table and the merged TSV all carry the same lists), so re-reading never flips it.
SOURCE_VERSIONS = {
    ONC_HIGH_PRIORITY: "ONC high-priority list (2012, retrieved 2014-07-01; public-PDDI)",
    ONC_NON_INTERRUPTIVE: "ONC non-interruptive list (2013; public-PDDI)",
    NDF_RT: "VA NDF-RT interactions (Merged-PDDI 2019-07-03)",
}


@dataclass(frozen=True)
class InteractionRecord:
    """One interacting pair of ingredients, named as in the source.

    When the pair came from a class-based list, `object_class`/`precipitant_class` keep the
    class each ingredient was expanded from.
    """

    object_name: str
    precipitant_name: str
    severity: str
    source: str
    source_version: str
    object_class: str = ""
    precipitant_class: str = ""
    source_reference: str = ""
