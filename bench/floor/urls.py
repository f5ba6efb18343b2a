from django.shortcuts import render
from django.urls import path

ITEMS = [
    {"title": f"Item {n}", "summary": "A line of ordinary text, as a listing shows it. " * 3}
    for n in range(44)
]


def page(request):
    """About 15 KB of HTML from a template with a loop, variables and filters."""
    return render(request, "floor.html", {"title": "Framework floor", "items": ITEMS})


urlpatterns = [path("", page)]
