from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale

from buurtpages.languages import create_skeleton, skeletons_are_deferred, sync_buurt_languages


@receiver(post_save, sender=Locale, dispatch_uid="buurt_locale_added")
def locale_added(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        if not skeletons_are_deferred():
            create_skeleton(instance)
        sync_buurt_languages()


@receiver(post_delete, sender=Locale, dispatch_uid="buurt_locale_removed")
def locale_removed(sender, instance, **kwargs):
    sync_buurt_languages()
