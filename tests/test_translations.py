"""The English catalogue is complete: every message has a translation, none is left fuzzy, the
named placeholders survive translation, and the committed .mo matches the .po.

The .po is parsed here in plain Python (no polib, no msgfmt), so the check runs anywhere. Adding
strings to the code without running ``makemessages`` is not caught here (that would be too slow);
running it and leaving the new entries empty, or leaving its fuzzy guesses, is.
"""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"
PO_PATH = CATALOGUE / "django.po"
MO_PATH = CATALOGUE / "django.mo"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")
_NAMED = re.compile(r"%\((\w+)\)")


@dataclass
class Entry:
    line: int
    flags: set = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # plural index (0 when singular) -> text

    @property
    def label(self):
        return f"line {self.line}: {self.msgid[:60]!r}"


def _unquote(text):
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(text):
    """The catalogue's live entries (obsolete ``#~`` ones left out), header included."""
    entries = []
    entry = None
    current = None

    def finish():
        if entry is not None and (entry.msgstr or entry.msgid):
            entries.append(entry)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            entry, current = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert current is not None, f"line {number}: a string with no keyword before it"
            kind, index = current
            if kind == "msgstr":
                entry.msgstr[index] += _unquote(line)
            else:
                setattr(entry, kind, getattr(entry, kind) + _unquote(line))
        else:
            match = _KEYWORD.match(line)
            assert match, f"line {number}: cannot parse {raw!r}"
            keyword, value = match.group(1), _unquote(match.group(2))
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if "[" in keyword else 0
                entry.msgstr[index] = value
                current = ("msgstr", index)
            else:
                setattr(entry, keyword, value)
                current = (keyword, None)
    finish()
    return entries


@pytest.fixture(scope="module")
def entries():
    return [entry for entry in parse_po(PO_PATH.read_text(encoding="utf-8")) if entry.msgid]


def test_the_catalogue_has_entries(entries):
    # A parser that silently found nothing would pass every test below.
    assert len(entries) > 500


def test_every_message_is_translated(entries):
    untranslated = [
        entry.label for entry in entries if not entry.msgstr or any(not s for s in entry.msgstr.values())
    ]
    message = f"{len(untranslated)} untranslated in {PO_PATH.name}:\n"
    assert not untranslated, message + "\n".join(untranslated)


def test_no_translation_is_fuzzy(entries):
    fuzzy = [entry.label for entry in entries if "fuzzy" in entry.flags]
    message = f"{len(fuzzy)} fuzzy in {PO_PATH.name} (check each, fix it, drop the flag):\n"
    assert not fuzzy, message + "\n".join(fuzzy)


def test_plural_messages_have_both_forms(entries):
    # English: nplurals=2.
    broken = [
        entry.label for entry in entries if entry.msgid_plural is not None and set(entry.msgstr) != {0, 1}
    ]
    assert not broken, "\n".join(broken)


def test_named_placeholders_survive_translation(entries):
    """A placeholder the source does not have raises KeyError when the string is formatted; one
    the translation drops loses the value (plural forms may drop the count, as "one item" does)."""
    broken = []
    for entry in entries:
        if "python-format" not in entry.flags:
            continue
        source = set(_NAMED.findall(entry.msgid)) | set(_NAMED.findall(entry.msgid_plural or ""))
        for index, text in entry.msgstr.items():
            found = set(_NAMED.findall(text))
            if entry.msgid_plural is None:
                wrong = found != source
            else:
                wrong = not found <= source
            if wrong:
                broken.append(f"{entry.label} [{index}]: {sorted(found)} vs {sorted(source)}")
    assert not broken, "\n".join(broken)


def test_the_compiled_catalogue_matches_the_po(entries):
    """``compilemessages`` was run after the last edit: django.mo has every translation as the .po."""
    with MO_PATH.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    stale = []
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if catalog.get(key) != entry.msgstr.get(0):
                stale.append(entry.label)
        elif any(catalog.get((key, index)) != text for index, text in entry.msgstr.items()):
            stale.append(entry.label)
    message = f"{len(stale)} differ between django.po and django.mo (run `make messages`):\n"
    assert not stale, message + "\n".join(stale)
