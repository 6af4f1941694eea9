from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.scoping import Scope


def navigation(request):
    """The menu a person sees: the public pages, and the work their role gives them."""
    user = request.user
    public = [
        (_("File a complaint"), reverse("complaints:new")),
        (_("Follow a complaint"), reverse("complaints:track")),
        (_("Programs"), reverse("programs:list")),
        (_("Partners"), reverse("programs:partners")),
        (_("Initiatives"), reverse("initiatives:list")),
        (_("Success stories"), reverse("initiatives:stories")),
        (_("Investment map"), reverse("investments:map")),
    ]
    scope = Scope.of(user)
    return {
        "nav_items": public,
        "work_items": _work_items(user, scope),
        "user_scope": scope,
        "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
    }


def _work_items(user, scope: Scope) -> list[tuple[str, str]]:
    items = []
    if not scope.is_empty:
        items += [
            (_("My workspace"), reverse("portal:workspace")),
            (_("Performance dashboard"), reverse("indicators:dashboard")),
            (_("Figures entered by hand"), reverse("indicators:entries")),
            (_("Complaints inbox"), reverse("complaints:inbox")),
            (_("Manage programs"), reverse("programs:manage")),
            (_("Results reports"), reverse("programs:reports")),
            (_("Initiatives and projects"), reverse("initiatives:manage")),
            (_("Progress reports"), reverse("initiatives:progress")),
            (_("Obstacles"), reverse("initiatives:obstacles")),
            (_("Field inspections"), reverse("initiatives:inspections")),
            (_("Directives"), reverse("initiatives:directives")),
            (_("Awards"), reverse("initiatives:awards")),
            (_("State assets"), reverse("investments:manage")),
        ]
    if user.is_authenticated and getattr(getattr(user, "staff_profile", None), "organization_id", None):
        items += [
            (_("Our organisation"), reverse("programs:mine")),
            (_("Results reports"), reverse("programs:reports")),
            # The initiatives their organisation takes part in: progress and obstacles, not field work.
            (_("Initiatives and projects"), reverse("initiatives:manage")),
            (_("Progress reports"), reverse("initiatives:progress")),
            (_("Obstacles"), reverse("initiatives:obstacles")),
        ]
    if user.is_authenticated and user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    return list(dict.fromkeys(items))  # a partner's editor with a scope would see reports twice
