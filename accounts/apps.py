from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts import privacy
        from healthsite import registry

        registry.privacy.register(
            registry.PrivacyHandler(
                app="accounts",
                export_user_data=privacy.export_user_data,
                delete_user_data=privacy.delete_user_data,
            )
        )
