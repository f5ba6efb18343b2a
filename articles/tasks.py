"""Background work for articles (django-tasks)."""

from django_tasks import task


@task()
def index_article_when_live(article_id: int) -> None:
    """Put a scheduled article into the site index once its publish date has come.

    Enqueued with `run_after=publish_at` when the task backend can defer (the database
    worker in production). Pages, feeds and sitemaps need no task: they filter by date.
    """
    from articles import search
    from articles.models import Article

    article = Article.objects.filter(pk=article_id).first()
    if article is not None:
        search.index_article(article)
