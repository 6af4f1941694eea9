"""What each role may do in the Django admin. Scope (which rows) is `for_user()`'s job, not this."""

from portal.models import Role

GEOGRAPHY_VIEW = ["portal.view_governorate", "portal.view_district", "portal.view_village"]
COMPLAINTS_VIEW = ["complaints.view_complaint", "complaints.view_hearing"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.NATIONAL_ADMIN: [],  # a national administrator is a superuser
    Role.GOVERNOR: [*GEOGRAPHY_VIEW, *COMPLAINTS_VIEW, "portal.view_staffprofile"],
    Role.GOVERNORATE_STAFF: [*GEOGRAPHY_VIEW, *COMPLAINTS_VIEW, "portal.view_staffprofile"],
    Role.DISTRICT_OFFICER: [*GEOGRAPHY_VIEW, *COMPLAINTS_VIEW, "portal.view_staffprofile"],
    Role.PARTNER_EDITOR: [],
}
