"""The FDA label of a drug, kept section by section (LOINC codes, as DailyMed publishes it).

`LabelSection` holds one top-level section of one label version, rendered once at import to
sanitised HTML (see `drugs.importers.spl_sections`). The drug page shows the sections listed in
`SHOWN_SECTIONS`, in the label's own order, under "Full prescribing information"; the others
are kept (so a later page or a search can use them) but not shown, and cross-references to
them are removed from the shown text at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _

BOXED_WARNING = "34066-1"

# LOINC code → the heading we show (the label's own headings are upper case and numbered).
# Prescription labels (PLR and older formats), OTC "Drug Facts" and patient leaflets.
SHOWN_SECTIONS: dict[str, object] = {
    BOXED_WARNING: _("Boxed warning"),
    "34067-9": _("Indications and usage"),
    "55106-9": _("Active ingredients"),
    "55105-1": _("Purpose"),
    "34068-7": _("Dosage and administration"),
    "43678-2": _("Dosage forms and strengths"),
    "34070-3": _("Contraindications"),
    "43685-7": _("Warnings and precautions"),
    "34071-1": _("Warnings"),
    "42232-9": _("Precautions"),
    "50570-1": _("Do not use"),
    "50569-3": _("Ask a doctor before use"),
    "50568-5": _("Ask a doctor or pharmacist before use"),
    "50567-7": _("When using this product"),
    "50566-9": _("Stop use and ask a doctor"),
    "53414-9": _("Pregnancy or breastfeeding"),
    "50565-1": _("Keep out of reach of children"),
    "34084-4": _("Adverse reactions"),
    "34073-7": _("Drug interactions"),
    "43684-0": _("Use in specific populations"),
    "42228-7": _("Pregnancy"),
    "34080-2": _("Nursing mothers"),
    "34081-0": _("Pediatric use"),
    "34082-8": _("Geriatric use"),
    "42227-9": _("Drug abuse and dependence"),
    "34088-5": _("Overdosage"),
    "34069-5": _("How supplied"),
    "44425-7": _("Storage and handling"),
    "60561-8": _("Other information"),
    "51727-6": _("Inactive ingredients"),
    "53413-1": _("Questions"),
    "34076-0": _("Patient counselling information"),
    "42231-1": _("Medication Guide"),
    "42230-3": _("Patient information"),
    "68498-5": _("Patient medication information"),
    "59845-8": _("Instructions for use"),
}
# Kept out of `LabelSection`: product data (stored as products), indexing, and the package
# label panels (pictures of the carton).
NOT_KEPT = {"48780-1", "48779-3", "51945-4"}


class LabelSection(models.Model):
    """One top-level section of one version of a DailyMed label (an SPL set id)."""

    source = models.ForeignKey(
        "drugs.DrugSource", on_delete=models.CASCADE, related_name="label_sections"
    )
    loinc_code = models.CharField(_("LOINC section code"), max_length=10, db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    # Our id for the section on the drug page ("label-warnings-and-precautions").
    anchor = models.CharField(_("anchor"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position in the label"))
    html = models.TextField(_("HTML"), blank=True)
    # The label's "Highlights of prescribing information" text for this section, if any.
    highlight_html = models.TextField(_("highlights HTML"), blank=True)

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "position"], name="label_section_unique")
        ]
        verbose_name = _("label section")
        verbose_name_plural = _("label sections")

    def __str__(self) -> str:
        return f"{self.loinc_code} {self.title}".strip()

    @property
    def is_shown(self) -> bool:
        return self.loinc_code in SHOWN_SECTIONS

    @property
    def display_title(self) -> object:
        """Our (translated) heading for a shown section, else the label's own."""
        return SHOWN_SECTIONS.get(self.loinc_code, self.title)

    @property
    def is_boxed_warning(self) -> bool:
        return self.loinc_code == BOXED_WARNING


@dataclass
class DrugLabel:
    """The label shown on a drug page: its source (set id, version, date) and sections."""

    source: Any
    boxed_warning: LabelSection | None
    sections: list[LabelSection]

    @property
    def highlights(self) -> list[LabelSection]:
        shown = [self.boxed_warning, *self.sections] if self.boxed_warning else self.sections
        return [section for section in shown if section.highlight_html]

    @property
    def dailymed_url(self) -> str:
        return f"{DAILYMED_LABEL_URL}?{urlencode({'setid': self.source.reference})}"


DAILYMED_LABEL_URL = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm"
# The source row `load_demo` gives the sample monographs it writes (`drugs/demo.py`).
SAMPLE_MONOGRAPH_REFERENCE = "healthsite-demo"


def monograph_is_sample(drug: Any) -> bool:
    """The monograph is demo sample text, not written for real (sources prefetched)."""
    return any(
        source.kind == "editorial" and source.reference == SAMPLE_MONOGRAPH_REFERENCE
        for source in drug.sources.all()
    )


def drug_label(drug: Any) -> DrugLabel | None:
    """The drug's newest DailyMed label with its shown sections (`drug.sources` is
    prefetched by `selectors.drug_detail`: one query, for the sections)."""
    labels = [source for source in drug.sources.all() if source.kind == "spl"]
    if not labels:
        return None
    newest = max(labels, key=lambda s: (s.effective_date or date.min, s.reference))
    sections = [
        section
        for section in LabelSection.objects.filter(source=newest).order_by("position")
        if section.is_shown
    ]
    if not sections:
        return None
    boxed = next((s for s in sections if s.is_boxed_warning), None)
    return DrugLabel(
        source=newest,
        boxed_warning=boxed,
        sections=[s for s in sections if s is not boxed],
    )
