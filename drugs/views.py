"""Drug pages: A-Z, search by name or condition, the drug page, reviews, suggestions."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drugs import selectors, services
from drugs.class_pages import drug_classes_for_query
from drugs.forms import KIND_FILTERS, DrugSearchForm, ReviewForm, ReviewHideForm, ReviewReportForm
from drugs.labels import drug_label, monograph_is_sample
from drugs.models import Drug, DrugName, Review
from drugs.monograph import monograph_sections
from drugs.overview import drug_overview
from drugs.services import reviews as review_services
from healthsite import registry
from healthsite.idempotency import submit_once
from healthsite.paginate import paginate
from healthsite.ratelimit import client_ip, rate_limit_hit

REVIEWS_PER_PAGE = 10
DRUGS_PER_PAGE = 100
MAX_NAMES_SHOWN = 25
REVIEW_POSTS_PER_HOUR = 10


@require_GET
def drug_index(request):
    """/drugs/: A-Z with letters and kind filter; ?q= name search; ?condition= by condition."""
    form = DrugSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    query = (data.get("q") or "").strip()
    condition_text = (data.get("condition") or "").strip()
    kind = data.get("kind") or ""
    if query:
        return _search_results(request, form, query)
    if condition_text:
        return _condition_results(request, form, condition_text)
    letters = selectors.drug_letters()
    letter = (data.get("letter") or "A").upper()
    if letter not in letters:
        letter = "A"
    drugs = selectors.drug_index(letter=letter, kind_group=kind)
    page_obj, page_range, query_string = paginate(request, drugs, DRUGS_PER_PAGE)
    return render(
        request,
        "drugs/index.html",
        {
            "form": form,
            "breadcrumbs": _breadcrumbs((_("Drugs & supplements"), "")),
            "letters": letters,
            "letter": letter,
            "kind": kind,
            "kind_filters": KIND_FILTERS,
            "page_obj": page_obj,
            "page_range": page_range,
            "query": query_string,
        },
    )


def _search_results(request, form, query: str):
    matches = selectors.drug_search(query=query, limit=30)
    # A class name or a reader's word for one ("statin") is offered first, as class pages.
    drug_classes = drug_classes_for_query(query=query)
    target = selectors.drug_search_exact_target(matches)
    if target is not None and not drug_classes:
        url = target.drug.get_absolute_url()
        if target.via_synonym:
            url += "?" + urlencode({"searched": target.matched_name})
        if target.form:  # "metformin extended release": the drug's products, where forms are
            url += "#products"
        return HttpResponseRedirect(url)
    return render(
        request,
        "drugs/search_results.html",
        {
            "form": form,
            "query": query,
            "matches": matches,
            "drug_classes": [(c, selectors.sentence_case(c.label)) for c in drug_classes],
            # Nothing is called what the reader typed: say so, and offer the close spellings
            # as a question, never as the answer.
            "only_close_spellings": bool(matches) and all(m.how == "fuzzy" for m in matches),
            "breadcrumbs": _breadcrumbs(
                (_("Drugs & supplements"), reverse("drugs:index")), (_("Search results"), "")
            ),
        },
    )


def _condition_results(request, form, text: str):
    condition = selectors.condition_lookup(text=text)
    result = selectors.drugs_for_condition(condition=condition) if condition else None
    return render(
        request,
        "drugs/condition_results.html",
        {
            "form": form,
            "condition_text": text,
            "condition": condition,
            "result": result,
            "breadcrumbs": _breadcrumbs(
                (_("Drugs & supplements"), reverse("drugs:index")),
                (condition.name if condition else _("Condition not found"), ""),
            ),
        },
    )


@require_GET
def suggest(request):
    """JSON suggestions for the search box: name, kind, matched synonym and URL."""
    query = request.GET.get("q", "")[:100]
    matches = selectors.drug_search(query=query, limit=8) if len(query.strip()) >= 2 else []
    results = [
        {
            "name": m.drug.name,
            "kind": m.drug.kind,
            "kind_label": str(m.drug.get_kind_display()),
            "matched": m.matched_name if m.via_synonym else "",
            "matched_kind": m.matched_kind,
            "url": m.drug.get_absolute_url(),
        }
        for m in matches
    ]
    response = JsonResponse({"query": query, "results": results})
    response["Cache-Control"] = "public, max-age=300"
    return response


def _get_drug(slug: str) -> Drug:
    drug = selectors.drug_detail(slug=slug)
    if drug is None:
        raise Http404("No such drug")
    return drug


def _moved(request, slug: str, view_name: str):
    """A merged drug's old address: a permanent redirect (query kept) to the drug it became,
    else 404."""
    target = selectors.drug_slug_redirect(slug=slug)
    if target is None:
        raise Http404("No such drug")
    url = reverse(view_name, args=[target])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url, permanent=True)


def _breadcrumbs(*items: tuple[str, str]) -> list[dict]:
    return [
        {"text": _("Home"), "href": "/"},
        *({"text": str(text), "href": href} for text, href in items),
    ]


def _drug_json_ld(request, drug: Drug, summary, *, show_monograph: bool = True) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Drug",
        "name": drug.name,
        "url": request.build_absolute_uri(drug.get_absolute_url()),
        "isProprietary": False,
        "prescriptionStatus": (
            "https://schema.org/PrescriptionOnly"
            if drug.kind == Drug.Kind.PRESCRIPTION
            else "https://schema.org/OTC"
        ),
    }
    brands = [n.name for n in drug.names.all() if n.kind == "brand"]
    generics = [n.name for n in drug.names.all() if n.kind != "brand" and n.name != drug.name]
    if brands or generics:
        data["alternateName"] = (brands + generics)[:20]
    for label in selectors.drug_class_labels(drug)[:1]:
        data["drugClass"] = {"@type": "DrugClass", "name": label}
    ingredients = [di.ingredient.name for di in drug.drug_ingredients.all()]
    if ingredients:
        data["activeIngredient"] = ", ".join(ingredients)
    if drug.summary and show_monograph:
        data["description"] = drug.summary
    if drug.dea_schedule:
        data["legalStatus"] = drug.dea_schedule
    conditions = [link.condition.name for link in drug.condition_links.all()]
    if conditions:
        data["indication"] = [
            {"@type": "MedicalIndication", "name": name} for name in dict.fromkeys(conditions)
        ][:20]
    if summary.count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": summary.averages["satisfaction"],
            "reviewCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data


def _names(drug: Drug) -> tuple[list, list]:
    """(brand names, other names) of the drug besides its own name (names prefetched)."""
    own = services.normalize_name(drug.name)
    others = [n for n in drug.names.all() if n.normalized != own]
    return (
        [n for n in others if n.kind == DrugName.Kind.BRAND],
        [n for n in others if n.kind != DrugName.Kind.BRAND],
    )


@require_GET
def drug_detail(request, slug):
    drug = selectors.drug_detail(slug=slug)
    if drug is None:
        return _moved(request, slug, "drugs:detail")
    overview = drug_overview(drug=drug)
    summary = selectors.review_summary(drug=drug)
    searched = request.GET.get("searched", "")[:100]
    searched_name = None
    if searched:
        searched_name = next(
            (n for n in drug.names.all() if n.normalized == services.normalize_name(searched)),
            None,
        )
    label = drug_label(drug)
    # The real label wins over sample text; our own monograph is shown above the label.
    show_monograph = label is None or (
        drug.monograph_origin == Drug.MonographOrigin.EDITORIAL and not monograph_is_sample(drug)
    )
    # An empty section is not shown; one line says what is missing (when no label covers it).
    written = monograph_sections(drug) if show_monograph else []
    sections = [section for section in written if section["parts"]]
    boxed_warning = drug.monograph_html.get("boxed_warning", "") if show_monograph else ""
    missing = [str(s["title"]).lower() for s in written if not s["parts"]] if sections else []
    conditions = selectors.drug_conditions(drug)
    uses_in_guide = any(section["id"] == "uses" for section in sections)
    brand_names, other_names = _names(drug)
    contents = [
        {"text": str(s["title"]), "href": f"#{s['id']}", "current": False} for s in sections
    ]
    if conditions and not uses_in_guide:
        contents.append({"text": _("What it is used for"), "href": "#uses", "current": False})
    if label is not None:
        contents.append(
            {"text": _("Full prescribing information"), "href": "#label", "current": False}
        )
    if overview.forms:
        contents.append({"text": _("Forms and strengths"), "href": "#products", "current": False})
    if overview.applications:
        contents.append({"text": _("FDA approval"), "href": "#approval", "current": False})
    contents.append({"text": _("Reviews"), "href": "#reviews", "current": False})
    response = render(
        request,
        "drugs/detail.html",
        {
            "drug": drug,
            "drug_classes": selectors.drug_class_labels(drug),
            "sections": sections,
            "no_guide": not sections and not boxed_warning and label is None,
            "missing_sections": missing if label is None else [],
            "brand_names": brand_names[:MAX_NAMES_SHOWN],
            "other_names": other_names[:MAX_NAMES_SHOWN],
            "more_names": max(0, len(brand_names) - MAX_NAMES_SHOWN)
            + max(0, len(other_names) - MAX_NAMES_SHOWN),
            "contents": contents,
            # rendered and sanitised by nh3 when saved (Drug.save)
            "boxed_warning": mark_safe(boxed_warning),
            "show_monograph": show_monograph,
            "label": label,
            "json_ld": _drug_json_ld(request, drug, summary, show_monograph=show_monograph),
            "breadcrumbs": _breadcrumbs(
                (_("Drugs & supplements"), reverse("drugs:index")), (drug.name, "")
            ),
            "searched_name": searched_name,
            "overview": overview,
            "conditions": conditions,
            "uses_in_guide": uses_in_guide,
            "summary": summary,
            "related_articles": selectors.drug_related_articles(drug=drug),
            # "Save to My Medicine", pill pictures, interactions, recalls: what other apps
            # register for drug pages.
            "actions": registry.drug_actions.sections(request, drug),
            "extra_sections": registry.drug_sections.sections(request, drug),
        },
    )
    # Lets caches revalidate with If-Modified-Since (the ETag still decides when both come).
    response.headers["Last-Modified"] = http_date(drug.updated_at.timestamp())
    return response


@require_GET
def review_list(request, slug):
    drug = selectors.drug_detail(slug=slug)
    if drug is None:
        return _moved(request, slug, "drugs:reviews")
    sort = request.GET.get("sort", "newest")
    if sort not in {"newest", "helpful"}:
        sort = "newest"
    condition_id = None
    condition_param = request.GET.get("condition", "")
    review_conditions = selectors.review_conditions(drug=drug)
    selected_condition = None
    for condition, _count in review_conditions:
        if condition.slug == condition_param:
            condition_id, selected_condition = condition.pk, condition
    page_obj, page_range, query = paginate(
        request,
        selectors.review_list(drug=drug, sort=sort, condition_id=condition_id),
        REVIEWS_PER_PAGE,
    )
    return render(
        request,
        "drugs/reviews.html",
        {
            "drug": drug,
            "sort": sort,
            "breadcrumbs": _breadcrumbs(
                (_("Drugs & supplements"), reverse("drugs:index")),
                (drug.name, drug.get_absolute_url()),
                (_("Reviews"), ""),
            ),
            "summary": selectors.review_summary(drug=drug),
            "condition_summary": (
                selectors.review_summary(drug=drug, condition_id=condition_id)
                if condition_id
                else None
            ),
            "review_conditions": review_conditions,
            "selected_condition": selected_condition,
            "page_obj": page_obj,
            "page_range": page_range,
            "query": query,
            "own_review": selectors.review_of_reader(drug=drug, user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def review_write(request, slug):
    drug = _get_drug(slug)
    existing = selectors.review_of_reader(drug=drug, user=request.user)
    conditions = selectors.review_condition_choices(drug=drug)
    if request.method == "POST":
        form = ReviewForm(request.POST, instance=existing, conditions=conditions)
        if rate_limit_hit(
            key=f"drug-review:{request.user.pk}:{client_ip(request)}",
            limit=REVIEW_POSTS_PER_HOUR,
            window=3600,
        ):
            form.is_valid()
            form.add_error(None, _("You have sent too many reviews. Please try again later."))
        elif form.is_valid():
            values = {name: form.cleaned_data[name] for name in review_services.REVIEW_FIELDS}
            review = review_services.review_save(drug=drug, author=request.user, **values)
            if review.status == Review.Status.PENDING:
                messages.info(
                    request,
                    _(
                        "Thank you. Your review will appear once a moderator has checked it. "
                        "Reviews from new accounts are checked first."
                    ),
                )
            else:
                messages.success(request, _("Thank you. Your review is published."))
            return redirect(reverse("drugs:reviews", args=[drug.slug]) + f"#review-{review.pk}")
    else:
        form = ReviewForm(instance=existing, conditions=conditions)
    return render(
        request,
        "drugs/review_form.html",
        {
            "drug": drug,
            "form": form,
            "editing": existing is not None,
            "breadcrumbs": _breadcrumbs(
                (_("Drugs & supplements"), reverse("drugs:index")),
                (drug.name, drug.get_absolute_url()),
                (_("Reviews"), reverse("drugs:reviews", args=[drug.slug])),
                (_("Write a review"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


def _review_for(slug: str, pk: int) -> Review:
    return get_object_or_404(
        Review.objects.select_related("drug"), pk=pk, drug__slug=slug, drug__is_published=True
    )


def _back_to_reviews(review: Review):
    return redirect(reverse("drugs:reviews", args=[review.drug.slug]) + f"#review-{review.pk}")


@login_required
@require_POST
def review_helpful(request, slug, pk):
    review = _review_for(slug, pk)
    try:
        counted = review_services.review_vote_helpful(review=review, voter=request.user)
    except review_services.ReviewNotAllowed as error:
        messages.error(request, str(error).capitalize() + ".")
    else:
        if counted:
            messages.success(request, _("Thank you for your vote."))
        else:
            messages.info(request, _("You have already said this review was helpful."))
    return _back_to_reviews(review)


@login_required
@require_http_methods(["GET", "POST"])
def review_report(request, slug, pk):
    review = _review_for(slug, pk)
    if review.status != Review.Status.PUBLISHED:
        raise Http404("No such review")
    form = ReviewReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review_services.review_report(
            review=review, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you. A moderator will look at this review."))
        return _back_to_reviews(review)
    return render(
        request,
        "drugs/review_report.html",
        {
            "drug": review.drug,
            "review": review,
            "review_html": mark_safe(review.body_html),  # sanitised by render_user
            "form": form,
            "breadcrumbs": _breadcrumbs(
                (_("Drugs & supplements"), reverse("drugs:index")),
                (review.drug.name, review.drug.get_absolute_url()),
                (_("Reviews"), reverse("drugs:reviews", args=[review.drug.slug])),
                (_("Report a review"), ""),
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def review_hide(request, slug, pk):
    review = _review_for(slug, pk)
    form = ReviewHideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        review_services.review_hide(review=review, by=request.user, reason=reason)
    except review_services.ReviewNotAllowed as error:
        raise Http404("No such action") from error
    messages.success(request, _("The review is hidden."))
    return redirect("drugs:reviews", slug=review.drug.slug)
