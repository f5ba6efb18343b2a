from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = _("Interactions")

    def ready(self) -> None:
        from healthsite import registry
        from interactions import sections, shared_data, sitemaps

        registry.demo_loaders.register(
            registry.DemoLoader(app="interactions", module="interactions.demo")
        )
        registry.sitemaps.register(
            registry.Sitemaps(app="interactions", sitemaps=sitemaps.SITEMAPS)
        )
        registry.import_steps.register(
            registry.ImportSteps(
                app="interactions",
                commands=shared_data.import_commands,
                late_commands=shared_data.late_import_commands,
            )
        )
        registry.drug_sections.register(sections.drug_interactions_section)
