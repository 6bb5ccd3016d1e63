"""A person's data in one buurt (AVG/GDPR): export everything about them, or erase it.

A person is found by e-mail address inside the current schema only: the same address
in another buurt belongs to that buurt and is never touched. Run these functions
inside `with buurt:` (the management commands `export_person` and `erase_person` do).

What erasure does, and why:
- Deleted: the account (sessions, profile, comments, time log), Person pages about them
  in every language with their revisions, consents, workflow states and
  wagtail-localize sources, strings and translations; images they uploaded and every
  rendition (files on disk too); RSVPs, signals, account requests, consent requests,
  inwonersavond sign-ups, cohort memberships (with poll answers and attendance) and
  roster entries that name them.
- Anonymised, not deleted: pages and documents they created for the buurt (initiatives,
  stories, activities are the residents' shared work); their authorship disappears,
  the content stays. Team-member lines naming them are removed from initiatives.
- Scrubbed: their e-mail address and full name are replaced by "[verwijderd]" in every
  revision, log entry label and data, and workflow comment that still mentions them,
  and the search index of every page touched is rebuilt.
"""

import json
import re

from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
)
from wagtail.search import index
from wagtail.search.models import IndexEntry

from buurtpages.models import InitiativeTeamMember, PersonPage, Registration, Signal
from trainings.models import CohortMember, InterestSignup, RosterMember, TimeEntry
from workflows.models import AccountRequest, ConsentRequest, PersonConsent

ERASED = "[verwijderd]"
# Secrets and tokens never leave the database, not even in an export.
NEVER_EXPORTED = {"password", "token", "sender_hash"}


class PersonRecords:
    """Everything in the current buurt that belongs to or is about one e-mail address."""

    def __init__(self, email):
        self.email = email.strip().lower()
        User = get_user_model()
        self.users = list(
            User.objects.filter(Q(email__iexact=self.email) | Q(username__iexact=self.email))
        )
        user_ids = [user.pk for user in self.users]
        self.person_pages = PersonPage.objects.filter(contact_email__iexact=self.email)
        self.registrations = Registration.objects.filter(email__iexact=self.email)
        self.signals = Signal.objects.filter(contact_email__iexact=self.email)
        self.consent_requests = ConsentRequest.objects.filter(email__iexact=self.email)
        self.consents = PersonConsent.objects.filter(given_by__iexact=self.email)
        self.account_requests = AccountRequest.objects.filter(email__iexact=self.email)
        self.interest_signups = InterestSignup.objects.filter(email__iexact=self.email)
        self.cohort_memberships = CohortMember.objects.filter(
            Q(email__iexact=self.email) | Q(user__in=user_ids) | Q(signup__in=self.interest_signups)
        )
        self.time_entries = TimeEntry.objects.filter(user__in=user_ids)
        self.roster_entries = RosterMember.objects.filter(user__in=user_ids)
        self.images = get_image_model().objects.filter(uploaded_by_user__in=user_ids)
        self.documents = get_document_model().objects.filter(uploaded_by_user__in=user_ids)
        self.owned_pages = Page.objects.filter(owner__in=user_ids)
        self.revisions = Revision.objects.filter(user__in=user_ids)
        self.page_log = PageLogEntry.objects.filter(user__in=user_ids)
        self.model_log = ModelLogEntry.objects.filter(user__in=user_ids)

    @property
    def full_names(self):
        """Names to scrub from free text: only full names (two words or more), because
        replacing a lone first name would mangle other words."""
        names = {user.get_full_name() for user in self.users}
        names |= {page.title for page in self.person_pages}
        for queryset, field in (
            (self.registrations, "name"),
            (self.signals, "contact_name"),
            (self.account_requests, "name"),
            (self.interest_signups, "name"),
            (self.cohort_memberships, "name"),
        ):
            names |= set(queryset.values_list(field, flat=True))
        return {name.strip() for name in names if len(name.strip().split()) >= 2}

    @property
    def identifiers(self):
        return {self.email, *self.full_names}


# --- Export -------------------------------------------------------------------------------


def as_rows(queryset_or_objects):
    rows = serializers.serialize("python", queryset_or_objects)
    for row in rows:
        for field in NEVER_EXPORTED:
            row["fields"].pop(field, None)
    return [{"id": row["pk"], **row["fields"]} for row in rows]


def person_page_rows(pages):
    rows = as_rows(pages)
    for row, page in zip(rows, pages, strict=True):
        row.update(
            title=page.title,
            url_path=page.url_path,
            language=page.locale.language_code,
            live=page.live,
        )
    return rows


def export_person(email):
    """Everything about the person in the current buurt, as a JSON-ready dict."""
    records = PersonRecords(email)
    accounts = as_rows(records.users)
    for account, user in zip(accounts, records.users, strict=True):
        account["groups"] = list(user.groups.values_list("name", flat=True))
        account.pop("user_permissions", None)
    return {
        "email": records.email,
        "accounts": accounts,
        "person_pages": person_page_rows(records.person_pages),
        "pages_created": [
            {"id": page.pk, "title": page.title, "url_path": page.url_path, "live": page.live}
            for page in records.owned_pages
        ],
        "revisions_saved": [
            {"object_id": revision.object_id, "created_at": revision.created_at}
            for revision in records.revisions
        ],
        "activity_sign_ups": as_rows(records.registrations),
        "signals": as_rows(records.signals),
        "consent_requests": as_rows(records.consent_requests),
        "consents_given": as_rows(records.consents),
        "account_requests": as_rows(records.account_requests),
        "inwonersavond_sign_ups": as_rows(records.interest_signups),
        "training_participations": as_rows(records.cohort_memberships),
        "hours_logged": as_rows(records.time_entries),
        "team_roster": as_rows(records.roster_entries),
        "images_uploaded": as_rows(records.images),
        "documents_uploaded": as_rows(records.documents),
        "log_entries": [
            {"action": entry.action, "label": entry.label, "timestamp": entry.timestamp}
            for entry in [*records.page_log, *records.model_log]
        ],
    }


def export_person_json(email):
    return json.dumps(export_person(email), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


# --- Erasure ------------------------------------------------------------------------------


def erase_person(email):
    """Erase the person from the current buurt; returns what was removed, as counts.

    Database changes happen in one transaction; files are removed after it commits.
    """
    eraser = Eraser(PersonRecords(email))
    with transaction.atomic():
        eraser.run()
    eraser.delete_files()
    for cache in caches.all():
        cache.clear()
    return eraser.counts


class Eraser:
    def __init__(self, records):
        self.records = records
        # Computed before anything is deleted: the names come from the records themselves.
        self.names = records.full_names
        self.identifiers = {records.email, *self.names}
        self.counts = {}
        self.files = []  # (storage, name) removed once the transaction committed
        self.deleted_objects = []  # (content type, pk) whose log entries go too
        self.touched_pages = set()

    def run(self):
        self.erase_person_pages()
        self.erase_images()
        self.erase_records()
        self.erase_accounts()
        self.scrub_free_text()
        self.delete_log_entries_of_deleted_objects()
        self.reindex_touched_pages()

    def count(self, name, number):
        self.counts[name] = self.counts.get(name, 0) + number

    def remember_deleted(self, objects):
        for obj in objects:
            content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
            self.deleted_objects.append((content_type, obj.pk))
            base = ContentType.objects.get_for_model(obj)
            if base != content_type:
                self.deleted_objects.append((base, obj.pk))

    def erase_person_pages(self):
        """Person pages in every language, their revisions, consents and translations."""
        keys = set(self.records.person_pages.values_list("translation_key", flat=True))
        pages = [page.specific for page in Page.objects.filter(translation_key__in=keys)]
        photos = {page.photo_id for page in pages if getattr(page, "photo_id", None)}
        self.touched_pages |= set(
            InitiativeTeamMember.objects.filter(person__in=[p.pk for p in pages]).values_list(
                "initiative_id", flat=True
            )
        )
        InitiativeTeamMember.objects.filter(person__in=[p.pk for p in pages]).delete()
        page_ids = [page.pk for page in pages]
        for page in pages:
            if Page.objects.filter(pk=page.pk).exists():  # not gone with an earlier one
                page.delete()
        PageLogEntry.objects.filter(page_id__in=page_ids).delete()
        self.count("person pages", len(page_ids))
        self.erase_localize_data(keys)
        if photos:
            self.delete_images(get_image_model().objects.filter(pk__in=photos))

    def erase_localize_data(self, translation_keys):
        from wagtail_localize.models import (
            SegmentOverride,
            String,
            StringSegment,
            StringTranslation,
            Template,
            TemplateSegment,
            TranslatableObject,
        )

        objects = TranslatableObject.objects.filter(translation_key__in=translation_keys)
        StringTranslation.objects.filter(context__object__in=objects).delete()
        SegmentOverride.objects.filter(context__object__in=objects).delete()
        deleted, _ = objects.delete()  # sources, segments, contexts, translations, logs
        self.count("translation records", deleted)
        # Strings and templates are shared between sources; drop those nothing uses now.
        String.objects.exclude(pk__in=StringSegment.objects.values("string_id")).delete()
        Template.objects.exclude(pk__in=TemplateSegment.objects.values("template_id")).delete()

    def erase_images(self):
        self.delete_images(self.records.images)
        self.count("documents anonymised", self.records.documents.update(uploaded_by_user=None))

    def delete_images(self, images):
        images = list(images)
        for image in images:
            for rendition in image.renditions.all():
                self.files.append((rendition.file.storage, rendition.file.name))
            self.files.append((image.file.storage, image.file.name))
            self.remember_deleted([image])
            tagged = list(image.tags.all())
            image.delete()
            for tag in tagged:
                if not tag.taggit_taggeditem_items.exists():
                    tag.delete()
        self.count("images", len(images))

    def erase_records(self):
        records = self.records
        team_lines = InitiativeTeamMember.objects.filter(name__in=self.names)
        self.touched_pages |= set(team_lines.values_list("initiative_id", flat=True))
        for name, queryset in (
            ("initiative team lines", team_lines),
            ("activity sign-ups", records.registrations),
            ("signals", records.signals),
            ("consent requests", records.consent_requests),
            ("consents", records.consents),
            ("account requests", records.account_requests),
            ("training participations", records.cohort_memberships),
            ("inwonersavond sign-ups", records.interest_signups),
            ("hours logged", records.time_entries),
            ("team roster entries", records.roster_entries),
        ):
            objects = list(queryset)
            self.remember_deleted(objects)
            # A queryset delete: model delete() guards (e.g. cohort composition) do not
            # apply to an erasure the law requires.
            queryset.model.objects.filter(pk__in=[obj.pk for obj in objects]).delete()
            self.count(name, len(objects))
        roster_by_name = RosterMember.objects.filter(name__in=self.names)
        self.count("team roster entries", roster_by_name.delete()[0])

    def erase_accounts(self):
        for user in self.records.users:
            self.touched_pages |= set(Page.objects.filter(owner=user).values_list("pk", flat=True))
            self.count("pages anonymised", Page.objects.filter(owner=user).update(owner=None))
            # Log entries keep the user id without a foreign key: forget it explicitly.
            PageLogEntry.objects.filter(user=user).update(user=None)
            ModelLogEntry.objects.filter(user=user).update(user=None)
            self.delete_sessions_of(user)
            self.forget_avatar_of(user)
            self.remember_deleted([user])
            user.delete()
        self.count("accounts", len(self.records.users))

    def forget_avatar_of(self, user):
        profile = getattr(user, "wagtail_userprofile", None)
        if profile is not None and profile.avatar:
            self.files.append((profile.avatar.storage, profile.avatar.name))

    def delete_sessions_of(self, user):
        for session in Session.objects.all():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()

    def scrub_free_text(self):
        """Replace the person's e-mail and full names wherever free text still holds them."""
        for identifier in self.identifiers:
            revisions = Revision.objects.filter(
                Q(content__icontains=identifier) | Q(object_str__icontains=identifier)
            )
            for revision in revisions:
                revision.content = scrub(revision.content, identifier)
                revision.object_str = scrub(revision.object_str, identifier)
                revision.save(update_fields=["content", "object_str"])
                self.count("revisions scrubbed", 1)
                if revision.base_content_type.model_class() is Page:
                    self.touched_pages.add(int(revision.object_id))
            for model in (PageLogEntry, ModelLogEntry):
                matches = model.objects.filter(
                    Q(label__icontains=identifier) | Q(data__icontains=identifier)
                )
                for entry in matches:
                    entry.label = scrub(entry.label, identifier)
                    entry.data = scrub(entry.data, identifier)
                    entry.save(update_fields=["label", "data"])
                    self.count("log entries scrubbed", 1)
            for state in TaskState.objects.filter(comment__icontains=identifier):
                state.comment = scrub(state.comment, identifier)
                state.save(update_fields=["comment"])
            for signal in Signal.objects.filter(triage_note__icontains=identifier):
                signal.triage_note = scrub(signal.triage_note, identifier)
                signal.save(update_fields=["triage_note"])
            for entry in AdminLogEntry.objects.filter(
                Q(object_repr__icontains=identifier) | Q(change_message__icontains=identifier)
            ):
                entry.object_repr = scrub(entry.object_repr, identifier)
                entry.change_message = scrub(entry.change_message, identifier)
                entry.save(update_fields=["object_repr", "change_message"])

    def delete_log_entries_of_deleted_objects(self):
        for content_type, pk in self.deleted_objects:
            ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()
            Revision.objects.filter(content_type=content_type, object_id=str(pk)).delete()

    def reindex_touched_pages(self):
        """Rebuild the search entries of pages whose text changed; drop orphaned ones."""
        for page in Page.objects.filter(pk__in=self.touched_pages).specific():
            index.insert_or_update_object(page)
        for content_type, pk in self.deleted_objects:
            IndexEntry.objects.filter(content_type=content_type, object_id=str(pk)).delete()
        page_types = ContentType.objects.filter(pk__in=IndexEntry.objects.values("content_type"))
        for content_type in page_types:
            model = content_type.model_class()
            if model is None:
                continue
            existing = model._default_manager.values("pk")
            IndexEntry.objects.filter(content_type=content_type).exclude(
                object_id__in=[str(row["pk"]) for row in existing]
            ).delete()

    def delete_files(self):
        for storage, name in self.files:
            if name and storage.exists(name):
                storage.delete(name)
        self.count("files", len(self.files))


def scrub(value, identifier):
    """`value` with every case-insensitive occurrence of `identifier` replaced; walks
    into JSON (dicts, lists) so structured revision content stays valid."""
    if isinstance(value, str):
        return replace_case_insensitive(value, identifier)
    if isinstance(value, dict):
        return {key: scrub(item, identifier) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item, identifier) for item in value]
    return value


def replace_case_insensitive(text, identifier):
    return re.sub(re.escape(identifier), ERASED, text, flags=re.IGNORECASE)
