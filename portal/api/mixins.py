class ScopedViewSetMixin:
    """Limit a viewset's queryset to the requesting user's scope (the one choke point)."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)
