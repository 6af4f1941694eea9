"""Success stories and award cycles: public stories and results, and the scoped nominations with the
jury's scoring verb."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from initiatives.filters.stories import AwardCycleFilterSet, NominationFilterSet, SuccessStoryFilterSet
from initiatives.models import AwardCriterion, AwardCycle, InitiativePartner, Nomination, SuccessStory
from initiatives.services.awards import nomination_score, region_ranking
from portal.api.mixins import ScopedViewSetMixin
from portal.api.permissions import IsStaffMember
from programs.models import Organization

# Serializers -------------------------------------------------------------------------------------


class SuccessStorySerializer(serializers.ModelSerializer):
    initiative = serializers.IntegerField(source="initiative_id", read_only=True)
    governorate = serializers.CharField(source="initiative.governorate.code", read_only=True)
    theme = serializers.CharField(source="initiative.theme", read_only=True)
    sector = serializers.CharField(source="initiative.sector", read_only=True)
    partners = serializers.SerializerMethodField()
    replicated_in = serializers.SerializerMethodField()

    class Meta:
        model = SuccessStory
        fields = [
            "id", "initiative", "governorate", "theme", "sector", "title_ar", "title_en", "problem",
            "intervention", "results", "cost", "currency", "lessons", "how_to_replicate", "published_at",
            "partners", "replicated_in",
        ]  # fmt: skip

    def get_partners(self, story) -> list[str]:
        """Verified partner organisations only (their slugs)."""
        return [partner.organization.slug for partner in story.initiative.verified_partners]

    def get_replicated_in(self, story) -> list[str]:
        return [replication.governorate.code for replication in story.replications.all()]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardCriterion
        fields = ["id", "name_ar", "name_en", "weight", "max_score"]


class RankedNominationSerializer(serializers.ModelSerializer):
    title_ar = serializers.CharField(source="initiative.title_ar")
    title_en = serializers.CharField(source="initiative.title_en")
    governorate = serializers.CharField(source="governorate.code")

    class Meta:
        model = Nomination
        fields = ["id", "initiative", "title_ar", "title_en", "governorate", "theme", "score",
                  "rank_in_theme", "is_winner"]  # fmt: skip


class AwardCycleSerializer(serializers.ModelSerializer):
    host_governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    nomination_count = serializers.IntegerField(read_only=True)
    results = serializers.SerializerMethodField()
    region_ranking = serializers.SerializerMethodField()

    class Meta:
        model = AwardCycle
        fields = [
            "id", "title_ar", "title_en", "year", "host_governorate", "themes", "nominations_open_on",
            "nominations_close_on", "results_on", "status", "published_at", "criteria", "nomination_count",
            "results", "region_ranking",
        ]  # fmt: skip

    @extend_schema_field(RankedNominationSerializer(many=True, allow_null=True))
    def get_results(self, cycle) -> list[dict] | None:
        """The ranked nominations, once the results are published."""
        if cycle.status != AwardCycle.Status.PUBLISHED:
            return None
        return RankedNominationSerializer(cycle.nominations.all(), many=True).data

    def get_region_ranking(self, cycle) -> list[dict] | None:
        if cycle.status != AwardCycle.Status.PUBLISHED:
            return None
        return [
            {"governorate": s.governorate.code, "rank": s.rank, "wins": s.wins, "nominations": s.nominations,
             "mean_score": s.mean_score}
            for s in region_ranking(cycle.nominations.all())  # prefetched with their governorate
        ]  # fmt: skip


class NominationSerializer(serializers.ModelSerializer):
    title_ar = serializers.CharField(source="initiative.title_ar", read_only=True)
    governorate = serializers.CharField(source="governorate.code", read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "cycle", "initiative", "title_ar", "governorate", "theme", "statement", "created_at",
                  "score", "rank_in_theme", "is_winner"]  # fmt: skip


# Viewsets ----------------------------------------------------------------------------------------


def _verified_partners():
    return Prefetch(
        "initiative__partners",
        queryset=InitiativePartner.objects.filter(organization__status=Organization.Status.VERIFIED)
        .select_related("organization"),
        to_attr="verified_partners",
    )  # fmt: skip


class SuccessStoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published success stories. Filters: theme, sector, governorate (code), q (Arabic search)."""

    queryset = SuccessStory.objects.published().select_related("initiative__governorate").prefetch_related(
        _verified_partners(), "replications__governorate"
    )  # fmt: skip
    serializer_class = SuccessStorySerializer
    filterset_class = SuccessStoryFilterSet
    permission_classes = [AllowAny]


class AwardCycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Award cycles with their themes, dates and criteria; published ones with the ranked nominations
    and the ranking of governorates and regions."""

    queryset = AwardCycle.objects.select_related("host_governorate").annotate(
        nomination_count=Count("nominations")
    ).order_by("-year", "pk").prefetch_related(
        "criteria",
        Prefetch("nominations", queryset=Nomination.objects.select_related("initiative", "governorate")),
    )  # fmt: skip
    serializer_class = AwardCycleSerializer
    filterset_class = AwardCycleFilterSet
    permission_classes = [AllowAny]


class IsStaffOrJuror(BasePermission):
    """Staff with a scope, or a juror of any cycle (jurors need not be staff)."""

    def has_permission(self, request, view) -> bool:
        if IsStaffMember().has_permission(request, view):
            return True
        return request.user.is_authenticated and request.user.award_juries.exists()


class NominationViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Nominations in the user's scope, and those assigned to them as a juror.
    `POST {id}/score/` with `{criterion_id: value}` scores an assigned nomination."""

    queryset = Nomination.objects.select_related("initiative", "governorate")
    serializer_class = NominationSerializer
    filterset_class = NominationFilterSet
    permission_classes = [IsStaffOrJuror]

    def get_queryset(self):
        # The scope still goes through the one choke point (the mixin's for_user). The issue adds one
        # rule for jurors: they also see the nominations assigned to them, wherever they come from.
        # Both sides are subqueries of primary keys, so a row is never doubled by the joins.
        in_scope = super().get_queryset()
        assigned = Nomination.objects.assigned_to(self.request.user)
        return self.queryset.filter(Q(pk__in=in_scope.values("pk")) | Q(pk__in=assigned.values("pk")))

    @extend_schema(
        request={"application/json": {"type": "object", "additionalProperties": {"type": "integer"}}}
    )
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        # Only a nomination assigned to this juror can be scored; anything else is not there (404).
        nomination = get_object_or_404(Nomination.objects.assigned_to(request.user), pk=pk)
        values = _score_values(request.data)
        if values is None:
            return Response({"detail": [_("Send one whole number per criterion id.")]}, status=400)
        try:
            nomination_score(nomination=nomination, juror=request.user, values=values)
        except ValidationError as error:
            return Response({"detail": error.messages}, status=400)
        return Response(self.get_serializer(nomination).data)


def _score_values(data) -> dict[int, int] | None:
    """`{"12": 8, "13": 5}` as `{12: 8, 13: 5}`; None when a key or value is not a whole number."""
    try:
        return {int(key): _whole(value) for key, value in dict(data).items()}
    except (TypeError, ValueError):
        return None


def _whole(value) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError
    return int(value)
