"""Background work (django-tasks): run immediately by default, by `db_worker` in production."""

from django_tasks import task

from . import services


@task()
def send_edition_batch(edition_id: int, after_id: int) -> None:
    """Send one batch, then queue the next: a restarted worker resumes where it stopped."""
    last = services.edition_send_batch(edition_id=edition_id, after_id=after_id)
    if last is not None:
        send_edition_batch.enqueue(edition_id, last)
