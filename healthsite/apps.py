from django.apps import AppConfig

# Apps whose rows appear on anonymous pages: saving or deleting any of them starts a new
# content generation (healthsite.cache). My Medicine's recalls show on drug pages (its saved
# medicines are private, and change rarely); counters, sessions and tasks are not content.
CONTENT_APPS = frozenset(
    {
        "accounts",
        "articles",
        "newsletter",
        "drugs",
        "interactions",
        "pills",
        "mymedicine",
        "community",
        "search",
    }
)
# Saving only these fields of a member changes nothing anyone else sees.
PRIVATE_USER_FIELDS = frozenset({"last_login", "password"})


def _content_saved(sender, update_fields=None, action: str = "post", **kwargs) -> None:
    if not action.startswith("post"):  # m2m_changed sends pre_add before post_add
        return
    meta = sender._meta
    # Migrations save with historical models (module "__fake__"), while tables may not yet
    # match the current models; post_migrate starts a new generation once they are done.
    if meta.app_label not in CONTENT_APPS or sender.__module__ == "__fake__":
        return
    private = update_fields and set(update_fields) <= PRIVATE_USER_FIELDS
    if meta.label == "accounts.User" and private:
        return
    from healthsite.cache import content_changed

    content_changed()


def _task_finished(sender, **kwargs) -> None:
    """A queued task (the database worker) may have changed content with QuerySet.update(),
    e.g. the search index; tasks run in the request are covered by the request's own."""
    from django_tasks.backends.immediate import ImmediateBackend

    if not issubclass(sender, ImmediateBackend):
        from healthsite.cache import content_changed

        content_changed()


def _migrated(**kwargs) -> None:
    from healthsite.cache import content_changed

    content_changed()


class HealthsiteConfig(AppConfig):
    name = "healthsite"
    verbose_name = "Healthsite"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        post_save.connect(_content_saved, dispatch_uid="healthsite_content_saved")
        post_delete.connect(_content_saved, dispatch_uid="healthsite_content_deleted")
        m2m_changed.connect(_content_saved, dispatch_uid="healthsite_content_m2m")
        post_migrate.connect(_migrated, sender=self, dispatch_uid="healthsite_migrated")
        from django_tasks.signals import task_finished

        task_finished.connect(_task_finished, dispatch_uid="healthsite_task_finished")
