from rest_framework.permissions import BasePermission

from portal.scoping import Scope


class IsStaffMember(BasePermission):
    """Signed-in staff with a scope (a governorate, a district, or the whole country)."""

    def has_permission(self, request, view) -> bool:
        return not Scope.of(request.user).is_empty
