"""The drug class page: the published drugs in one FDA established pharmacologic class."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drugs.class_pages import drug_class_members, drug_class_page
from drugs.selectors import sentence_case


@require_GET
def drug_class_detail(request, slug):
    drug_class = drug_class_page(slug=slug)
    if drug_class is None:
        raise Http404(_("No drug class has this address."))
    label = sentence_case(drug_class.label)
    return render(
        request,
        "drugs/class_detail.html",
        {
            "drug_class": drug_class,
            "label": label,
            "drugs": drug_class_members(drug_class=drug_class),
            "breadcrumbs": [
                {"text": _("Home"), "href": "/"},
                {"text": _("Drugs & supplements"), "href": reverse("drugs:index")},
                {"text": label, "href": ""},
            ],
        },
    )
