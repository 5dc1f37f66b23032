"""The reports a person made are in their export and go away with their account."""
from __future__ import annotations

from civic.moderation import account_data, reports
from tests.moderation.helpers import case_of, report_count


def test_export_lists_the_persons_reports(citizen, comment):
    reports.report_content(citizen, "comment", comment.id, "spam", "Publicité")
    exported = account_data.export(citizen)["reports"]
    assert exported == [{"target_type": "comment", "target_id": comment.id, "reason": "spam",
                         "details": "Publicité",
                         "created_at": exported[0]["created_at"]}]


def test_erasing_keeps_reports_counts_exact(citizen, other_citizen, comment):
    reports.report_content(citizen, "comment", comment.id, "spam")
    reports.report_content(other_citizen, "comment", comment.id, "spam")
    account_data.erase(citizen)
    assert report_count() == 1
    assert case_of("comment", comment.id).reports_count == 1
    assert account_data.export(citizen) == {"reports": []}
