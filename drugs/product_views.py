"""Supplement products (NIH DSLD): one product's page, and the products of one supplement."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drugs import selectors
from drugs.models import Drug, SupplementProduct
from healthsite.paginate import paginate

PRODUCTS_PER_PAGE = 25


def _breadcrumbs(*items: tuple[str, str]) -> list[dict]:
    return [
        {"text": _("Home"), "href": "/"},
        {"text": _("Drugs & supplements"), "href": reverse("drugs:index")},
        *({"text": str(text), "href": href} for text, href in items),
    ]


@require_GET
def supplement_product_detail(request, dsld_id: int):
    product = get_object_or_404(SupplementProduct.objects.select_related("drug"), dsld_id=dsld_id)
    drug = product.drug if product.drug and product.drug.is_published else None
    trail = [(drug.name, drug.get_absolute_url())] if drug else []
    return render(
        request,
        "drugs/supplement_product.html",
        {
            "product": product,
            "drug": drug,
            "breadcrumbs": _breadcrumbs(*trail, (product.name, "")),
        },
    )


@require_GET
def supplement_product_list(request, slug: str):
    drug = Drug.objects.published().filter(slug=slug).first()
    if drug is None:
        target = selectors.drug_slug_redirect(slug=slug)
        if target is None:
            raise Http404(_("No such supplement"))
        return redirect("drugs:supplement_products", slug=target, permanent=True)
    products = SupplementProduct.objects.of_drug(drug)
    page_obj, page_range, query = paginate(request, products, PRODUCTS_PER_PAGE)
    if not page_obj.paginator.count:
        raise Http404(_("No products are listed for this supplement"))
    return render(
        request,
        "drugs/supplement_products.html",
        {
            "drug": drug,
            "page_obj": page_obj,
            "page_range": page_range,
            "query": query,
            "breadcrumbs": _breadcrumbs((drug.name, drug.get_absolute_url()), (_("Products"), "")),
        },
    )
