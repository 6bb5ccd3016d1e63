"""Uploaded documents are judged by what they contain, not by the name they carry:
a .pdf must be a PDF, a .docx an Office zip, a .txt plain text. A renamed
executable, HTML page or SVG is refused with a clear message. (Wagtail itself refuses
files over WAGTAILDOCS_MAX_UPLOAD_SIZE.)"""

import zipfile
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from buurtpages.file_replacement import DOCUMENT_IN_USE_MESSAGE, ReviewedFileReplacementMixin

ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt"}
TEXT_FORMATS = {"txt", "csv"}
MAGIC = {"pdf": b"%PDF-", "rtf": b"{\\rtf"}
# Bytes that never occur in a text file; their presence means a binary in disguise.
BINARY_BYTES = (
    bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1B)) + b"\x1c\x1d\x1e\x1f\x7f"
)


def is_zip_of_kind(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    if extension == "odt":
        return "mimetype" in names
    return "[Content_Types].xml" in names


def is_plain_text(head):
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut off at the end
            return False
        text = head[: error.start].decode("utf-8")
    lowered = text.lstrip().lower()
    looks_like_markup = lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script"))
    return not looks_like_markup and not any(byte in BINARY_BYTES for byte in head)


def content_matches(upload, extension):
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension in MAGIC:
        return head.startswith(MAGIC[extension])
    if extension in ZIP_FORMATS:
        return is_zip_of_kind(upload, extension)
    if extension in TEXT_FORMATS:
        return is_plain_text(head)
    return False


class DocumentForm(ReviewedFileReplacementMixin, BaseDocumentForm):
    in_use_message = DOCUMENT_IN_USE_MESSAGE

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        if not content_matches(upload, extension):
            raise forms.ValidationError(
                _("The content of this file is not a .%(extension)s file."),
                params={"extension": extension},
                code="content_mismatch",
            )
        return upload
