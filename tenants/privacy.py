"""A person's data in one buurt (AVG/GDPR): export everything about them, or erase it.

A person is found by e-mail address inside the current schema only: the same address
in another buurt belongs to that buurt and is never touched. Run these functions
inside `tenants.across.in_buurt(buurt)` (the commands `export_person` and
`erase_person` do).

Which records are about a person is declared by the app that keeps them, in its
personal_data.py (buurtpages, workflows, trainings; the platform's accounts, pages,
images and log entries in tenants/personal_data.py), registered in kernel/personal_data.py.
This module only iterates those declarations, in their export and erase order.

What erasure does, and why:
- Exported as well: attendance per training day, with the organiser's notes.
- Deleted: the account (sessions, profile, comments, time log), Person pages about them
  in every language with their revisions, consents, workflow states and
  wagtail-localize sources, strings and translations; images they uploaded and every
  rendition (files on disk too); RSVPs, signals, account requests, consent requests,
  inwonersavond sign-ups, cohort memberships (with poll answers and attendance) and
  roster entries that name them.
- Anonymised, not deleted: pages and documents they created for the buurt (initiatives,
  stories, activities are the residents' shared work); their authorship disappears,
  the content stays. Team-member lines naming them are removed from initiatives.
- Scrubbed: their e-mail address is replaced by "[verwijderd]" in every revision, log
  entry, workflow comment and signal note that still holds it; their verified names
  (their account's full name, the Person page they consented to) only in the records
  linked to them: their own revisions and log entries, review comments by them or on
  their edits. Names typed into public forms are never used: a visitor can type any
  words there, and scrubbing them would rewrite other residents' history. The search
  index of every page touched is rebuilt.
"""

import json
import re
from functools import cached_property
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
)
from wagtail.search import index
from wagtail.search.models import IndexEntry

from kernel import personal_data
from kernel.emails import matching
from kernel.personal_data import as_rows

ERASED = "[verwijderd]"


class PersonRecords:
    """Everything in the current buurt that belongs to or is about one e-mail address.

    The person's accounts are found here; every other kind of record is declared by the
    app that keeps it (kernel/personal_data.py) and read as `records[name]`.
    """

    def __init__(self, email):
        self.email = email.strip().lower()
        User = get_user_model()
        self.users = list(
            User.objects.filter(pk__in=self._with_address(User.objects, "email"))
            | User.objects.filter(pk__in=self._with_address(User.objects, "username"))
        )
        self.user_ids = [user.pk for user in self.users]
        self._sets = {}
        # Found now, before erasure removes anything they are found through.
        for record_set in personal_data.record_sets():
            self[record_set.name]

    def __getitem__(self, name):
        if name not in self._sets:
            self._sets[name] = personal_data.record_set(name).find(self)
        return self._sets[name]

    def _with_address(self, queryset, field):
        """Primary keys of the rows whose `field` is this address after the one
        normalisation of kernel.emails: never the database's case folding, which would
        let a look-alike address export or erase somebody else's records."""
        rows = queryset.exclude(**{field: ""}).only("pk", field)
        return [row.pk for row in matching(rows, self.email, field)]

    def with_address(self, model, field):
        """The rows of `model` whose `field` is this address."""
        return model.objects.filter(pk__in=self._with_address(model.objects, field))

    def found_anything(self):
        """Whether the buurt holds anything at all under this address."""
        return any(
            has_rows(self[record_set.name])
            for record_set in personal_data.record_sets()
            if record_set.identifies
        )

    @cached_property
    def verified_names(self):
        """Names known to be this person's, to scrub from the records linked to them.

        Only the full name of their account and the title of a Person page they consented
        to themselves: a name typed into a sign-up, signal or request form is whatever a
        visitor chose to type ("van de", "Intro RT2") and proves nothing. A lone first
        name is left alone, because replacing it would mangle other words. Kept from the
        first use on: erasure removes the records the names come from.
        """
        names = {user.get_full_name() for user in self.users}
        names |= set(
            self["person_pages"]
            .filter(person_consents__given_by__iexact=self.email)
            .values_list("title", flat=True)
        )
        return {name.strip() for name in names if len(name.strip().split()) >= 2}


def has_rows(records):
    return bool(records) if isinstance(records, list) else records.exists()


# --- Export -------------------------------------------------------------------------------


def export_person(email):
    """Everything about the person in the current buurt, as a JSON-ready dict."""
    records = PersonRecords(email)
    document = {"email": records.email}
    for record_set in personal_data.exported():
        rows = record_set.export_rows or as_rows
        document[record_set.export_as] = rows(records[record_set.name])
    return document


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
        # Computed before anything is deleted: the names and the links to the person
        # come from their account and records, which erasure removes.
        self.names = records.verified_names
        self.linked = LinkedRecords(records)
        self.counts = {}
        self.files = []  # (storage, name) removed once the transaction committed
        self.deleted_objects = []  # (content type, pk) whose log entries go too
        self.touched_pages = set()

    def run(self):
        self.erase_pages_about_the_person()
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

    def erase_pages_about_the_person(self):
        """Registered first: pages about the person, whose photos and translations go
        with them before images and accounts are erased."""
        for record_set in personal_data.erased(first=True):
            record_set.erase(self, self.records[record_set.name])

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
        self.delete_images(self.records["images"])
        documents = self.records["documents"]
        self.count("documents anonymised", documents.update(uploaded_by_user=None))

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
        """Every registered record set, in its erase order."""
        for record_set in personal_data.erased():
            records = self.records[record_set.name]
            if record_set.erase:
                record_set.erase(self, records)
            else:
                self.delete_rows(record_set.erase_as, records)

    def delete_rows(self, name, queryset):
        objects = list(queryset)
        self.remember_deleted(objects)
        # A queryset delete: model delete() guards (e.g. cohort composition) do not
        # apply to an erasure the law requires.
        queryset.model.objects.filter(pk__in=[obj.pk for obj in objects]).delete()
        self.count(name, len(objects))

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
        """Through the session engine, so a copy in Redis (cached_db) goes too."""
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for session in Session.objects.all():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                store(session.session_key).delete()

    def scrub_free_text(self):
        """Replace the person's e-mail address and verified names in free text.

        The address is scrubbed wherever it stands: it is theirs and, matched as a whole
        address, cannot be part of other words. Their names are scrubbed only in records
        linked to them, because the same words in other residents' records (a common name,
        a phrase) are not about them.
        """
        linked = self.linked
        revisions = self.scrub_rows(Revision, ("content", "object_str"), linked.revisions)
        self.count("revisions scrubbed", len(revisions))
        for revision in revisions:
            if revision.base_content_type.model_class() is Page:
                self.touched_pages.add(int(revision.object_id))
        for model, pks in ((PageLogEntry, linked.page_log), (ModelLogEntry, linked.model_log)):
            entries = self.scrub_rows(model, ("label", "data"), pks)
            self.count("log entries scrubbed", len(entries))
        self.scrub_rows(TaskState, ("comment",), linked.task_states)
        for text in personal_data.free_text():
            self.scrub_rows(apps.get_model(text.model), text.fields, linked.free_text[text])
        self.scrub_rows(AdminLogEntry, ("object_repr", "change_message"), linked.admin_log)

    def scrub_rows(self, model, fields, linked_pks):
        """Scrub `fields` of `model`: the address in every row, the names as well in the
        rows whose primary key is in `linked_pks`. Returns the rows changed."""
        email = self.records.email
        mentions_email = Q()
        for field in fields:
            mentions_email |= Q(**{f"{field}__icontains": email})
        changed = []
        for row in model.objects.filter(mentions_email | Q(pk__in=linked_pks)):
            identifiers = [email, *self.names] if row.pk in linked_pks else [email]
            values = {field: scrub(getattr(row, field), identifiers) for field in fields}
            if any(values[field] != getattr(row, field) for field in fields):
                for field, value in values.items():
                    setattr(row, field, value)
                row.save(update_fields=list(fields))
                changed.append(row)
        return changed

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


class LinkedRecords:
    """Primary keys of the records verifiably linked to the person, taken before erasure
    deletes their account: what they saved or logged themselves, review comments they
    wrote or that were written on their edits, signal notes they wrote, and admin log
    entries about their account."""

    def __init__(self, records):
        User = get_user_model()
        user_ids = [user.pk for user in records.users]
        self.revisions = set(records["revisions"].values_list("pk", flat=True))
        self.page_log = set(records["page_log"].values_list("pk", flat=True))
        self.model_log = set(records["model_log"].values_list("pk", flat=True))
        self.task_states = set(
            TaskState.objects.filter(
                Q(finished_by__in=user_ids) | Q(revision__user__in=user_ids)
            ).values_list("pk", flat=True)
        )
        self.free_text = {text: set(text.linked(records)) for text in personal_data.free_text()}
        self.admin_log = set(
            AdminLogEntry.objects.filter(
                Q(user__in=user_ids)
                | Q(
                    content_type=ContentType.objects.get_for_model(User),
                    object_id__in=[str(pk) for pk in user_ids],
                )
            ).values_list("pk", flat=True)
        )


def scrub(value, identifiers):
    """`value` with every case-insensitive, whole-word occurrence of each identifier
    replaced; walks into JSON (dicts, lists) so structured revision content stays valid."""
    if isinstance(value, str):
        for identifier in identifiers:
            value = replace_whole_words(value, identifier)
        return value
    if isinstance(value, dict):
        return {key: scrub(item, identifiers) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item, identifiers) for item in value]
    return value


def replace_whole_words(text, identifier):
    """Only whole occurrences: erasing "Jan de Vries" leaves "Jan de Vriesema" alone, and
    erasing "sa@example.nl" leaves "lisa@example.nl" alone."""
    pattern = rf"(?<![\w.+-]){re.escape(identifier)}(?![\w-]|\.\w)"
    return re.sub(pattern, ERASED, text, flags=re.IGNORECASE)
