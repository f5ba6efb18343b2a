from django.apps import AppConfig


class PillsConfig(AppConfig):
    name = "pills"
    verbose_name = "Pill identifier"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from drugs.signals import spl_product_appearance
        from healthsite import registry
        from pills import sections, shared_data
        from pills.models import Pill
        from pills.receivers import on_pill_deleted, on_spl_product_appearance
        from pills.search import PillProvider
        from search.registry import register

        spl_product_appearance.connect(on_spl_product_appearance, dispatch_uid="pills_spl")
        post_delete.connect(on_pill_deleted, sender=Pill, dispatch_uid="pills_deleted")
        register(PillProvider())
        registry.demo_loaders.register(registry.DemoLoader(app="pills", module="pills.demo"))
        registry.import_steps.register(
            registry.ImportSteps(app="pills", commands=shared_data.import_commands)
        )
        registry.drug_sections.register(sections.drug_pill_pictures_section)
