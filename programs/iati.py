"""Programs as IATI activity XML, version 2.03 (https://iatistandard.org/en/iati-standard/203/).

Reporting-organisation identifiers are the portal's own (country code, GOV, governorate code) until
the governorates register identifiers of their own.
"""

from xml.etree.ElementTree import Element, SubElement, tostring

from django.utils import timezone

from portal.text import clean_text
from programs.models import Organization, OrganizationType, Partnership, Program, ReportingPeriod

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IATI_ROLES = {"1", "2", "3", "4"}
TECHNICAL_ROLE_AS = "4"  # IATI has no knowledge-partner role; technical partners implement with the program
SDG_GOALS_VOCABULARY, SDG_TARGETS_VOCABULARY = "2", "3"
DAC_5_DIGIT_VOCABULARY = "1"
ORIGINAL_BUDGET, INDICATIVE = "1", "1"
OUTCOME = "2"


def activities_xml(programs) -> bytes:
    root = Element("iati-activities", {"version": "2.03", "generated-datetime": _now()})
    for program in programs:
        root.append(activity(program))
    return tostring(root, encoding="utf-8", xml_declaration=True)


def activity(program: Program) -> Element:
    element = Element(
        "iati-activity",
        {
            "last-updated-datetime": program.updated_at.isoformat(timespec="seconds"),
            XML_LANG: "ar",
            "default-currency": program.currency,
            "hierarchy": "1",
        },
    )
    reporting_ref, reporting_names, reporting_type = _reporting_org(program)
    SubElement(element, "iati-identifier").text = f"{reporting_ref}-{program.slug}"
    _narratives(
        SubElement(element, "reporting-org", {"ref": reporting_ref, "type": reporting_type}), *reporting_names
    )
    _narratives(SubElement(element, "title"), program.title_ar, program.title_en)
    _narratives(
        SubElement(element, "description", {"type": "1"}), program.description_ar, program.description_en
    )
    # The reporting governorate (or ministry) is accountable for its own program.
    _narratives(
        SubElement(element, "participating-org", {"ref": reporting_ref, "role": "2", "type": reporting_type}),
        *reporting_names,
    )
    for partnership in program.partnerships.all():
        _participating_org(element, partnership)
    SubElement(element, "activity-status", {"code": program.status})
    _dates(element, program)
    for country in _countries(program):
        SubElement(element, "recipient-country", {"code": country, "percentage": _share(program)})
    SubElement(element, "sector", {"code": program.sector_code, "vocabulary": DAC_5_DIGIT_VOCABULARY})
    for goal in program.sdg_goal_list:
        SubElement(element, "tag", {"code": goal, "vocabulary": SDG_GOALS_VOCABULARY})
    for target in program.sdg_target_list:
        SubElement(element, "tag", {"code": target, "vocabulary": SDG_TARGETS_VOCABULARY})
    _budget(element, program)
    for objective in program.objectives.all():
        _result(element, objective)
    return element


def _now() -> str:
    return timezone.now().isoformat(timespec="seconds")


def _reporting_org(program: Program) -> tuple[str, tuple[str, str], str]:
    governorate = program.lead_governorate
    if governorate is None:
        return (
            "EG-GOV-MOLD",
            ("وزارة التنمية المحلية", "Ministry of Local Development"),
            OrganizationType.GOVERNMENT,
        )
    country = governorate.country.code
    return (
        f"{country}-GOV-{governorate.code.replace('-', '')}",
        (governorate.name_ar, governorate.name_en),
        OrganizationType.LOCAL_GOVERNMENT,
    )


def _narratives(parent: Element, arabic: str, english: str = ""):
    SubElement(parent, "narrative").text = clean_text(arabic)
    if english:
        SubElement(parent, "narrative", {XML_LANG: "en"}).text = clean_text(english)


def _participating_org(parent: Element, partnership: Partnership):
    organization: Organization = partnership.organization
    role = partnership.role if partnership.role in IATI_ROLES else TECHNICAL_ROLE_AS
    attributes = {"role": role, "type": organization.org_type}
    if organization.iati_ref:
        attributes["ref"] = organization.iati_ref
    _narratives(
        SubElement(parent, "participating-org", attributes), organization.name_ar, organization.name_en
    )


def _dates(parent: Element, program: Program):
    started = program.status not in (Program.Status.PIPELINE,)
    SubElement(
        parent, "activity-date", {"type": "2" if started else "1", "iso-date": program.start_date.isoformat()}
    )
    if program.end_date:
        ended = program.status in (Program.Status.CLOSED, Program.Status.CANCELLED)
        SubElement(
            parent, "activity-date", {"type": "4" if ended else "3", "iso-date": program.end_date.isoformat()}
        )


def _countries(program: Program) -> list[str]:
    codes = {governorate.country.code for governorate in program.governorates.all()}
    if program.lead_governorate:
        codes.add(program.lead_governorate.country.code)
    return sorted(codes) or ["EG"]


def _share(program: Program) -> str:
    return f"{100 / len(_countries(program)):.2f}"


def _budget(parent: Element, program: Program):
    if program.budget is None or program.end_date is None:
        return  # IATI budgets need a period with an end
    budget = SubElement(parent, "budget", {"type": ORIGINAL_BUDGET, "status": INDICATIVE})
    SubElement(budget, "period-start", {"iso-date": program.start_date.isoformat()})
    SubElement(budget, "period-end", {"iso-date": program.end_date.isoformat()})
    value = SubElement(
        budget, "value", {"currency": program.currency, "value-date": program.start_date.isoformat()}
    )
    value.text = f"{program.budget:.2f}"


def _result(parent: Element, objective) -> None:
    indicators = list(objective.indicators.all())
    if not indicators:
        return  # IATI needs at least one indicator per result
    result = SubElement(parent, "result", {"type": OUTCOME})
    _narratives(SubElement(result, "title"), objective.title_ar, objective.title_en)
    for indicator in indicators:
        _indicator(result, indicator)


def _indicator(parent: Element, indicator) -> None:
    element = SubElement(
        parent, "indicator", {"measure": indicator.measure, "ascending": "1" if indicator.ascending else "0"}
    )
    _narratives(SubElement(element, "title"), indicator.title_ar, indicator.title_en)
    SubElement(
        element,
        "baseline",
        {"year": str(indicator.baseline_year), "value": _number(indicator.baseline_value)},
    )
    for period in indicator.periods.all():
        entry = SubElement(element, "period")
        SubElement(entry, "period-start", {"iso-date": period.period_start.isoformat()})
        SubElement(entry, "period-end", {"iso-date": period.period_end.isoformat()})
        SubElement(entry, "target", {"value": _number(period.target_value)})
        if period.status == ReportingPeriod.Status.APPROVED:  # only reviewed actuals are published
            SubElement(entry, "actual", {"value": _number(period.actual_value)})


def _number(value) -> str:
    return f"{value.normalize():f}"
