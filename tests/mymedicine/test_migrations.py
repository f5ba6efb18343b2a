"""Upgrading a database from before Interaction and the newsletter left My Medicine
(mymedicine 0001) keeps every row, and the content types (so granted permissions) keep their
ids.

The suite builds its test database from the models (`--no-migrations`), so the `migrator`
fixture runs the real migrations with Django's MigrationExecutor: it records the database as
migrated to the latest state (which its schema is), migrates My Medicine back to 0001, lets the
test write rows through the historical models, and migrates forward again.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from interactions.models import Interaction, Severity
from newsletter.models import Edition, EditionDelivery, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("mymedicine", "0001_initial")]


class Migrator:
    def __init__(self) -> None:
        self.executor = MigrationExecutor(connection)

    def migrate(self, targets) -> None:
        self.executor.loader.build_graph()  # re-read what is applied
        self.executor.migrate(targets)
        self.executor = MigrationExecutor(connection)

    def latest(self) -> None:
        self.migrate(self.executor.loader.graph.leaf_nodes())

    def apps_at(self, targets):
        return self.executor.loader.project_state(targets).apps


@pytest.fixture
def migrator(settings):
    settings.MIGRATION_MODULES = {}  # undo --no-migrations for this test
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    migrator = Migrator()
    applied = set(recorder.applied_migrations())
    recorded = [key for key in migrator.executor.loader.graph.nodes if key not in applied]
    for app, name in recorded:
        recorder.record_applied(app, name)
    try:
        yield migrator
    finally:
        migrator.latest()  # the next tests need the current schema
        for app, name in recorded:
            recorder.record_unapplied(app, name)


def test_upgrade_from_mymedicine_0001_keeps_rows_and_content_types(migrator):
    migrator.migrate(BEFORE_THE_MOVE)
    tables = connection.introspection.table_names()
    assert "mymedicine_interaction" in tables and "interactions_interaction" not in tables
    assert "mymedicine_subscriber" in tables and "newsletter_subscriber" not in tables
    old = migrator.apps_at(BEFORE_THE_MOVE)
    ingredient = old.get_model("drugs", "Ingredient")
    warfarin = ingredient.objects.create(name="Warfarin", slug="warfarin", normalized="warfarin")
    aspirin = ingredient.objects.create(name="Aspirin", slug="aspirin", normalized="aspirin")
    low, high = sorted([warfarin, aspirin], key=lambda i: i.pk)
    interaction = old.get_model("mymedicine", "Interaction").objects.create(
        ingredient_a=low,
        ingredient_b=high,
        severity=Severity.MAJOR,
        source="editorial",
        effect="Bleeding is more likely.",
        class_a="Anticoagulants",
    )
    subscriber = old.get_model("mymedicine", "Subscriber").objects.create(
        email="reader@example.org", confirmed_at=timezone.now()
    )
    edition = old.get_model("mymedicine", "Edition").objects.create(
        subject="Week one", slug="week-one", body="Hello", status="sent"
    )
    old.get_model("mymedicine", "EditionDelivery").objects.create(
        edition=edition, subscriber=subscriber
    )
    content_type = old.get_model("contenttypes", "ContentType")
    old_type_ids = {
        name: content_type.objects.get_or_create(app_label="mymedicine", model=name)[0].pk
        for name in ("interaction", "subscriber", "edition", "editiondelivery")
    }
    permission = old.get_model("auth", "Permission").objects.create(
        content_type_id=old_type_ids["interaction"],
        codename="review_interaction",
        name="Can review interaction",
    )

    migrator.latest()

    moved = Interaction.objects.get()
    assert moved.pk == interaction.pk
    assert (moved.ingredient_a_id, moved.ingredient_b_id) == (low.pk, high.pk)
    assert moved.severity == Severity.MAJOR and moved.effect == "Bleeding is more likely."
    assert moved.class_a == "Anticoagulants"
    assert Interaction.objects.among([warfarin.pk, aspirin.pk]).count() == 1
    assert Subscriber.objects.get().email == "reader@example.org"
    assert Subscriber.objects.get().is_active
    assert Edition.objects.published().get().slug == "week-one"
    delivery = EditionDelivery.objects.get()
    assert (delivery.edition_id, delivery.subscriber_id) == (edition.pk, subscriber.pk)
    # Ids keep counting on from the moved rows.
    assert Subscriber.objects.create(email="new@example.org").pk > subscriber.pk
    ContentType.objects.clear_cache()
    moved_models = {
        "interaction": Interaction,
        "subscriber": Subscriber,
        "edition": Edition,
        "editiondelivery": EditionDelivery,
    }
    for name, model_class in moved_models.items():
        assert ContentType.objects.get_for_model(model_class).pk == old_type_ids[name]
    assert not ContentType.objects.filter(app_label="mymedicine", model="interaction").exists()
    assert Permission.objects.get(pk=permission.pk).content_type.app_label == "interactions"
