from pathlib import Path

import polib
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_every_arabic_message_is_translated():
    catalogue = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == [] and fuzzy == []


def test_compiled_catalogue_matches_the_sources():
    """The committed .mo holds every translation of the .po, so Arabic shows without GNU gettext."""
    source = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.mo"))

    def pairs(catalogue):
        return {(e.msgctxt, e.msgid, e.msgstr) for e in catalogue if e.msgid and not e.obsolete}

    assert pairs(source) == pairs(compiled)


def test_contextual_words_translate_by_context():
    from django.utils.translation import pgettext

    with translation.override("ar"):
        assert pgettext("saudi unit", "Region") == "منطقة"
        assert pgettext("district kind", "Other") == "أخرى"
