"""The roles every buurt has (as Wagtail groups) and what each may do.

Built into the blueprint, so a launched buurt has them from its first second.
Page permissions sit on the tree root, so they cover every language's page tree.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from workflows.models import PeerReviewTask

BEWONER = "Bewoner"
BUURTVERBINDER = "Buurtverbinder"
PROFESSIONAL = "Professional"
BUURTBEHEERDER = "Buurtbeheerder"

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
# Signals are private: only the people who triage them can read them.
SIGNAL_TRIAGE = ["buurtpages.view_signal", "buurtpages.change_signal"]
ROLE_MODEL_PERMISSIONS = {
    BEWONER: ADMIN_ACCESS,
    BUURTVERBINDER: [*ADMIN_ACCESS, *SIGNAL_TRIAGE],
    PROFESSIONAL: ADMIN_ACCESS,
    BUURTBEHEERDER: [
        *ADMIN_ACCESS,
        *SIGNAL_TRIAGE,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.delete_locale",
    ],
}
# No role may change the Wagtail Site: its hostname must stay the buurt's primary domain.
# "add" lets a user create pages and edit the ones they own; "change" edits anyone's.
ROLE_PAGE_PERMISSIONS = {
    BEWONER: ["add_page"],
    BUURTVERBINDER: ["add_page", "change_page", "publish_page"],
    PROFESSIONAL: ["add_page"],
    BUURTBEHEERDER: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
ROLE_COLLECTION_PERMISSIONS = {
    BEWONER: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    BUURTVERBINDER: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    PROFESSIONAL: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.choose_document",
    ],
    BUURTBEHEERDER: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
}
ROLES = list(ROLE_MODEL_PERMISSIONS)
# Wagtail's first migrations create these; our roles replace them.
STOCK_GROUPS = ["Editors", "Moderators"]
PEER_REVIEW_WORKFLOW = "Buurtverbinder-review"


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles():
    """Create the four role groups with exactly their permissions (idempotent)."""
    Group.objects.filter(name__in=STOCK_GROUPS).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        from trainings.permissions import training_permissions  # issue 7; lazy: no import cycle

        model_permissions = [*ROLE_MODEL_PERMISSIONS[role], *training_permissions(role)]
        group.permissions.set([permission(p) for p in model_permissions])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in ROLE_PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission(f"wagtailcore.{codename}")
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for dotted in ROLE_COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(dotted)
            )


def ensure_workflows():
    """Every page goes through peer review by a buurtverbinder (idempotent)."""
    Workflow.objects.exclude(name=PEER_REVIEW_WORKFLOW).update(active=False)
    WorkflowPage.objects.exclude(workflow__name=PEER_REVIEW_WORKFLOW).delete()
    workflow, _created = Workflow.objects.get_or_create(name=PEER_REVIEW_WORKFLOW)
    task, _created = PeerReviewTask.objects.get_or_create(name="Review door buurtverbinder")
    task.groups.set([Group.objects.get(name=BUURTVERBINDER)])
    # Not workflow.workflow_tasks.create(): that ParentalKey manager only saves with the workflow.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
