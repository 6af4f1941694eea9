import pytest

from portal.text import normalize_arabic


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أسوان", "اسوان"),
        ("إسنا", "اسنا"),
        ("نجع حمادى", "نجع حمادي"),
        ("مدينة قنا الجديدة", "مدينه قنا الجديده"),
        ("قِنَا", "قنا"),
        ("قـــنا", "قنا"),
        ("  Nag   Hammadi ", "nag hammadi"),
    ],
)
def test_spelling_variants_fold_to_one_form(variant, plain):
    assert normalize_arabic(variant) == normalize_arabic(plain)
