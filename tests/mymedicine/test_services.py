"""Writes: recall alerts once per reader, unsubscribe tokens, privacy; recalls in the
newsletter draft."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from mymedicine import privacy, services, tokens
from mymedicine.importers.records import RecallRecord
from mymedicine.matching import DrugIndex
from mymedicine.models import Profile, RecallAlert
from newsletter import tokens as newsletter_tokens
from newsletter.models import Edition
from newsletter.services import edition_draft_from_week
from tests.factories import make_user

from .factories import make_drug, make_product, make_profile

pytestmark = pytest.mark.django_db


def recall_record(**extra: Any) -> RecallRecord:
    values: dict[str, Any] = {
        "recall_number": "D-100-2025",
        "event_id": "1",
        "status": "Ongoing",
        "classification": "Class II",
        "product_description": "Lisinopril Tablets, 10 mg, 30 tablets per bottle",
        "reason": "Tablets may not dissolve properly.",
        "recalling_firm": "Example Pharma",
        "code_info": "Lot 42",
        "distribution_pattern": "Nationwide",
        "voluntary_mandated": "Voluntary: Firm initiated",
        "report_date": dt.date(2025, 1, 2),
        "initiated_on": dt.date(2025, 1, 1),
        "terminated_on": None,
        # Printed in the description: the product the recall names.
        "text_ndcs": ("99999-101-90",),
    }
    values.update(extra)
    return RecallRecord(**values)


@pytest.fixture
def reader_with_lisinopril():
    user = make_user(email="reader@example.org")
    drug = make_drug("Lisinopril")
    make_product(drug, ndc="99999010190", strength="10 mg")
    me = make_profile(user, name="Me", recall_alerts=True)
    mum = make_profile(user, name="Mum", relationship="parent", recall_alerts=True)
    services.saved_medicine_add(profile=me, drug=drug)
    services.saved_medicine_add(profile=mum, drug=drug)
    return user, me, mum, drug


def import_recall(record, capture):
    with capture(execute=True):
        recall, status, _result = services.recall_upsert(record=record, index=DrugIndex.build())
        return recall, status


def test_alert_email_goes_out_exactly_once_per_recall_per_reader(
    reader_with_lisinopril, django_capture_on_commit_callbacks
):
    _user, me, mum, _drug = reader_with_lisinopril
    import_recall(recall_record(), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # two profiles hold the drug: still one email
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    body = message.body
    assert "Lisinopril Tablets" in body  # what
    assert "may not dissolve" in body  # why
    assert "Class II" in body  # class
    assert "ask your pharmacist" in body  # what to do
    assert "/my-medicine/alerts/unsubscribe/" in body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert isinstance(message, EmailMultiAlternatives)
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    # Importing again, opting in again, saving again: no second email.
    import_recall(recall_record(), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_set_recall_alerts(profile=me, enabled=True)
        services.saved_medicine_add(profile=me, drug=_drug, strength="20 mg")
    assert services.recall_alert_send(alert_id=RecallAlert.objects.get().pk) is False
    assert len(mail.outbox) == 1
    alert = RecallAlert.objects.get()
    assert alert.sent_at is not None
    assert set(alert.profiles.all()) == {me, mum}


def test_no_alert_without_opt_in_or_for_closed_recalls(django_capture_on_commit_callbacks):
    user = make_user()
    drug = make_drug("Lisinopril")
    make_product(drug, ndc="99999010190", strength="10 mg")
    profile = make_profile(user, recall_alerts=False)
    services.saved_medicine_add(profile=profile, drug=drug)
    import_recall(recall_record(), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    # Opting in later sends the alert for the open recall.
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_set_recall_alerts(profile=profile, enabled=True)
    assert len(mail.outbox) == 1
    other = make_user()
    other_profile = make_profile(other, recall_alerts=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.saved_medicine_add(profile=other_profile, drug=drug)  # the open recall
    closed = recall_record(recall_number="D-200-2025", status="Terminated")
    import_recall(closed, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox][1:] == [[other.email]]
    assert not RecallAlert.objects.filter(recall__recall_number="D-200-2025").exists()


def test_product_specific_recall_spares_other_products(django_capture_on_commit_callbacks):
    drug = make_drug("Warfarin")
    recalled = make_product(drug, ndc="12345678901", strength="5 mg")
    other = make_product(drug, ndc="12345999901", strength="1 mg")
    user = make_user()
    profile = make_profile(user, recall_alerts=True)
    services.saved_medicine_add(profile=profile, drug=drug, product=other)
    record = recall_record(
        product_description="Warfarin 5 mg", ndcs=("12345-6789-01",), text_ndcs=()
    )
    recall, _ = import_recall(record, django_capture_on_commit_callbacks)
    assert recall.matches.get().product == recalled
    assert mail.outbox == []


def test_ingredient_match_is_shown_but_never_emailed(django_capture_on_commit_callbacks):
    """Same active ingredients and form, no NDC of ours: it may concern the reader's pack,
    so the drug page says so, but nobody is emailed."""
    drug = make_drug("Lisinopril")
    make_product(drug, dosage_form="tablet", route="oral")
    user = make_user()
    profile = make_profile(user, recall_alerts=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.saved_medicine_add(profile=profile, drug=drug)
    recall, _ = import_recall(recall_record(), django_capture_on_commit_callbacks)
    assert recall.matches.get().matched_by == "ingredients"
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_set_recall_alerts(profile=profile, enabled=False)
        services.profile_set_recall_alerts(profile=profile, enabled=True)
        services.saved_medicine_add(profile=profile, drug=drug, strength="10 mg")
    assert mail.outbox == [] and not RecallAlert.objects.exists()


def test_ndc_match_emails_the_saved_product_and_product_less_saves(
    django_capture_on_commit_callbacks,
):
    drug = make_drug("Warfarin")
    recalled = make_product(drug, ndc="12345678901", strength="5 mg")
    with_product, without_product = make_user(), make_user()
    with django_capture_on_commit_callbacks(execute=True):
        services.saved_medicine_add(
            profile=make_profile(with_product, recall_alerts=True), drug=drug, product=recalled
        )
        services.saved_medicine_add(
            profile=make_profile(without_product, recall_alerts=True), drug=drug
        )
    record = recall_record(product_description="Warfarin 5 mg", text_ndcs=("12345-6789-01",))
    import_recall(record, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [with_product.email, without_product.email]
    )
    body = mail.outbox[0].body
    assert "NDC code and lot number on your pack" in body and "12345-6789-01" in body


def test_recall_unsubscribe_token(client, reader_with_lisinopril):
    _user, me, mum, _drug = reader_with_lisinopril
    token = tokens.make_token(me.pk, salt=tokens.RECALL_UNSUBSCRIBE)
    url = reverse("mymedicine:recall_unsubscribe", args=[token])
    assert client.get(url).status_code == 200  # confirm page, no login
    me.refresh_from_db()
    assert me.recall_alerts is True
    assert client.post(url).status_code == 200  # one click, no login, no CSRF token
    me.refresh_from_db()
    mum.refresh_from_db()
    assert me.recall_alerts is False and mum.recall_alerts is True
    # Forged, altered, or signed for another purpose: refused.
    newsletter_token = newsletter_tokens.make_token(
        mum.pk, salt=newsletter_tokens.NEWSLETTER_UNSUBSCRIBE
    )
    for bad in ("nonsense", token[:-2] + "xx", newsletter_token):
        response = client.post(reverse("mymedicine:recall_unsubscribe", args=[bad]))
        assert response.status_code == 404
    mum.refresh_from_db()
    assert mum.recall_alerts is True


def test_draft_from_week_uses_new_content(django_capture_on_commit_callbacks):
    make_product(make_drug("Lisinopril"), ndc="99999010190")
    import_recall(recall_record(), django_capture_on_commit_callbacks)
    edition = edition_draft_from_week()
    assert edition.status == Edition.Status.DRAFT
    assert "Medicine recalls" in edition.body and "/drugs/lisinopril/" in edition.body


def test_privacy_export_and_delete(reader_with_lisinopril, django_capture_on_commit_callbacks):
    user, _me, _mum, _drug = reader_with_lisinopril
    import_recall(recall_record(), django_capture_on_commit_callbacks)
    other = make_user()
    make_profile(other, name="Other")
    data = privacy.export_user_data(user)
    assert [p["name"] for p in data["profiles"]] == ["Me", "Mum"]
    assert data["profiles"][0]["medicines"][0]["drug"] == "Lisinopril"
    assert data["recall_alerts"][0]["recall_number"] == "D-100-2025"
    privacy.delete_user_data(user)
    assert not Profile.objects.filter(owner=user).exists()
    assert not RecallAlert.objects.filter(user=user).exists()
    assert Profile.objects.filter(owner=other).exists()


def test_account_export_and_deletion_include_my_medicine(reader_with_lisinopril):
    import json

    from accounts import services as account_services

    user, _me, _mum, _drug = reader_with_lisinopril
    export = account_services.user_export_data(user=user)
    json.dumps(export)  # serialisable as the download
    assert [p["name"] for p in export["data"]["mymedicine"]["profiles"]] == ["Me", "Mum"]
    account_services.user_delete(user=user)
    assert not Profile.objects.exists()
