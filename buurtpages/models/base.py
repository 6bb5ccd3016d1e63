from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester, Revision
from wagtail.search import index

from kernel.roles import CONNECTOR, PROFESSIONAL, group_name


class SectionIndexPage(Page):
    """A section of the buurt site (initiatives, agenda, people, stories) listing its pages."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["buurtpages.BuurtHomePage"]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return "buurtpages/section_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from buurtpages import fallback

        context = super().get_context(request, *args, **kwargs)
        fallback.mark_untranslated_fields([self], ["title", "intro"])
        context["children"] = fallback.in_visitor_language(
            fallback.in_dutch(self).get_children().live().public().specific()
        )
        return context


# Who may be offered as a co-editor: people whose role is to help residents.
CO_EDITOR_ROLES = [PROFESSIONAL, CONNECTOR]


def co_editor_ids(page):
    """The co-editors as the page's latest version has them: the one list that the page
    editor, the sign-up list and every other check read. A draft in which the owner
    removed someone takes their access away at once (the live page may still list them)."""
    if page.pk and page.has_unpublished_changes and page.latest_revision_id:
        page = Revision.objects.get(pk=page.latest_revision_id).as_object()
    # In Python: on a page built from a revision, co_editors is an in-memory list.
    return {editor.pk for editor in page.co_editors.all()}


def may_manage_co_editors(user, page):
    """The owner, or who may edit the page on their own right (a buurtverbinder); never a
    co-editor on the strength of being one."""
    return page.pk is None or PagePermissionTester(user, page).can_edit()


def co_editor_label(user):
    return user.get_full_name() or _("(account without a name)")


class CoEditorPermissionTester(PagePermissionTester):
    """Page permissions plus editing for the people the author invited as co-editors."""

    def can_edit(self):
        return super().can_edit() or self.is_co_editor()

    def is_co_editor(self):
        return self.user.is_active and self.user.pk in co_editor_ids(self.page)


class CoEditablePageForm(WagtailAdminPageForm):
    """Offers professionals and buurtverbinders by name (not every account's e-mail), and
    lets only the owner or a buurtverbinder change the list: for anyone else the field is
    disabled, so what they post is ignored and the list stays as it was."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("co_editors")
        if field is None:
            return
        current = [getattr(editor, "pk", editor) for editor in self.initial.get("co_editors", [])]
        field.queryset = (
            get_user_model()
            .objects.filter(
                models.Q(
                    is_active=True, groups__name__in=[group_name(role) for role in CO_EDITOR_ROLES]
                )
                | models.Q(pk__in=current)
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        field.label_from_instance = co_editor_label
        if self.for_user is not None and not may_manage_co_editors(self.for_user, self.instance):
            field.disabled = True


class CoEditableMixin(models.Model):
    """Residents keep the lead: a professional edits their page only when asked to."""

    co_editors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-editors"),
        blank=True,
        related_name="+",
        help_text=_(
            "People who may edit this page with you, for example a professional who "
            "helps. They cannot publish it."
        ),
    )

    co_editor_panels = [FieldPanel("co_editors", widget=forms.CheckboxSelectMultiple)]
    base_form_class = CoEditablePageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return CoEditorPermissionTester(user, self)
