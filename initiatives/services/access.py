"""Who may do what with initiatives and field work. Which rows a user sees is `for_user()`'s job;
these answer whether a user in scope may act."""

from portal.models import Role
from portal.scoping import Scope

GOVERNORATE_EDITORS = {Role.GOVERNOR, Role.GOVERNORATE_STAFF}


def _role(user) -> str | None:
    profile = getattr(user, "staff_profile", None)
    return profile.role if profile is not None and user.is_active else None


def governorate_editor(user, governorate_id: int | None = None) -> bool:
    """National administrators anywhere; governors and governorate staff in their governorate."""
    scope = Scope.of(user)
    if scope.is_national:
        return True
    if _role(user) not in GOVERNORATE_EDITORS:
        return False
    return governorate_id is None or governorate_id == scope.governorate_id


def field_worker(user, district) -> bool:
    """Whoever works in this district: its officers, and the governorate's editors."""
    scope = Scope.of(user)
    if governorate_editor(user, district.governorate_id):
        return True
    return _role(user) == Role.DISTRICT_OFFICER and scope.district_id == district.pk


def initiative_editor(user, initiative=None) -> bool:
    """Governorate editors edit their governorate's initiatives; a district officer those of their
    district (and creates new ones there)."""
    if initiative is None:
        return governorate_editor(user) or _role(user) == Role.DISTRICT_OFFICER
    if governorate_editor(user, initiative.governorate_id):
        return True
    district_id = Scope.of(user).district_id
    return (
        _role(user) == Role.DISTRICT_OFFICER
        and district_id is not None
        and initiative.districts.filter(pk=district_id).exists()
    )


def initiative_worker(user, initiative) -> bool:
    """Anyone working on the initiative: staff whose scope holds it and its partners' editors."""
    from initiatives.models import Initiative

    return _role(user) is not None and Initiative.objects.for_user(user).filter(pk=initiative.pk).exists()


def partner_editor(user) -> bool:
    return _role(user) == Role.PARTNER_EDITOR
