"""Background work (django-tasks): run immediately by default, by `db_worker` in production."""

from django_tasks import task

from . import services


@task()
def send_recall_alert(alert_id: int) -> None:
    services.recall_alert_send(alert_id=alert_id)
