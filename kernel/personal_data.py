"""Where each app declares the personal data it keeps, for export and erasure (AVG/GDPR).

The app that owns a model knows what in it is about a person; the privacy service
(tenants.privacy) only iterates what is registered here. An app registers its
declarations in its AppConfig.ready(), so a new model with personal data is covered by
writing one declaration next to it, and tests/test_personal_data_coverage.py fails
while it is not.

Every callable below receives the person's records (tenants.privacy.PersonRecords):
`email` (normalised), `user_ids` (their accounts in this buurt), `with_address(model,
field)` (the rows whose address field is theirs, by the one e-mail normalisation),
`verified_names` and every registered record set by name (`records["registrations"]`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import serializers

# Secrets and tokens never leave the database, not even in an export.
NEVER_EXPORTED = {"password", "token", "sender_hash"}


def as_rows(queryset_or_objects):
    """The records as plain dicts for the export, without secrets."""
    rows = serializers.serialize("python", queryset_or_objects)
    for row in rows:
        for field in NEVER_EXPORTED:
            row["fields"].pop(field, None)
    return [{"id": row["pk"], **row["fields"]} for row in rows]


@dataclass(frozen=True)
class PrivacyNotice:
    """What the privacy statement tells residents about one kind of record, in plain words:
    what is kept, why, and how long. Several record sets may share one notice (an account
    and everything made with it)."""

    what: str
    why: str
    kept: str


@dataclass(frozen=True)
class RecordSet:
    """One kind of record about a person, in one model.

    - `find(records)`: a queryset of the person's rows.
    - `export_as` / `export_order`: its key and place in the export (None: not exported,
      e.g. lines found by name only at erasure). `export_rows(queryset)` overrides the
      plain rows.
    - `erase_as` / `erase_order`: what erasure counts and when it deletes the rows (None:
      erased another way, named in `erased_by`). `erase(eraser, queryset)` overrides the
      plain deletion; otherwise the rows are deleted with a queryset delete, because a
      model's delete() guards do not apply to an erasure the law requires, and their
      log entries and revisions go too.
    - `erase_first`: erased before images and accounts (pages about the person, whose
      photos and translations go with them).
    - `identifies`: finding a row means the address is known in the buurt (an export or
      erasure of an unknown address is refused).
    - `notice`: what the privacy statement says about these records; every exported
      record set has one, so the statement cannot forget a kind of data the export shows.
    """

    name: str
    model: str  # "app_label.ModelName"
    find: Callable[[Any], Any]
    export_as: str | None = None
    export_order: int = 0
    export_rows: Callable[[Any], list] | None = None
    erase_as: str | None = None
    erase_order: int = 0
    erase: Callable[[Any, Any], None] | None = None
    erase_first: bool = False
    erased_by: str = ""
    identifies: bool = False
    notice: PrivacyNotice | None = None

    @classmethod
    def by_address(cls, name, model, field, **options):
        """The rows of `model` whose `field` is the person's address; finding one means
        the address is known in the buurt."""
        return cls(
            name=name,
            model=model._meta.label,
            find=lambda records: records.with_address(model, field),
            identifies=True,
            **options,
        )


@dataclass(frozen=True)
class FreeText:
    """Fields of `model` where the person's address is replaced wherever it stands, and
    their verified names only in the rows `linked(records)` returns (primary keys), taken
    before anything is erased."""

    model: str
    fields: tuple[str, ...]
    linked: Callable[[Any], Any]


_record_sets: dict[str, RecordSet] = {}
_free_text: dict[tuple[str, tuple[str, ...]], FreeText] = {}


def register(*declarations):
    """Add record sets and free-text fields; registering the same name again replaces it
    (AppConfig.ready() may run more than once in tests)."""
    for declaration in declarations:
        if isinstance(declaration, RecordSet):
            _record_sets[declaration.name] = declaration
        elif isinstance(declaration, FreeText):
            _free_text[(declaration.model, declaration.fields)] = declaration
        else:
            raise TypeError(f"Not a personal-data declaration: {declaration!r}")


def unregister(name):
    """Remove a record set (for tests that show the coverage check failing)."""
    return _record_sets.pop(name)


def record_sets():
    return list(_record_sets.values())


def record_set(name):
    """The record set registered under `name` (KeyError: no app declared it)."""
    return _record_sets[name]


def exported():
    return sorted((s for s in _record_sets.values() if s.export_as), key=lambda s: s.export_order)


def erased(first=False):
    return sorted(
        (s for s in _record_sets.values() if s.erase_first == first and (s.erase_as or s.erase)),
        key=lambda s: s.erase_order,
    )


def privacy_notices():
    """Each notice once, in the order of the export."""
    notices = []
    for record_set in exported():
        if record_set.notice and record_set.notice not in notices:
            notices.append(record_set.notice)
    return notices


def free_text():
    return list(_free_text.values())


def covered_models():
    """Labels of every model some declaration covers."""
    return {s.model for s in _record_sets.values()} | {f.model for f in _free_text.values()}
