from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        from healthsite import registry
        from newsletter import privacy, sitemaps

        registry.demo_loaders.register(
            registry.DemoLoader(app="newsletter", module="newsletter.demo")
        )
        registry.privacy.register(
            registry.PrivacyHandler(
                app="newsletter",
                export_user_data=privacy.export_user_data,
                delete_user_data=privacy.delete_user_data,
            )
        )
        registry.sitemaps.register(registry.Sitemaps(app="newsletter", sitemaps=sitemaps.SITEMAPS))
