from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale

from buurtpages.languages import create_skeleton, skeletons_are_deferred, sync_buurt_languages


@receiver(post_save, sender=Locale, dispatch_uid="buurt_locale_added")
def locale_added(sender, instance, created, **kwargs):
    # During a launch the buurt row already holds every language and the skeletons follow
    # after the commit; syncing per new locale would only write intermediate lists.
    if created and not kwargs.get("raw") and not skeletons_are_deferred():
        create_skeleton(instance)
        sync_buurt_languages()


@receiver(post_delete, sender=Locale, dispatch_uid="buurt_locale_removed")
def locale_removed(sender, instance, **kwargs):
    sync_buurt_languages()
