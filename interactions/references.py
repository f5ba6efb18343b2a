"""The public reference behind each imported interaction list, named and linked on every
result that comes from it. Our editorial rules carry their own (Interaction.citation and
citation_url, one per rule). One mapping, so the checker page, the printable list and the
JSON all cite a list the same way."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Interaction


@dataclass(frozen=True)
class Reference:
    citation: str
    url: str


LIST_REFERENCES: dict[str, Reference] = {
    Interaction.Source.ONC_HIGH_PRIORITY: Reference(
        citation=(
            "Phansalkar S, et al. High-priority drug-drug interactions for use in electronic "
            "health records. JAMIA 2012;19:735-43"
        ),
        url="https://doi.org/10.1136/amiajnl-2011-000612",
    ),
    Interaction.Source.ONC_NON_INTERRUPTIVE: Reference(
        citation=(
            "Phansalkar S, et al. Drug-drug interactions that should be non-interruptive in "
            "order to reduce alert fatigue in electronic health records. JAMIA 2013;20:489-93"
        ),
        url="https://doi.org/10.1136/amiajnl-2012-001089",
    ),
    Interaction.Source.NDF_RT: Reference(
        citation=(
            "Ayvaz S, et al. Toward a complete dataset of drug-drug interaction information "
            "from publicly available sources (the Merged-PDDI dataset). J Biomed Inform 2015"
        ),
        url="https://doi.org/10.1016/j.jbi.2015.04.006",
    ),
}


def reference_for(interaction: Interaction) -> Reference:
    """What to cite for one row: the rule's own source for editorial rows; the list's paper
    for imported ones; for an editorial row without a citation (demo content), its version
    ("Healthsite demo content"), unlinked."""
    if interaction.citation:
        return Reference(citation=interaction.citation, url=interaction.citation_url)
    listed = LIST_REFERENCES.get(interaction.source)
    if listed is not None:
        return listed
    return Reference(citation=interaction.source_version, url="")
