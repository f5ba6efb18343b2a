"""Records the recall importers yield, in our vocabulary (source column names stay in the
parsers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RecallRecord:
    """One openFDA drug enforcement report."""

    recall_number: str
    event_id: str
    status: str
    classification: str
    product_description: str
    reason: str
    recalling_firm: str
    code_info: str
    distribution_pattern: str
    voluntary_mandated: str
    report_date: dt.date | None
    initiated_on: dt.date | None
    terminated_on: dt.date | None
    rxcuis: tuple[str, ...] = ()
    # openFDA's product and package NDCs (every product of the label the recall matched).
    ndcs: tuple[str, ...] = field(default=())
    # NDCs printed in the description or the lot codes: the products actually recalled.
    text_ndcs: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    brand_names: tuple[str, ...] = ()
    generic_names: tuple[str, ...] = ()
    substance_names: tuple[str, ...] = ()
