"""Making and publishing the buurtkrant in the admin: a buurtverbinder picks the month,
language and stories, writes the editorial and previews the PDF; a Buurtbeheerder
publishes it as a document of the buurt."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Site

from buurtpages import buurtkrant, printed
from buurtpages.models import BuurtkrantEdition, StoryPage
from buurtpages.models.buurtkrant import EDITORIAL_MAX_LENGTH
from kernel.languages import COMMUNITY_LANGUAGES

EDIT_PERMISSION = "buurtpages.change_buurtkrantedition"
PUBLISH_PERMISSION = "buurtpages.publish_buurtkrantedition"


def may_edit(user):
    return user.has_perm(EDIT_PERMISSION)


def may_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def may_see(user):
    return may_edit(user) or may_publish(user)


class EditionForm(forms.ModelForm):
    """Only this buurt's recent live stories, months and languages can be chosen: the
    choices are read in its own schema, so anything else is an invalid choice."""

    month = forms.ChoiceField(label=gettext_lazy("Month"))
    language = forms.ChoiceField(label=gettext_lazy("Language"))
    stories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Stories"),
        queryset=StoryPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    editorial = forms.CharField(
        label=gettext_lazy("Editorial"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=EDITORIAL_MAX_LENGTH,
        required=False,
    )

    class Meta:
        model = BuurtkrantEdition
        fields = ["editorial", "stories"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stories"].help_text = _("Choose at most %(number)d stories.") % {
            "number": buurtkrant.MAX_STORIES
        }
        self.fields["editorial"].help_text = _(
            "A short word to the readers, at most %(number)d characters."
        ) % {"number": EDITORIAL_MAX_LENGTH}
        months = printed.months_to_print(count=3)
        chosen = list(self.instance.stories.all()) if self.instance.pk else []
        if self.instance.pk and self.instance.month not in months:
            months.insert(0, self.instance.month)
        self.fields["month"].choices = [
            (f"{month:%Y-%m}", date_format(month, "F Y")) for month in months
        ]
        self.fields["language"].choices = [
            (code, COMMUNITY_LANGUAGES.get(code, (code, code))[1])
            for code in Locale.objects.order_by("pk").values_list("language_code", flat=True)
        ]
        ids = {story.pk for story in [*buurtkrant.recent_stories(), *chosen]}
        self.fields["stories"].queryset = StoryPage.objects.filter(pk__in=ids).order_by(
            "-first_published_at", "-pk"
        )
        if self.instance.pk:
            self.initial.update(
                month=f"{self.instance.month:%Y-%m}", language=self.instance.language
            )

    def clean_month(self):
        year, month = self.cleaned_data["month"].split("-")
        return date(int(year), int(month), 1)

    def clean_stories(self):
        stories = self.cleaned_data["stories"]
        if len(stories) > buurtkrant.MAX_STORIES:
            raise forms.ValidationError(
                _("Choose at most %(number)d stories.") % {"number": buurtkrant.MAX_STORIES}
            )
        return stories

    def save(self, commit=True):
        self.instance.month = self.cleaned_data["month"]
        self.instance.language = self.cleaned_data["language"]
        return super().save(commit)


def buurt_name(request):
    return Site.find_for_request(request).site_name


def editions(request):
    if not may_see(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "buurtpages/admin/buurtkrant.html",
        {
            "editions": BuurtkrantEdition.objects.select_related("document"),
            "may_edit": may_edit(request.user),
            "may_publish": may_publish(request.user),
        },
    )


def edit(request, pk=None):
    """A new edition, or a draft changed; "preview" answers the PDF of what is in the
    form without saving it."""
    if not may_edit(request.user):
        raise PermissionDenied
    edition = None
    if pk is not None:
        edition = get_object_or_404(BuurtkrantEdition, pk=pk, status=BuurtkrantEdition.Status.DRAFT)
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "preview":
            return preview_response(
                request,
                month=form.cleaned_data["month"],
                language=form.cleaned_data["language"],
                editorial=form.cleaned_data["editorial"],
                stories=list(form.cleaned_data["stories"].order_by("-first_published_at", "-pk")),
            )
        saved = form.save(commit=False)
        if saved.created_by_id is None:
            saved.created_by = request.user
        saved.save()
        form.save_m2m()
        messages.success(request, _("The edition is saved as a draft."))
        return redirect("buurtkrant_editions")
    return TemplateResponse(
        request, "buurtpages/admin/buurtkrant_form.html", {"form": form, "edition": edition}
    )


def preview(request, pk):
    if not may_see(request.user):
        raise PermissionDenied
    edition = get_object_or_404(BuurtkrantEdition, pk=pk)
    return preview_response(
        request,
        month=edition.month,
        language=edition.language,
        editorial=edition.editorial,
        stories=buurtkrant.ordered_stories(edition),
    )


def preview_response(request, *, month, language, editorial, stories):
    locale = printed.buurt_language(language)
    if locale is None:  # an older draft in a language the buurt no longer offers
        raise Http404
    try:
        pdf = buurtkrant.preview_pdf(
            request,
            month=month,
            locale=locale,
            editorial=editorial,
            stories=stories,
            buurt_name=buurt_name(request),
        )
    except printed.TooManyPrints:
        messages.error(request, _("You made many PDFs in a short time. Please wait a few minutes."))
        return redirect("buurtkrant_editions")
    return pdf_response(pdf, f"buurtkrant-{month:%Y-%m}-{language}-voorbeeld.pdf")


def pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def publish(request, pk):
    """Only a Buurtbeheerder publishes; the edition's language must still be the buurt's."""
    if request.method != "POST" or not may_publish(request.user):
        raise PermissionDenied
    edition = get_object_or_404(BuurtkrantEdition, pk=pk, status=BuurtkrantEdition.Status.DRAFT)
    if printed.buurt_language(edition.language) is None:
        messages.error(request, _("This buurt no longer offers the edition's language."))
        return redirect("buurtkrant_editions")
    buurtkrant.publish(edition, request.user, request, buurt_name(request))
    messages.success(request, _("The buurtkrant is published in the archive."))
    return redirect("buurtkrant_editions")
