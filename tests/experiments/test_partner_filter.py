"""The public list's partner filter offers every organization, the chosen one selected."""
from __future__ import annotations

from tests.factories import make_experiment
from tests.fixtures.http import text


def test_partner_choices_list_organizations_and_keep_the_choice(client, theme, startup, lab):
    make_experiment(title="Sondes d'arrosage", theme=theme, partners=[(startup, "lead")])
    page = text(client.get(f"/experiments/?partner={lab.slug}"))
    partner_select = page.split('id="filter-partner"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{startup.slug}">' in partner_select
    assert f'<option value="{lab.slug}" selected>' in partner_select
    assert lab.name in partner_select and startup.name in partner_select
