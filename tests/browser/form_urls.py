"""A page with a submitted form, for the error summary's browser test."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

PAGE = """{% extends "base.html" %}{% block title %}Example form{% endblock %}
{% block content %}
{% include "components/error_summary.html" with form=form only %}
<h1>Example form</h1>
<form method="get" novalidate>
  {% include "components/form_fields.html" with form=form only %}
  {% include "components/button.html" with text="Send" only %}
</form>
{% endblock %}"""


class ExampleForm(forms.Form):
    name = forms.CharField(label="Full name")
    email = forms.EmailField(label="Email address", help_text="We never show it.")
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect
    )


def example_form(request):
    form = ExampleForm(request.GET or None)
    if form.is_valid():
        return HttpResponse("thanks")
    html = engines["django"].from_string(PAGE).render({"form": form}, request)
    return HttpResponse(html)


urlpatterns = [
    path("example-form/", example_form),
    path("", include("healthsite.urls")),
]
