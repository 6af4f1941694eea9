from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.scoping import Scope


def navigation(request):
    """The menu a person sees, by what they may do."""
    user = request.user
    items = [
        (_("File a complaint"), reverse("complaints:new")),
        (_("Follow a complaint"), reverse("complaints:track")),
        (_("Programs"), reverse("programs:list")),
        (_("Partners"), reverse("programs:partners")),
    ]
    scope = Scope.of(user)
    if not scope.is_empty:
        items.append((_("My workspace"), reverse("portal:workspace")))
        items.append((_("Complaints inbox"), reverse("complaints:inbox")))
        items.append((_("Manage programs"), reverse("programs:manage")))
    if user.is_authenticated and getattr(getattr(user, "staff_profile", None), "organization_id", None):
        items.append((_("Our organisation"), reverse("programs:mine")))
        items.append((_("Results reports"), reverse("programs:reports")))
    if user.is_authenticated and user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    return {"nav_items": items, "user_scope": scope}
