"""Initiatives and projects in districts, and the field work around them: progress, obstacles,
inspections, directives, success stories and award cycles."""

from initiatives.models.awards import AwardCriterion, AwardCycle, Nomination, Score
from initiatives.models.choices import Sector, Theme
from initiatives.models.field import (
    Directive,
    DirectiveAssignment,
    Inspection,
    InspectionFinding,
    InspectionPhoto,
)
from initiatives.models.projects import (
    Initiative,
    InitiativePartner,
    Milestone,
    Obstacle,
    ProgressPhoto,
    ProgressReport,
)
from initiatives.models.stories import Replication, SuccessStory

__all__ = [
    "AwardCriterion",
    "AwardCycle",
    "Directive",
    "DirectiveAssignment",
    "Initiative",
    "InitiativePartner",
    "Inspection",
    "InspectionFinding",
    "InspectionPhoto",
    "Milestone",
    "Nomination",
    "Obstacle",
    "ProgressPhoto",
    "ProgressReport",
    "Replication",
    "Score",
    "Sector",
    "SuccessStory",
    "Theme",
]


def _register_audit():
    from auditlog.registry import auditlog

    for model in (
        Initiative, InitiativePartner, Milestone, ProgressReport, Obstacle, Inspection, InspectionFinding,
        Directive, DirectiveAssignment, SuccessStory, Replication, AwardCycle, AwardCriterion, Nomination,
        Score,
    ):  # fmt: skip
        auditlog.register(model)


_register_audit()
