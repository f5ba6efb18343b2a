"""Site-wide background work (django-tasks): run at once by default, by `db_worker` in
production. Arguments are plain strings so the database backend can store them."""

from django_tasks import task

from healthsite.email import Email, email_deliver


@task()
def send_email(*, to: str, subject: str, text: str, html: str, unsubscribe_url: str = "") -> None:
    email_deliver(
        Email(to=to, subject=subject, text=text, html=html, unsubscribe_url=unsubscribe_url)
    )
