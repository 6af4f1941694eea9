"""Award cycles: nominations, the jury's scores against weighted criteria, and the rankings."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import AwardCriterion, AwardCycle, Initiative, Nomination, Score
from initiatives.services.access import governorate_editor
from portal.audit import audit_record
from portal.models import Governorate
from portal.scoping import Scope


@transaction.atomic
def nomination_submit(*, cycle: AwardCycle, initiative: Initiative, theme: str, statement: str, actor,
                      today=None) -> Nomination:  # fmt: skip
    """A governorate or region nominates one of its initiatives under one of the cycle's themes."""
    today = today or timezone.localdate()
    if cycle.status != AwardCycle.Status.NOMINATING or not (
        cycle.nominations_open_on <= today <= cycle.nominations_close_on
    ):
        raise ValidationError(_("Nominations for this cycle are closed."))
    if not governorate_editor(actor, initiative.governorate_id):
        raise ValidationError(_("A governorate nominates only its own initiatives."))
    if not initiative.is_public:
        # Results name the initiative, its cost and partners: only a published one is nominated.
        raise ValidationError({"initiative": _("Only a published initiative can be nominated.")})
    if theme not in cycle.themes:
        raise ValidationError({"theme": _("This theme is not awarded in this cycle.")})
    already = _("This initiative is already nominated in this cycle.")
    if Nomination.objects.filter(cycle=cycle, initiative=initiative).exists():
        raise ValidationError(already)
    try:
        with transaction.atomic():  # two colleagues nominating at once: the second one is told so
            nomination = Nomination.objects.create(
                cycle=cycle, initiative=initiative, governorate_id=initiative.governorate_id, theme=theme,
                statement=statement.strip(), nominated_by=actor,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(already) from None
    return nomination


def _juror_governorate(juror) -> int | None:
    return Scope.of(juror).governorate_id


@transaction.atomic
def cycle_start_judging(*, cycle: AwardCycle, actor) -> int:
    """Close nominations and assign every juror to every nomination not from their own governorate."""
    if not Scope.of(actor).is_national:
        raise ValidationError(_("Only a national administrator runs an award cycle."))
    updated = AwardCycle.objects.filter(pk=cycle.pk, status=AwardCycle.Status.NOMINATING).update(
        status=AwardCycle.Status.JUDGING
    )
    if not updated:
        raise ValidationError(_("The jury has already started."))
    cycle.refresh_from_db()
    assigned = 0
    jurors = list(cycle.jurors.select_related("staff_profile"))
    for nomination in cycle.nominations.all():
        eligible = [juror for juror in jurors if _juror_governorate(juror) != nomination.governorate_id]
        nomination.jurors.set(eligible)
        assigned += len(eligible)
    audit_record(cycle, actor=actor, event="judging started", assignments=assigned)
    return assigned


@transaction.atomic
def nomination_score(*, nomination: Nomination, juror, values: dict[int, int]) -> list[Score]:
    """A juror scores an assigned nomination: one value per criterion, within the criterion's scale."""
    # The cycle's row is locked (as publishing locks it) and its status read under the lock, so a score
    # cannot land once the results are being computed.
    cycle = AwardCycle.objects.select_for_update().get(pk=nomination.cycle_id)
    if cycle.status != AwardCycle.Status.JUDGING:
        raise ValidationError(_("The jury is not at work on this cycle."))
    if _juror_governorate(juror) == nomination.governorate_id:
        raise ValidationError(_("A juror does not score their own governorate's nomination."))
    if not nomination.jurors.filter(pk=juror.pk).exists():
        raise ValidationError(_("This nomination is not assigned to you."))
    criteria = {criterion.pk: criterion for criterion in cycle.criteria.all()}
    if set(values) != set(criteria):
        raise ValidationError(_("Score every criterion of the cycle."))
    for pk, value in values.items():
        if not 0 <= value <= criteria[pk].max_score:
            raise ValidationError(
                _("The score for “%(criterion)s” must be between 0 and %(max)s.")
                % {"criterion": criteria[pk], "max": criteria[pk].max_score}
            )
    scores = [
        Score.objects.update_or_create(
            nomination=nomination, juror=juror, criterion=criteria[pk], defaults={"value": value}
        )[0]
        for pk, value in values.items()
    ]
    audit_record(nomination, actor=juror, event="scored", values=values)
    return scores


def weighted_scores(cycle: AwardCycle) -> dict[int, Decimal]:
    """Each scored nomination's weighted score out of 100: every criterion's mean over the jurors,
    scaled to its highest score, weighted."""
    criteria: dict[int, AwardCriterion] = {c.pk: c for c in cycle.criteria.all()}
    total_weight = sum(c.weight for c in criteria.values())
    means = (
        Score.objects.filter(nomination__cycle=cycle)
        .values("nomination", "criterion")
        .annotate(mean=Avg("value"))
    )
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for row in means:
        criterion = criteria[row["criterion"]]
        sums[row["nomination"]] += Decimal(row["mean"]) / criterion.max_score * criterion.weight
    return {
        pk: (total * 100 / total_weight).quantize(Decimal("0.01"), ROUND_HALF_UP)
        for pk, total in sums.items()
    }


def competition_ranks(scores: list[Decimal]) -> list[int]:
    """Ranks of scores sorted from best to worst; equal scores share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    for position, score in enumerate(scores):
        ranks.append(ranks[-1] if position and score == scores[position - 1] else position + 1)
    return ranks


@transaction.atomic
def cycle_publish(*, cycle: AwardCycle, actor) -> AwardCycle:
    """Compute scores and ranks by theme, mark each theme's winners and publish the results."""
    if not Scope.of(actor).is_national:
        raise ValidationError(_("Only a national administrator runs an award cycle."))
    # Locked first: a juror's score waits on this row, then finds the results published.
    locked = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status != AwardCycle.Status.JUDGING:
        raise ValidationError(_("Results are published after the jury has worked."))
    AwardCycle.objects.filter(pk=cycle.pk).update(
        status=AwardCycle.Status.PUBLISHED, published_at=timezone.now()
    )
    scores = weighted_scores(cycle)
    by_theme: dict[str, list[Nomination]] = defaultdict(list)
    for nomination in cycle.nominations.select_for_update():
        nomination.score = scores.get(nomination.pk)
        by_theme[nomination.theme].append(nomination)
    for nominations in by_theme.values():
        ranked = sorted((n for n in nominations if n.score is not None), key=lambda n: -n.score)
        for nomination, rank in zip(ranked, competition_ranks([n.score for n in ranked]), strict=True):
            nomination.rank_in_theme, nomination.is_winner = rank, rank == 1
        Nomination.objects.bulk_update(nominations, ["score", "rank_in_theme", "is_winner"])
    cycle.refresh_from_db()
    audit_record(cycle, actor=actor, event="results published")
    return cycle


@dataclass
class RegionStanding:
    governorate: Governorate
    nominations: int
    wins: int
    mean_score: Decimal | None
    rank: int = 0


def region_ranking(nominations: Iterable[Nomination]) -> list[RegionStanding]:
    """Governorates and regions ranked by their wins, then by the mean score of their nominations.

    `nominations` are one cycle's, with their governorate (select_related or prefetched by the caller,
    so listing many cycles costs no query per cycle)."""
    standings: dict[int, RegionStanding] = {}
    totals: dict[int, list[Decimal]] = defaultdict(list)
    for nomination in nominations:
        standing = standings.setdefault(
            nomination.governorate_id, RegionStanding(nomination.governorate, 0, 0, None)
        )
        standing.nominations += 1
        standing.wins += nomination.is_winner
        if nomination.score is not None:
            totals[nomination.governorate_id].append(nomination.score)
    for pk, scores in totals.items():
        standings[pk].mean_score = (sum(scores) / len(scores)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    ordered = sorted(standings.values(), key=lambda s: (-s.wins, -(s.mean_score or 0)))
    keys = [(s.wins, s.mean_score or 0) for s in ordered]
    for standing, position in zip(ordered, range(len(ordered)), strict=True):
        same_as_previous = position and keys[position] == keys[position - 1]
        standing.rank = ordered[position - 1].rank if same_as_previous else position + 1
    return ordered
