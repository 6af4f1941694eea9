"""Arabic text: normalisation for search, so that spelling variants find each other, and names by language."""

import re
import unicodedata

from django.utils.translation import get_language

# Harakat, shadda, sukun, superscript alef, and the tatweel used to stretch words.
_DIACRITICS_AND_TATWEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_VARIANTS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
_SPACES = re.compile(r"\s+")


def normalize_arabic(text: str) -> str:
    """Fold a name or query to the form stored in `*_search` columns (also folds Latin case)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _DIACRITICS_AND_TATWEEL.sub("", text).translate(_LETTER_VARIANTS)
    return _SPACES.sub(" ", text).strip().casefold()


def localized_name(name_ar: str, name_en: str) -> str:
    """The English name on English pages when there is one; the Arabic name everywhere else."""
    if (get_language() or "ar").startswith("en") and name_en:
        return name_en
    return name_ar


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text without invisible control characters (they break XML and spreadsheets), trimmed."""
    return _CONTROL_CHARACTERS.sub("", text or "").strip()
