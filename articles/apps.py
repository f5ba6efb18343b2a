from django.apps import AppConfig


def next_article_going_live():
    """When the next scheduled article is published (cached pages are dropped then)."""
    from django.utils import timezone

    from articles.models import Article

    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health centers and articles"

    def ready(self) -> None:
        from articles import home, newsletter, shared_data, sitemaps
        from articles.search import register_providers
        from healthsite import registry

        register_providers()
        registry.demo_loaders.register(registry.DemoLoader(app="articles", module="articles.demo"))
        registry.sitemaps.register(registry.Sitemaps(app="articles", sitemaps=sitemaps.SITEMAPS))
        registry.import_steps.register(
            registry.ImportSteps(app="articles", commands=shared_data.import_commands)
        )
        registry.newsletter_sources.register(
            registry.NewsletterSource(app="articles", weekly_items=newsletter.weekly_items)
        )
        registry.home_sections.register(home.home_section)
        registry.scheduled_changes.register(next_article_going_live)
