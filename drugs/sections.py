"""What drugs adds to other apps' pages (registered in `drugs/apps.py`)."""

from __future__ import annotations

from drugs.supplement_products import SupplementProduct
from healthsite.registry import Section


def condition_section(request, condition) -> Section:
    """On a condition page: a link to the drugs and supplements used for it."""
    return {
        "template": "drugs/_condition_link.html",
        "context": {"condition": condition},
        "order": 20,
    }


PRODUCTS_ON_DRUG_PAGE = 5


def drug_supplement_products_section(request, drug) -> Section | None:
    """On a supplement page: how many products in the NIH Dietary Supplement Label Database
    are this supplement by name, and the first few. Two queries."""
    if not drug.is_supplement:
        return None
    products = SupplementProduct.objects.of_drug(drug)
    count = products.count()
    if not count:
        return None
    return {
        "template": "drugs/_supplement_products.html",
        "context": {
            "drug": drug,
            "count": count,
            "products": list(products[:PRODUCTS_ON_DRUG_PAGE]),
            "more": count > PRODUCTS_ON_DRUG_PAGE,
        },
        "order": 45,
    }
