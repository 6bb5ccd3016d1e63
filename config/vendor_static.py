"""Copy the pinned front-end packages from node_modules into static/vendor.

The public pages must not load anything from a CDN at run time (privacy, CSP, offline
demos), so `make install` installs the npm packages listed in package.json and this
module copies only the files the templates use into `static/vendor/`, which is not
committed. Run it with `python -m config.vendor_static`.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

# (source under node_modules, destination under static/vendor)
FILES = [
    ("@utrecht/component-library-css/dist/index.css", "utrecht/component-library.css"),
    ("@utrecht/component-library-css/LICENSE.md", "utrecht/LICENSE-component-library.md"),
    ("@utrecht/design-tokens/dist/index.css", "utrecht/design-tokens.css"),
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("@fontsource/noto-sans-arabic/LICENSE", "fonts/LICENSE-noto-sans-arabic"),
    ("@fontsource/noto-sans-ethiopic/LICENSE", "fonts/LICENSE-noto-sans-ethiopic"),
]
DIRECTORIES = [("leaflet/dist/images", "leaflet/images")]
# Only the script subsets in regular and bold: the Latin text keeps the system font.
FONT_GLOBS = [
    ("@fontsource/noto-sans-arabic/files", "noto-sans-arabic-arabic-[47]00-normal.woff2"),
    ("@fontsource/noto-sans-ethiopic/files", "noto-sans-ethiopic-ethiopic-[47]00-normal.woff2"),
]


def vendor():
    if not NODE_MODULES.is_dir():
        sys.exit("node_modules is missing: run `make install` (it runs npm ci).")
    copied = 0
    for source, destination in FILES:
        copied += _copy(NODE_MODULES / source, VENDOR / destination)
    for source, destination in DIRECTORIES:
        for path in sorted((NODE_MODULES / source).iterdir()):
            copied += _copy(path, VENDOR / destination / path.name)
    for source, pattern in FONT_GLOBS:
        for path in sorted((NODE_MODULES / source).glob(pattern)):
            copied += _copy(path, VENDOR / "fonts" / path.name)
    print(f"Vendored {copied} front-end files into {VENDOR.relative_to(ROOT)}/")


# A source-map comment names a .map file the packages ship but we do not vendor; the
# manifest storage of `collectstatic` (whitenoise) follows it and fails on the missing file.
SOURCE_MAP_COMMENT = re.compile(
    r"^[ \t]*(?://[#@] sourceMappingURL=\S+|/\*[#@] sourceMappingURL=\S+ ?\*/)[ \t]*\n?", re.M
)


def without_source_map(text):
    return SOURCE_MAP_COMMENT.sub("", text)


def _copy(source, destination):
    if not source.exists():
        sys.exit(f"{source.relative_to(ROOT)} is missing: run `make install` again.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix in (".js", ".css"):
        destination.write_text(without_source_map(source.read_text(encoding="utf-8")), "utf-8")
    else:
        shutil.copyfile(source, destination)
    return 1


if __name__ == "__main__":
    vendor()
