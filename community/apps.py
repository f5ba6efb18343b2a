from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        from community import health_center, home, newsletter, privacy, sections, sitemaps
        from community.search import PROVIDERS
        from healthsite import registry
        from search.registry import register

        for provider in PROVIDERS:
            register(provider)
        registry.demo_loaders.register(
            registry.DemoLoader(app="community", module="community.demo")
        )
        registry.privacy.register(
            registry.PrivacyHandler(
                app="community",
                export_user_data=privacy.export_user_data,
                delete_user_data=privacy.delete_user_data,
            )
        )
        registry.sitemaps.register(registry.Sitemaps(app="community", sitemaps=sitemaps.SITEMAPS))
        registry.newsletter_sources.register(
            registry.NewsletterSource(app="community", weekly_items=newsletter.weekly_items)
        )
        registry.home_sections.register(home.home_section)
        registry.health_center_sections.register(health_center.health_center_section)
        registry.condition_sections.register(sections.condition_section)
