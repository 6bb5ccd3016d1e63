from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index


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
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class CoEditorPermissionTester(PagePermissionTester):
    """Page permissions plus editing for the people the author invited as co-editors."""

    def can_edit(self):
        return super().can_edit() or self.is_co_editor()

    def is_co_editor(self):
        # In Python: on a page built from a revision, co_editors is an in-memory list.
        return self.user.is_active and any(
            editor.pk == self.user.pk for editor in self.page.co_editors.all()
        )


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

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return CoEditorPermissionTester(user, self)
