"""The one choke point for who sees what: a user's scope, and `for_user()` on scoped QuerySets.

A scoped model declares where its governorate and district live (`scope_paths`) and uses
`ScopedQuerySet` (or a subclass) as its manager. Every list, detail, export, admin and API view
of such a model goes through `for_user(user)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.db import models


class ScopePaths(NamedTuple):
    """Lookup paths from a scoped model to its governorate and (optionally) its district."""

    governorate: str
    district: str | None = None
    # For partner editors: the path to the organisations taking part (initiatives they work on).
    organization: str | None = None


@dataclass(frozen=True)
class Scope:
    """What part of the country a user may see: everything, a governorate, a district, or nothing."""

    is_national: bool = False
    governorate_id: int | None = None
    district_id: int | None = None
    organization_id: int | None = None  # a partner editor's organisation

    @property
    def is_empty(self) -> bool:
        """No governorate or country to work in (partner editors reach only their initiatives)."""
        return not (self.is_national or self.governorate_id)

    @classmethod
    def of(cls, user) -> Scope:
        """The user's scope, memoised on the user object for the length of the request."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls()
        cached = getattr(user, "_portal_scope", None)
        if cached is None:
            cached = cls._from_profile(user)
            user._portal_scope = cached
        return cached

    @classmethod
    def _from_profile(cls, user) -> Scope:
        if user.is_superuser:
            return cls(is_national=True)
        profile = getattr(user, "staff_profile", None)
        if profile is None:
            return cls()
        if profile.is_national:
            return cls(is_national=True)
        return cls(
            governorate_id=profile.governorate_id,
            district_id=profile.district_id,
            organization_id=profile.organization_id,
        )


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user) -> ScopedQuerySet:
        return self.within(Scope.of(user))

    def within(self, scope: Scope) -> ScopedQuerySet:
        if scope.is_national:
            return self.all()
        # A model without scope_paths fails here, loudly, rather than leaking.
        paths: ScopePaths = self.model.scope_paths
        if scope.district_id and paths.district:
            return self.filter(**{paths.district: scope.district_id})
        if scope.governorate_id:
            return self.filter(**{paths.governorate: scope.governorate_id})
        if scope.organization_id and paths.organization:
            # A subquery rather than a join, so a partner with two roles does not double rows.
            taking_part = self.model._base_manager.filter(**{paths.organization: scope.organization_id})
            return self.filter(pk__in=taking_part.values("pk"))
        return self.none()
