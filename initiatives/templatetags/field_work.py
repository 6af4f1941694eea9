from django import template
from django.utils import timezone

from initiatives.models import DirectiveAssignment, Initiative, Obstacle, ProgressReport
from initiatives.services.access import governorate_editor

register = template.Library()


@register.inclusion_tag("initiatives/_field_work_summary.html")
def field_work_summary(user):
    """What needs the person's attention today, in their scope: four counts with links."""
    today = timezone.localdate()
    summary = {
        "late": Initiative.objects.for_user(user).late(today).count(),
        "obstacles": Obstacle.objects.for_user(user).past_needed(today).count(),
        "directives": DirectiveAssignment.objects.for_user(user).overdue(today).count(),
        "to_approve": 0,
    }
    if governorate_editor(user):
        summary["to_approve"] = (
            ProgressReport.objects.for_user(user)
            .filter(status=ProgressReport.Status.SUBMITTED)
            .exclude(reported_by=user)
            .count()
        )
    return summary
