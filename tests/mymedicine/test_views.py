"""Pages: My Medicine (with its access matrix), and its tags on drug pages and pill results."""

import pytest
from django.urls import reverse

from interactions.models import Severity
from mymedicine.models import Profile, SavedMedicine
from tests.factories import make_user

from .factories import make_drug, make_interaction, make_profile

pytestmark = pytest.mark.django_db


def h1_count(response) -> int:
    return response.content.decode().count("<h1")


# --- Access matrix ----------------------------------------------------------------------------


@pytest.fixture
def owned():
    owner = make_user()
    profile = make_profile(owner, name="Grandad", relationship=Profile.Relationship.PARENT)
    drug = make_drug("Atenolol")
    from mymedicine import services

    medicine = services.saved_medicine_add(profile=profile, drug=drug)
    return owner, profile, medicine, drug


def private_urls(profile, medicine, drug):
    return [
        ("get", reverse("mymedicine:index"), False),
        ("get", reverse("mymedicine:profile_add"), False),
        ("get", reverse("mymedicine:alerts"), False),
        ("get", reverse("mymedicine:save", args=[drug.slug]), False),
        ("get", reverse("mymedicine:profile", args=[profile.pk]), True),
        ("get", reverse("mymedicine:profile_edit", args=[profile.pk]), True),
        ("get", reverse("mymedicine:profile_delete", args=[profile.pk]), True),
        ("get", reverse("mymedicine:profile_print", args=[profile.pk]), True),
        ("post", reverse("mymedicine:profile_alerts", args=[profile.pk]), True),
        ("post", reverse("mymedicine:medicine_remove", args=[profile.pk, medicine.pk]), True),
        ("post", reverse("mymedicine:profile_delete", args=[profile.pk]), True),
    ]


@pytest.mark.parametrize("who", ["anonymous", "other", "staff", "owner"])
def test_access_matrix(client, owned, who):
    owner, profile, medicine, drug = owned
    if who == "other":
        client.force_login(make_user())
    elif who == "staff":
        client.force_login(make_user(is_staff=True, is_superuser=True))
    elif who == "owner":
        client.force_login(owner)
    for method, url, profile_specific in private_urls(profile, medicine, drug):
        if who == "owner" and method == "post":
            continue  # writes are tested below; they would change the fixture
        response = getattr(client, method)(url)
        if who == "anonymous":
            assert response.status_code == 302, url
            assert "/accounts/login/" in response["Location"], url
        elif who == "owner" or not profile_specific:
            assert response.status_code == 200, url
            assert "private" in response["Cache-Control"], url
            assert "no-store" in response["Cache-Control"], url
            assert "public" not in response["Cache-Control"], url
        else:
            assert response.status_code == 404, (who, url)
        if who in ("other", "staff") and response.status_code == 200:
            assert "Grandad" not in response.content.decode(), url
    assert Profile.objects.filter(pk=profile.pk).exists()
    assert SavedMedicine.objects.filter(pk=medicine.pk).exists()


def test_owner_pages_have_one_h1(client, owned):
    owner, profile, medicine, drug = owned
    client.force_login(owner)
    for method, url, _ in private_urls(profile, medicine, drug):
        if method == "get":
            assert h1_count(client.get(url)) == 1, url


# --- My Medicine flows ------------------------------------------------------------------------


def test_family_profile_medicines_and_interactions(client):
    user = make_user()
    client.force_login(user)
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_interaction(warfarin, ibuprofen, severity=Severity.MAJOR)
    response = client.post(
        reverse("mymedicine:profile_add"),
        {"name": "Mum", "relationship": "parent", "birth_year": "1950"},
    )
    profile = Profile.objects.get(owner=user, name="Mum")
    assert response["Location"] == profile.get_absolute_url()
    url = profile.get_absolute_url()
    client.post(url, {"medicine": "warfarin", "dose_note": "5 mg at 6pm"})
    response = client.post(url, {"medicine": "ibuprofen", "started_on": "2025-01-02"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "severity-major" in html and "Ibuprofen and Warfarin" in html
    index = client.get(reverse("mymedicine:index")).content.decode()
    assert "1 interaction found" in index
    printable = client.get(reverse("mymedicine:profile_print", args=[profile.pk])).content
    assert b"Wallet card" in printable and b"5 mg at 6pm" in printable
    medicine = SavedMedicine.objects.get(profile=profile, drug=ibuprofen)
    client.post(reverse("mymedicine:medicine_remove", args=[profile.pk, medicine.pk]))
    assert "severity-major" not in client.get(url).content.decode()


def test_lists_say_what_was_checked_and_what_our_sources_do_not_cover(client):
    from mymedicine import services

    user = make_user()
    client.force_login(user)
    warfarin, metformin = make_drug("Warfarin"), make_drug("Metformin")
    make_interaction(warfarin, make_drug("Aspirin"))
    make_interaction(metformin, make_drug("Alcohol"))
    sildenafil, mystery = make_drug("Sildenafil"), make_drug("Mystery", ingredients=[])
    profile = make_profile(user, name="Dad")
    for drug in (warfarin, metformin, sildenafil, mystery):
        services.saved_medicine_add(profile=profile, drug=drug)
    pages = {
        "index": reverse("mymedicine:index"),
        "profile": profile.get_absolute_url(),
        "print": reverse("mymedicine:profile_print", args=[profile.pk]),
    }
    for page, url in pages.items():
        html = client.get(url).content.decode()
        assert "No interactions found between Metformin and Warfarin in our sources." in html, page
        assert "No interactions found." not in html, page
        assert "No interactions found in this list." not in html, page
        assert (
            "We have no interaction information for Sildenafil, so this check cannot tell you "
            "about it. Ask your pharmacist." in html
        ), page
        assert "We do not have the ingredients of Mystery on record" in html, page


def test_list_with_an_interaction_still_names_uncovered_medicines(client):
    from mymedicine import services

    user = make_user()
    client.force_login(user)
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_interaction(warfarin, ibuprofen, severity=Severity.MAJOR)
    profile = make_profile(user, name="Mum")
    for drug in (warfarin, ibuprofen, make_drug("Sildenafil")):
        services.saved_medicine_add(profile=profile, drug=drug)
    for url in (
        reverse("mymedicine:index"),
        profile.get_absolute_url(),
        reverse("mymedicine:profile_print", args=[profile.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Ibuprofen and Warfarin" in html or "1 interaction found" in html
        assert "We have no interaction information for Sildenafil" in html
        assert "No interactions found" not in html


def test_my_medicine_index_query_count_does_not_grow_with_profiles(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mymedicine import services

    user = make_user()
    client.force_login(user)
    warfarin, ibuprofen = make_drug("Warfarin"), make_drug("Ibuprofen")
    make_interaction(warfarin, ibuprofen, severity=Severity.MAJOR)

    def add_profile(name):
        profile = make_profile(user, name=name)
        for drug in (warfarin, ibuprofen):
            services.saved_medicine_add(profile=profile, drug=drug)

    def count():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("mymedicine:index")).content.decode()
        return len(queries), html.count("1 interaction found")

    add_profile("Me")
    one, found = count()
    assert found == 1
    for name in ("Mum", "Dad", "Sam"):
        add_profile(name)
    assert count() == (one, 4)


def test_bad_input_shows_error_summary_not_500(client):
    user = make_user()
    client.force_login(user)
    profile = make_profile(user)
    response = client.post(profile.get_absolute_url(), {"medicine": "zzzz", "started_on": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_medicine"' in html
    response = client.post(reverse("mymedicine:profile_add"), {"name": "", "birth_year": "1200"})
    assert "There is a problem" in response.content.decode()


def test_save_to_my_medicine_from_a_drug_page_creates_own_profile(client):
    user = make_user(display_name="Sam")
    client.force_login(user)
    drug = make_drug("Metformin")
    url = reverse("mymedicine:save", args=[drug.slug])
    response = client.get(url)
    assert response.status_code == 200
    profile = Profile.objects.get(owner=user)
    response = client.post(url, {"profile": profile.pk, "dose_note": "with breakfast"})
    assert response.status_code == 302
    assert SavedMedicine.objects.filter(profile=profile, drug=drug).exists()


def test_cannot_save_into_someone_elses_profile(client):
    other_profile = make_profile(make_user(), name="Theirs")
    user = make_user()
    client.force_login(user)
    drug = make_drug("Metformin")
    response = client.post(
        reverse("mymedicine:save", args=[drug.slug]), {"profile": other_profile.pk}
    )
    assert response.status_code == 200  # form error: not one of the choices
    assert not SavedMedicine.objects.filter(profile=other_profile).exists()


def test_template_tags_render_on_a_drug_page(rf):
    from django.template import Context, Template

    drug = make_drug("Tagged")
    html = Template(
        "{% load mymedicine_tags %}{% save_to_my_medicine drug %}{% drug_recalls drug %}"
    ).render(Context({"drug": drug}))
    assert reverse("mymedicine:save", args=["tagged"]) in html


def test_drug_page_offers_save_and_shows_recent_recalls(client):
    from mymedicine.models import Recall, RecallMatch

    drug = make_drug("Lisinopril")
    recall = Recall.objects.create(
        recall_number="D-1-2025",
        classification="Class I",
        product_description="Lisinopril tablets 10 mg",
        reason="Wrong tablets in the bottle.",
    )
    RecallMatch.objects.create(recall=recall, drug=drug, matched_by="ingredients")
    html = client.get(reverse("drugs:detail", args=[drug.slug])).content.decode()
    assert reverse("mymedicine:save", args=[drug.slug]) in html
    assert "Wrong tablets in the bottle." in html and "Class I" in html


def test_drug_page_lists_recalls_open_first_with_how_they_concern_it(client):
    import datetime as dt

    from mymedicine.models import Recall, RecallMatch

    from .factories import make_product

    drug = make_drug("Simvastatin")
    product = make_product(drug, ndc="65862005399", strength="40 mg")
    old_open = Recall.objects.create(
        recall_number="D-1842-2019",
        status="Ongoing",
        classification="Class III",
        product_description="Simvastatin Tablets, USP 40 mg. Rx Only 1000 Count Bottles",
        code_info="05318054B, exp 3/2021",
        ndcs=["65862-053-99"],
        report_date=dt.date(2019, 9, 4),
    )
    new_closed = Recall.objects.create(
        recall_number="D-9-2024",
        status="Terminated",
        classification="Class II",
        product_description="Simvastatin Tablets USP, 20 mg",
        report_date=dt.date(2024, 1, 2),
        terminated_on=dt.date(2024, 6, 1),
    )
    RecallMatch.objects.create(recall=old_open, drug=drug, product=product, matched_by="ndc")
    RecallMatch.objects.create(recall=new_closed, drug=drug, matched_by="ingredients")
    html = client.get(reverse("drugs:detail", args=[drug.slug])).content.decode()
    assert html.index("1000 Count Bottles") < html.index("Simvastatin Tablets USP, 20 mg")
    assert "names a product of this medicine by its NDC code" in html
    assert "may concern this medicine" in html and "Check the NDC and lot number" in html
    assert "05318054B" in html and "65862-053-99" in html and "40 mg" in html
    assert "using the product is unlikely to cause harm" in html  # Class III explained
    assert "Do not stop taking a prescribed medicine" in html


def test_drug_page_recalls_take_one_query_however_many(client, django_assert_max_num_queries):
    from mymedicine.models import Recall, RecallMatch

    from .factories import make_product

    drug = make_drug("Lisinopril")
    url = reverse("drugs:detail", args=[drug.slug])

    def add_recalls(start, n):
        for i in range(start, start + n):
            recall = Recall.objects.create(
                recall_number=f"D-{i}-2025", product_description=f"Lisinopril {i} mg tablets"
            )
            product = make_product(drug, ndc=f"{i:05d}000101", strength=f"{i} mg")
            RecallMatch.objects.create(recall=recall, drug=drug, product=product, matched_by="ndc")

    client.get(url)  # one-time lookups
    # Both measured requests follow a content change, so both compute what the cache keeps.
    add_recalls(1, 1)
    with django_assert_max_num_queries(30) as one:
        assert client.get(url).status_code == 200
    add_recalls(2, 12)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert "8 older recalls are not shown." in html


def test_save_link_from_a_pill_result_preselects_the_product(client):
    from django.template import Context, Template

    from .factories import make_product

    drug = make_drug("Amlodipine")
    product = make_product(drug, ndc="00069152030", strength="5 mg")
    html = Template(
        "{% load mymedicine_tags %}{% save_to_my_medicine slug ndc=ndc name=name %}"
    ).render(Context({"slug": "amlodipine", "ndc": "00069-1520-30", "name": "Amlodipine"}))
    url = reverse("mymedicine:save", args=["amlodipine"]) + "?ndc=00069152030"
    assert f'href="{url}"' in html
    client.force_login(make_user())
    page = client.get(url).content.decode()
    assert f'<option value="{product.pk}" selected>' in page
