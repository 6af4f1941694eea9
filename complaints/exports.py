"""Complaints in scope as CSV and XLSX (see portal.exports)."""

from django.utils.translation import gettext as _

from portal import exports
from portal.exports import XLSX_MAX_ROWS, local_time


def _columns():
    return [
        (_("Tracking code"), lambda c: c.tracking_code),
        (_("Governorate"), lambda c: c.governorate.name_ar),
        (_("District"), lambda c: c.district.name_ar),
        (_("Category"), lambda c: c.category.name),
        (_("Status"), lambda c: c.get_status_display()),
        (_("Channel"), lambda c: c.get_channel_display()),
        (_("Filed at"), lambda c: local_time(c.created_at)),
        (_("Due by"), lambda c: local_time(c.due_at)),
        (_("Resolved at"), lambda c: local_time(c.resolved_at)),
        (_("Rating"), lambda c: c.satisfaction or ""),
        (_("Escalation"), lambda c: c.get_escalation_level_display()),
        (_("Name"), lambda c: c.name),
        (_("Phone"), lambda c: c.phone),
        (_("Description"), lambda c: c.description),
    ]


def as_csv(complaints):
    return exports.as_csv(complaints.iterator(chunk_size=2000), _columns(), "complaints")


def as_xlsx(complaints):
    rows = complaints[:XLSX_MAX_ROWS].iterator(chunk_size=2000)
    return exports.as_xlsx(rows, _columns(), "complaints", _("Complaints"))
