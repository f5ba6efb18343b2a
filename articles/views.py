from django.shortcuts import get_object_or_404, render

from articles.models import Condition


def condition_detail(request, slug):
    condition = get_object_or_404(Condition, slug=slug)
    return render(request, "articles/condition_detail.html", {"condition": condition})
