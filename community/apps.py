from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from community.search import PROVIDERS
        from search.registry import register

        for provider in PROVIDERS:
            register(provider)
