"""What a district officer checks on each kind of inspection round (Qena's governor asks for continuous
field follow-up of roads, lighting, public utilities and markets)."""

from django.utils.translation import gettext_lazy as _

ANSWERS = {"ok": _("Fine"), "fault": _("Fault"), "na": _("Not applicable")}

CHECKLISTS = {
    "roads": [
        ("surface", _("Road surface free of potholes and cracks")),
        ("drainage", _("Rain drains open and clean")),
        ("signs", _("Traffic signs and markings visible")),
        ("sidewalks", _("Sidewalks passable and free of encroachments")),
        ("debris", _("No rubble or waste on the road")),
    ],
    "lighting": [
        ("poles_working", _("Street lamps working at night")),
        ("poles_safe", _("Poles upright, no exposed wires")),
        ("daytime_off", _("Lamps switched off in daytime")),
        ("coverage", _("No dark stretches between lamps")),
    ],
    "utilities": [
        ("water_pressure", _("Drinking water reaches the area")),
        ("sewage_overflow", _("No sewage overflow")),
        ("manholes", _("Manholes covered")),
        ("waste_collection", _("Waste collected on schedule")),
        ("public_buildings", _("Public buildings in working order")),
    ],
    "markets": [
        ("licences", _("Stalls licensed and in their places")),
        ("hygiene", _("Food hygiene and cold storage")),
        ("prices", _("Prices displayed")),
        ("scales", _("Scales and measures calibrated")),
        ("fire_safety", _("Fire safety and clear exits")),
        ("cleanliness", _("Market clean, waste removed")),
    ],
    "site": [
        ("on_schedule", _("Work progressing as scheduled")),
        ("workers_present", _("Contractor's crew on site")),
        ("safety", _("Site fenced and safe for passers-by")),
        ("quality", _("Materials and workmanship as specified")),
        ("signboard", _("Project signboard displayed")),
    ],
}


def checklist_items(kind: str) -> list[tuple[str, str]]:
    return CHECKLISTS.get(kind, [])


def checklist_faults(kind: str, answers: dict) -> list[str]:
    """Labels of the items answered as faults, in checklist order."""
    return [str(label) for code, label in checklist_items(kind) if answers.get(code) == "fault"]
