from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from complaints.models import Complaint


def test_generated_complaints_are_realistic_and_consistent(geography):
    call_command("generate_complaints", count=3000, seed=5, months=12, governorate="EG27", verbosity=0)

    complaints = list(Complaint.objects.select_related("category"))
    assert len(complaints) == 3000
    assert {c.district.code for c in complaints} <= {"EG2702", "EG2708"}
    statuses = Counter(c.status for c in complaints)
    assert statuses["closed"] + statuses["resolved"] > 0.7 * len(complaints)
    assert 0.02 < statuses["rejected"] / len(complaints) < 0.1
    assert statuses["new"] + statuses["accepted"] + statuses["in_progress"] > 0
    for complaint in complaints:
        assert complaint.due_at - complaint.created_at == timedelta(hours=complaint.category.sla_hours)
        if complaint.resolved_at:
            assert complaint.resolved_at > complaint.created_at
        assert complaint.satisfaction is None or 1 <= complaint.satisfaction <= 5
    late = [c for c in complaints if c.resolved_at and c.resolved_at > c.due_at]
    assert 0.05 < len(late) / len(complaints) < 0.6


def test_running_twice_with_the_same_seed_adds_more(geography):
    call_command("generate_complaints", count=200, seed=1, verbosity=0)
    call_command("generate_complaints", count=200, seed=1, verbosity=0)

    assert Complaint.objects.count() == 400


def test_refuses_to_run_with_a_real_sms_gateway(geography, settings):
    settings.SMS_BACKEND = "gateway.Client"

    with pytest.raises(CommandError):
        call_command("generate_complaints", count=10, verbosity=0)
    assert Complaint.objects.count() == 0
