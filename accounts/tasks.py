"""Background work of the accounts app, through the django-tasks interface.

With the default "immediate" backend the task runs at once in the request; in production
the database backend queues it for `manage.py db_worker`. Arguments are plain strings so
they can be stored in the queue.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, to: str, subject: str, text: str, html: str = "") -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
