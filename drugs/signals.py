"""Signals the drugs app sends; higher layers (pills) connect receivers. drugs never imports
them.

`spl_product_appearance` is sent by `import_spl` once for each product whose label carries
pill characteristics, with keyword arguments:

- product: drugs.models.Product (on --dry-run whatever receivers write is rolled back too)
- ndc: the product's 11-digit NDC ("" when the label gives none)
- imprint: raw SPLIMPRINT text, e.g. "PD;155" ("" when absent)
- color_codes: list of SPL color codes, e.g. ["C48325"]
- shape_code: SPL shape code, e.g. "C48348" ("" when absent)
- size_mm: int | None (SPLSIZE, millimetres)
- score: int | None (SPLSCORE)
- source_id: the label's set id
"""

from django.dispatch import Signal

spl_product_appearance = Signal()
