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
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from kernel.roles import (
    BUURT_ADMIN,
    CONNECTOR,
    PROFESSIONAL,
    RESIDENT,
    ROLES,
    contribute_permissions,
    contributed_permissions,
    group_name,
    role_group,
)
from workflows.models import ConsentTask, PeerReviewTask, ProfessionalSupportTask

# Translating is guarded per page by workflows.middleware: only pages one may edit.
# Places, partners and themes are public and chosen on every page form (snippet
# choosers serve only models one may view), so every role may view them.
ADMIN_ACCESS = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "buurtpages.view_place",
    "buurtpages.view_partner",
    "buurtpages.view_theme",
]
# Signals are private: only the people who triage them can read them.
SIGNAL_TRIAGE = ["buurtpages.view_signal", "buurtpages.change_signal"]
# Buurtverbinders keep the buurt's shared lists and decide on requests and reports.
MODERATION = [
    "workflows.view_accountrequest",
    "workflows.change_accountrequest",
    "workflows.view_moderationcase",
    "workflows.change_moderationcase",
]
SHARED_SNIPPETS = [
    f"buurtpages.{action}_{model}"
    for model in ("place", "partner", "theme")
    for action in ("add", "change")
]
ROLE_MODEL_PERMISSIONS = {
    RESIDENT: ADMIN_ACCESS,
    CONNECTOR: [*ADMIN_ACCESS, *SIGNAL_TRIAGE, *MODERATION, *SHARED_SNIPPETS],
    PROFESSIONAL: ADMIN_ACCESS,
    BUURT_ADMIN: [
        *ADMIN_ACCESS,
        *SIGNAL_TRIAGE,
        *MODERATION,
        *SHARED_SNIPPETS,
        "buurtpages.delete_place",
        "buurtpages.delete_partner",
        "buurtpages.delete_theme",
        "workflows.view_audit_log",
        "buurtpages.change_legalinformation",
        "buurtpages.change_headerphoto",
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
    RESIDENT: ["add_page"],
    CONNECTOR: ["add_page", "change_page", "publish_page"],
    PROFESSIONAL: ["add_page"],
    BUURT_ADMIN: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
ROLE_COLLECTION_PERMISSIONS = {
    RESIDENT: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    CONNECTOR: [
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
    BUURT_ADMIN: [
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
# Wagtail's first migrations create these; our roles replace them.
STOCK_GROUPS = ["Editors", "Moderators"]
# Workflows per page type: each is assigned to its section page in every language's
# tree (so translations go through the same steps); the tree root has peer review.
# Residents meet these names on their main button ("Klaar? Stuur het naar een
# buurtverbinder") and in their mails, so they are plain Dutch: a task says what
# happens, a workflow says to whom the page goes (docs/woordenlijst.md).
PEER_REVIEW = "Nakijken door een buurtverbinder"
SUPPORT = "Advies van een professional"
CONSENT = "Toestemming van de persoon"
PEER_REVIEW_WORKFLOW = "een buurtverbinder"
INITIATIVE_WORKFLOW = "een professional en een buurtverbinder"
PERSON_WORKFLOW = "de persoon en een buurtverbinder"
WORKFLOWS = {
    PEER_REVIEW_WORKFLOW: [PEER_REVIEW],
    INITIATIVE_WORKFLOW: [SUPPORT, PEER_REVIEW],
    PERSON_WORKFLOW: [CONSENT, PEER_REVIEW],
}
SECTION_WORKFLOWS = {
    "initiativeindexpage": INITIATIVE_WORKFLOW,
    "personindexpage": PERSON_WORKFLOW,
}
# Names buurten launched earlier still have: renamed in place, so pages in review keep
# their place in the steps (a new workflow would leave them in a deactivated one).
FORMER_TASK_NAMES = {
    "Review door buurtverbinder": PEER_REVIEW,
    "Advies van professionals": SUPPORT,
}
FORMER_WORKFLOW_NAMES = {
    "Buurtverbinder-review": PEER_REVIEW_WORKFLOW,
    "Initiatief: advies en review": INITIATIVE_WORKFLOW,
    "Persoon: toestemming en review": PERSON_WORKFLOW,
}


def contribute_own_permissions():
    """The workflows app's share of what each role may do (called from its ready())."""
    contribute_permissions("workflows", ROLE_MODEL_PERMISSIONS)


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles():
    """Create the four role groups with exactly their permissions (idempotent).

    The model permissions are what every app contributed (kernel.roles); a group
    loses any permission no app grants it any more.
    """
    Group.objects.filter(name__in=STOCK_GROUPS).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=group_name(role))
        # Every app's contribution, this app's own included (see contribute_own_permissions).
        group.permissions.set([permission(p) for p in contributed_permissions(role)])
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


def rename_former(model, former_names):
    """Give a task or workflow of an earlier release its current name (idempotent)."""
    for former, current in former_names.items():
        if not model.objects.filter(name=current).exists():
            model.objects.filter(name=former).update(name=current)


def ensure_tasks():
    rename_former(Task, FORMER_TASK_NAMES)
    peer_review, _created = PeerReviewTask.objects.get_or_create(name=PEER_REVIEW)
    peer_review.groups.set([role_group(CONNECTOR)])
    support, _created = ProfessionalSupportTask.objects.get_or_create(name=SUPPORT)
    consent, _created = ConsentTask.objects.get_or_create(name=CONSENT)
    return {PEER_REVIEW: peer_review, SUPPORT: support, CONSENT: consent}


def ensure_workflows():
    """The workflows of every page type, assigned to the tree (idempotent)."""
    rename_former(Workflow, FORMER_WORKFLOW_NAMES)
    Workflow.objects.exclude(name__in=WORKFLOWS).update(active=False)
    WorkflowPage.objects.exclude(workflow__name__in=WORKFLOWS).delete()
    tasks = ensure_tasks()
    for name, task_names in WORKFLOWS.items():
        workflow, _created = Workflow.objects.get_or_create(name=name)
        WorkflowTask.objects.filter(workflow=workflow).exclude(task__name__in=task_names).delete()
        for order, task_name in enumerate(task_names):
            # Not workflow.workflow_tasks.create(): that ParentalKey manager only saves
            # with the workflow.
            WorkflowTask.objects.update_or_create(
                workflow=workflow, task=tasks[task_name], defaults={"sort_order": order}
            )
    assign_workflow(Page.get_first_root_node(), PEER_REVIEW_WORKFLOW)
    for page in Page.objects.filter(content_type__model__in=SECTION_WORKFLOWS):
        assign_section_workflow(page)


def assign_workflow(page, workflow_name):
    workflow = Workflow.objects.get(name=workflow_name)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def assign_section_workflow(page):
    """Called for every new section page too (a language added later, a copied tree)."""
    name = SECTION_WORKFLOWS.get(page.content_type.model)
    if name and Workflow.objects.filter(name=name).exists():
        assign_workflow(page, name)
