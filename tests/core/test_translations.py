"""French is the default language: every user-facing string of the source is translated."""
import subprocess
import sys

from babel.messages.pofile import read_po

from civic import ROOT


def test_every_message_has_a_french_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "--ignore-dirs",
         ".* .venv node_modules", "-F", "pyproject.toml", "-k", "_l", "-k", "lazy_gettext",
         "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True, timeout=120)
    with pot.open("rb") as source:
        wanted = {m.id for m in read_po(source) if m.id}
    with (ROOT / "civic/translations/fr/LC_MESSAGES/messages.po").open("rb") as fr:
        catalogue = {m.id: m for m in read_po(fr) if m.id}
    missing = sorted(str(i) for i in wanted
                     if i not in catalogue or not catalogue[i].string
                     or "fuzzy" in catalogue[i].flags)
    assert missing == [], "run `make update-translations` and translate: " + repr(missing[:10])
