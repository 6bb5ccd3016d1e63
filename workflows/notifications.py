"""E-mails of the moderation steps: each in its recipient's language, each link on
the buurt's own domain (never the portal's, never another buurt's)."""

from django.core.mail import EmailMessage
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.signals import task_submitted
from wagtail.users.models import UserProfile

from kernel.emails import sender_named
from kernel.roles import users_with_role
from workflows.models import ProfessionalSupportTask


def buurt_url(path):
    return connection.tenant.base_url + path


def admin_url(name, *args):
    return buurt_url(reverse(name, args=args))


def preferred_language(user):
    return UserProfile.get_for_user(user).get_preferred_language()


def notify(users, template, context):
    """Send `workflows/email/<template>.txt` to each user, in their own language."""
    for user in users:
        if not (user.is_active and user.email):
            continue
        with translation.override(preferred_language(user)):
            personal = {**context, "user": user, "buurt": connection.tenant}
            subject = render_to_string(f"workflows/email/{template}_subject.txt", personal)
            body = render_to_string(f"workflows/email/{template}.txt", personal)
        message = EmailMessage(
            " ".join(subject.split()),
            body,
            from_email=sender_named(connection.tenant.name),
            to=[user.email],
        )
        message.send()


def users_in(role):
    return users_with_role(role)


def support_requested(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not isinstance(task, ProfessionalSupportTask):
        return
    page = instance.revision.as_object()
    context = {
        "page": page,
        "task": task,
        "deadline": task.deadline_for(instance),
        "preview_url": admin_url("wagtailadmin_pages:workflow_preview", page.pk, task.pk),
        "dashboard_url": admin_url("wagtailadmin_home"),
    }
    notify(task.professionals().exclude(pk=getattr(user, "pk", None)), "support_requested", context)


task_submitted.connect(support_requested, dispatch_uid="workflows-support-requested")
