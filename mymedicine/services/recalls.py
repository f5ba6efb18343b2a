"""Writes for recalls: storing openFDA reports matched to our drugs, and alerting readers
whose saved medicines they concern (at most one email per recall per reader).

Only NDC matches are emailed (see `_saved_medicines_hit_by`): a recall that merely shares a
medicine's active ingredients and form is shown on its page as one that may concern it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from healthsite.email import email_deliver, email_render, site_url
from healthsite.upsert import CREATED, UNCHANGED, UPDATED, assign_changed

from .. import tokens
from ..importers.records import RecallRecord
from ..matching import DrugIndex, RecallHit, RecallMatchResult
from ..models import Profile, Recall, RecallAlert, RecallMatch, SavedMedicine
from ..recall_text import is_bulk


def _recall_values(record: RecallRecord) -> dict:
    return {
        "event_id": record.event_id,
        "status": record.status,
        "classification": record.classification,
        "product_description": record.product_description,
        "reason": record.reason,
        "recalling_firm": record.recalling_firm[:300],
        "code_info": record.code_info,
        "distribution_pattern": record.distribution_pattern,
        "voluntary_mandated": record.voluntary_mandated[:100],
        "report_date": record.report_date,
        "initiated_on": record.initiated_on,
        "terminated_on": record.terminated_on,
        "rxcuis": list(record.rxcuis),
        # The NDCs matching used: printed ones name the recalled products; openFDA's list
        # (every product of the label, other strengths too) only when none is printed.
        "ndcs": list(record.text_ndcs or record.ndcs),
        "brand_names": list(record.brand_names),
        "generic_names": list(record.generic_names),
        "is_bulk": is_bulk(record.product_description),
    }


@transaction.atomic
def recall_upsert(
    *, record: RecallRecord, index: DrugIndex
) -> tuple[Recall, str, RecallMatchResult]:
    """Store a recall and which of our drugs it concerns (replacing the matches an earlier
    import made); queue alerts for new NDC matches. Returns the rule that matched too."""
    values = _recall_values(record)
    recall = Recall.objects.filter(recall_number=record.recall_number).first()
    if recall is None:
        recall = Recall(recall_number=record.recall_number)
        assign_changed(recall, values)
        recall.full_clean()
        recall.save()
        status = CREATED
    elif assign_changed(recall, values):
        recall.full_clean()
        recall.save(update_fields=[*values, "updated_at"])
        status = UPDATED
    else:
        status = UNCHANGED
    result = index.match_record(record)
    if recall_matches_set(recall=recall, hits=result.hits) and status == UNCHANGED:
        status = UPDATED
    if status != UNCHANGED:  # new saves and opt-ins queue their own alerts
        recall_alerts_queue(recall=recall)
    return recall, status, result


def recall_matches_set(*, recall: Recall, hits: list[RecallHit]) -> bool:
    """Make the recall's matches exactly `hits` (one per drug and product); True when
    anything changed. Matches of an earlier rule that no longer holds are deleted."""
    current = {(m.drug_id, m.product_id): m for m in recall.matches.all()}
    wanted = {(hit.drug_id, hit.product_id): hit for hit in hits}
    changed = False
    stale = [match.pk for pair, match in current.items() if pair not in wanted]
    if stale:
        RecallMatch.objects.filter(pk__in=stale).delete()
        changed = True
    for (drug_id, product_id), hit in wanted.items():
        match = current.get((drug_id, product_id))
        if match is None:
            RecallMatch.objects.create(
                recall=recall, drug_id=drug_id, product_id=product_id, matched_by=hit.matched_by
            )
            changed = True
        elif assign_changed(match, {"matched_by": hit.matched_by}):
            match.save(update_fields=["matched_by"])
            changed = True
    return changed


def _saved_medicines_hit_by(
    recall: Recall, *, profile: Profile | None = None
) -> QuerySet[SavedMedicine]:
    """Saved medicines on alert-enabled profiles (or on `profile` alone) that a recall names
    by NDC: a saved medicine whose product is a recalled product, or one saved without a
    product whose drug the recall's NDCs name (the email asks them to check the NDC and lot
    on their pack). Matches by ingredients alone are never emailed."""
    product_ids, drug_ids = set(), set()
    for match in recall.matches.all():
        if match.matched_by != RecallMatch.MatchedBy.NDC:
            continue
        drug_ids.add(match.drug_id)
        if match.product_id:
            product_ids.add(match.product_id)
    condition = Q(product_id__in=product_ids) | Q(product__isnull=True, drug_id__in=drug_ids)
    if not drug_ids:
        return SavedMedicine.objects.none()
    rows = SavedMedicine.objects.filter(condition, profile__recall_alerts=True)
    if profile is not None:
        rows = rows.filter(profile=profile)
    return rows.select_related("profile")


def recall_alerts_queue(*, recall: Recall, profile: Profile | None = None) -> list[RecallAlert]:
    """Create (at most) one alert per reader for an open recall and send each once;
    with `profile`, only for that profile's medicines."""
    if not recall.is_open:
        return []
    by_user: dict[int, set[int]] = {}
    for medicine in _saved_medicines_hit_by(recall, profile=profile):
        by_user.setdefault(medicine.profile.owner_id, set()).add(medicine.profile_id)
    created = []
    for user_id, profile_ids in by_user.items():
        alert, was_created = RecallAlert.objects.get_or_create(recall=recall, user_id=user_id)
        alert.profiles.add(*profile_ids)
        if was_created:
            created.append(alert)
            _enqueue_recall_alert(alert.pk)
    return created


def recall_alerts_queue_for_profile(
    *, profile: Profile, drug_ids: list[int] | None = None
) -> list[RecallAlert]:
    """After a reader opts in (every medicine of the profile) or saves a medicine (`drug_ids`
    of that one): alerts for the open recalls that concern them, for this profile only."""
    if not profile.recall_alerts:
        return []
    if drug_ids is None:
        drug_ids = list(profile.medicines.values_list("drug_id", flat=True))
    recalls = (
        Recall.objects.filter(
            matches__drug_id__in=drug_ids,
            matches__matched_by=RecallMatch.MatchedBy.NDC,
            terminated_on__isnull=True,
        )
        .distinct()
        .prefetch_related("matches")
    )
    created = []
    for recall in recalls:  # recall_alerts_queue skips closed ones (CLOSED_RECALL_STATUSES)
        created += recall_alerts_queue(recall=recall, profile=profile)
    return created


def _enqueue_recall_alert(alert_id: int) -> None:
    from ..tasks import send_recall_alert

    transaction.on_commit(lambda: send_recall_alert.enqueue(alert_id))


def recall_alert_send(*, alert_id: int) -> bool:
    """Send one alert email unless it has gone already. Claimed first (at most once)."""
    claimed = RecallAlert.objects.filter(pk=alert_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    alert = RecallAlert.objects.select_related("recall", "user").get(pk=alert_id)
    profiles = list(alert.profiles.all())
    recall = alert.recall
    medicine_names = sorted(
        {
            m.drug.name
            for m in _saved_medicines_hit_by(recall)
            .filter(profile__in=profiles)
            .select_related("drug")
        }
    )
    unsubscribe = [
        (p.name, site_url(reverse("mymedicine:recall_unsubscribe", args=[_recall_token(p)])))
        for p in profiles
    ]
    context = {
        "recall": recall,
        "profiles": profiles,
        "medicine_names": medicine_names,
        "unsubscribe_links": unsubscribe,
        "history_url": site_url(reverse("mymedicine:alerts")),
    }
    email = email_render(
        template="mymedicine/email/recall_alert",
        to=alert.user.email,
        context=context,
        # One link in the header; the email itself has one per profile.
        unsubscribe_url=unsubscribe[0][1] if unsubscribe else "",
    )
    try:
        email_deliver(email)
    except Exception:
        # Not sent: release the claim so a retry can send it.
        RecallAlert.objects.filter(pk=alert_id).update(sent_at=None)
        raise
    return True


def _recall_token(profile: Profile) -> str:
    return tokens.make_token(profile.pk, salt=tokens.RECALL_UNSUBSCRIBE)


@transaction.atomic
def recall_alerts_unsubscribe(*, token: str) -> Profile | None:
    profile_id = tokens.read_token(token, salt=tokens.RECALL_UNSUBSCRIBE)
    profile = Profile.objects.filter(pk=profile_id).first() if profile_id else None
    if profile is not None and profile.recall_alerts:
        profile.recall_alerts = False
        profile.save(update_fields=["recall_alerts"])
    return profile
