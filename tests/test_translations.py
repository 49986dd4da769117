"""Every string the interface shows exists in French: none missing, none fuzzy, .mo current.

The catalogue is regenerated from the code into a scratch copy (gettext's xgettext, via
Django's makemessages) so a string added without a translation fails here, not in front
of a French-speaking user.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "entregent"
PO = SRC / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _problems(catalogue: polib.POFile) -> list[str]:
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                problems.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


def test_the_committed_french_catalogue_is_complete() -> None:
    problems = _problems(polib.pofile(str(PO)))
    assert problems == [], "\n".join(problems[:50])


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    po = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(PO))
        if not e.obsolete and not e.msgid_plural
    }
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(MO)) if not e.msgid_plural}
    stale = {key: value for key, value in po.items() if key[1] and mo.get(key) != value}
    assert stale == {}, f"{len(stale)} entries differ: run `make messages`"


def test_every_string_in_the_code_is_in_the_french_catalogue(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("gettext is needed to extract strings: apt-get install -y gettext")
    copy = tmp_path / "entregent"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static"))
    env_dir = tmp_path / "data"
    env_dir.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "fr",
            "--no-location",
            "--settings=entregent.settings",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "ENTREGENT_DATA_DIR": str(env_dir),
            "PYTHONPATH": str(SRC.parent),
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr
    regenerated = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    problems = _problems(regenerated)
    assert problems == [], (
        "Strings without a French translation (run `make messages`):\n" + "\n".join(problems[:50])
    )
