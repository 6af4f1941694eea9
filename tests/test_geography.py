import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from portal.models import Country, District, Governorate, Village
from portal.text import normalize_arabic


def _counts():
    return {
        "egypt_governorates": Governorate.objects.filter(country__code="EG").count(),
        "egypt_districts": District.objects.filter(governorate__country__code="EG").count(),
        "villages": Village.objects.count(),
        "saudi_regions": Governorate.objects.filter(country__code="SA").count(),
        "saudi_governorates": District.objects.filter(governorate__country__code="SA").count(),
    }


@pytest.fixture
def geo_copy(tmp_path):
    """A writable copy of the official CSVs to break in tests."""
    copy = tmp_path / "geo"
    shutil.copytree(settings.GEO_DATA_DIR, copy, ignore=shutil.ignore_patterns("*.geojson", "*.topojson"))
    return copy


@pytest.mark.django_db
def test_load_geography_loads_every_unit_of_the_official_files():
    call_command("load_geography", verbosity=0)

    assert _counts() == {
        "egypt_governorates": 27,
        "egypt_districts": 351,
        "villages": 5716,
        "saudi_regions": 13,
        "saudi_governorates": 150,
    }
    qena_markaz = District.objects.get(code="EG2702")
    assert (qena_markaz.governorate.code, qena_markaz.kind, qena_markaz.name_ar) == (
        "EG27",
        "markaz",
        "مركز قنا",
    )
    assert District.objects.get(code="00301").governorate.code == "SA-03"
    assert Governorate.objects.get(code="SA-14").name_en == "Asir Region"


@pytest.mark.django_db
def test_second_load_changes_nothing(capsys):
    call_command("load_geography", verbosity=0)
    before = list(Village.objects.order_by("code").values_list("code", "district_id", "name_ar"))

    call_command("load_geography")

    output = capsys.readouterr().out
    assert "5716 in the files · 0 created · 0 updated · 5716 unchanged" in output
    assert list(Village.objects.order_by("code").values_list("code", "district_id", "name_ar")) == before


@pytest.mark.django_db
def test_a_renamed_district_in_the_files_is_updated(geo_copy):
    call_command("load_geography", geo_copy, verbosity=0)
    path = geo_copy / "egypt" / "adm2_qism_markaz.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("مركز قنا,Qina", "مركز قِنا,Qena"), encoding="utf-8"
    )

    call_command("load_geography", geo_copy, verbosity=0)

    district = District.objects.get(code="EG2702")
    assert district.name_en == "Qena"
    assert district.name_search == normalize_arabic("مركز قنا Qena")


BREAKAGES = {
    "unknown parent": ("egypt/adm3_shiakha_village.csv", "EG270201,EG2702,EG27", "EG270201,EG9999,EG27"),
    "unknown kind": ("egypt/adm2_qism_markaz.csv", "EG2702,EG27,markaz", "EG2702,EG27,hamlet"),
    "empty name": ("egypt/governorates.csv", "قنا,Qena", ",Qena"),
    "bad coordinate": ("egypt/governorates.csv", "33.12992,26.01056", "33.12992,north"),
    "duplicate code": ("saudi/regions.csv", "003,SA-03", "003,SA-02"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_malformed_file_is_refused_and_changes_nothing(geo_copy, breakage):
    call_command("load_geography", verbosity=0)
    before = _counts()
    name, good, bad = BREAKAGES[breakage]
    path = geo_copy / name
    path.write_text(path.read_text(encoding="utf-8").replace(good, bad, 1), encoding="utf-8")
    District.objects.filter(code="EG2702").update(name_en="changed by hand")

    with pytest.raises(CommandError, match=name.split("/")[-1]):
        call_command("load_geography", geo_copy, verbosity=0)

    assert _counts() == before
    assert District.objects.get(code="EG2702").name_en == "changed by hand"


@pytest.mark.django_db
def test_a_missing_file_is_named_and_nothing_is_loaded(geo_copy):
    (geo_copy / "saudi" / "regions.csv").unlink()

    with pytest.raises(CommandError, match=r"regions\.csv"):
        call_command("load_geography", geo_copy, verbosity=0)

    assert Country.objects.count() == 0


@pytest.mark.django_db
def test_a_file_missing_columns_is_refused(geo_copy):
    (geo_copy / "egypt" / "governorates.csv").write_text("code,name\nEG27,قنا\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"governorates\.csv"):
        call_command("load_geography", geo_copy, verbosity=0)

    assert Governorate.objects.count() == 0
