from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health centers and articles"

    def ready(self) -> None:
        from articles.search import register_providers

        register_providers()
