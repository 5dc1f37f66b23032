"""The journeys of the people who run the platform, in a real browser: moderators block an
account, the usage lab answers a proposal, staff run an experiment to its evaluation, decide
on a citizen's amendment and download an export.

Signing up with the e-mail confirmation and proposing past the similar proposals are in
test_journeys.py (by keyboard). Each journey creates what it needs with unique names.
"""
from __future__ import annotations

import csv
import io

from tests.e2e.conftest import new_page
from tests.e2e.helpers import demo_email, login, publish_proposal, sign_up_and_confirm, unique


def flash(page) -> str:
    return page.locator(".flashes").inner_text()


def only_id(live_server, sql: str, *params) -> int:
    rows = live_server.query(sql, params)
    assert len(rows) == 1, (sql, params, rows)
    return rows[0][0]


def test_a_moderator_blocks_a_new_account(page, browser, tripwire, live_server):
    name = unique("Compte Publicitaire")
    email = sign_up_and_confirm(page, live_server, name)
    assert name in page.locator("header").inner_text()
    user_id = only_id(live_server, "SELECT id FROM users WHERE email = ?", email)

    moderator = new_page(browser, tripwire, live_server)
    try:
        login(moderator, demo_email("moderator"))
        moderator.goto(f"/people/{user_id}")
        moderator.locator(f"a[href^='/moderation/users/{user_id}/block']").click()
        assert name in moderator.locator("h1").inner_text()
        moderator.locator("#reason").fill("Messages publicitaires répétés.")
        moderator.locator(f"form[action^='/moderation/users/{user_id}/block'] "
                          "button[type=submit]").click()
        assert "est bloqué" in flash(moderator)
    finally:
        moderator.context.close()

    # The person is told why on every page and can no longer propose.
    page.goto("/")
    notice = page.locator(".blocked-notice")
    assert "Messages publicitaires répétés." in notice.inner_text()
    response = page.goto("/proposals/new")
    assert response.status == 403
    assert "Messages publicitaires répétés." in page.inner_text("main")
    assert page.locator("#title").count() == 0


def test_the_lab_answers_a_proposal_publicly(page, browser, tripwire, live_server):
    title = unique("Des bancs ombragés et connectés aux arrêts de tram")
    login(page, demo_email("ines"))
    publish_proposal(page, title, "Des bancs à l'ombre aux arrêts, avec l'heure du prochain "
                                  "tram affichée, pour les personnes âgées.")
    pid = only_id(live_server, "SELECT id FROM proposals WHERE title = ?", title)
    answer = unique("Le Laboratoire des usages retient l'idée pour la ligne T1.")

    lab = new_page(browser, tripwire, live_server)
    try:
        login(lab, demo_email("moderator"))
        lab.goto("/proposals/review?sort=oldest")
        assert lab.locator("h1").inner_text() == "Propositions en attente de réponse"
        lab.goto(f"/proposals/{pid}")
        review = lab.locator("form[action$='/status']")
        review.locator("#status").select_option("accepted")
        review.locator("#answer").fill(answer)
        review.locator("button[type=submit]").click()
        assert lab.locator(".flashes").count() == 1
    finally:
        lab.context.close()

    # Everyone, signed out too, reads the answer and the new status.
    page.context.clear_cookies()
    page.goto(f"/proposals/{pid}")
    assert page.get_by_text(answer).count() >= 1
    assert page.locator(".badge-status").first.inner_text() == "Acceptée"


def test_staff_run_an_experiment_to_its_evaluation(page):
    title = unique("Capteurs de bruit autour de la gare Matabiau")
    login(page, demo_email("staff"))
    page.goto("/experiments/new")
    form = page.locator("form.experiment-form")
    form.locator("#title").fill(title)
    form.locator("#description").fill("Dix capteurs mesurent le bruit pendant trois mois.")
    form.locator("#theme").select_option(index=1)
    form.locator("button[type=submit]").click()
    assert page.locator("h1").inner_text() == title

    page.locator("form[action$='/start'] button").click()
    page.locator("a[href$='/evaluation']").click()
    page.locator("#summary").fill("Le bruit baisse de 3 dB la nuit.")
    page.locator("#outcome").select_option("adopt")
    page.locator("#indicators-0-name").fill("Bruit nocturne")
    page.locator("#indicators-0-unit").fill("dB")
    page.locator("#indicators-0-target").fill("55")
    page.locator("#indicators-0-measured").fill("52,5")
    page.locator("#lessons").fill("Étendre aux autres gares.")
    page.locator("main form.stack button[type=submit]").click()

    page.wait_for_url("**#evaluation")
    assert "évaluation est publiée" in flash(page)
    evaluation = page.locator("#evaluation").inner_text()
    assert "Le bruit baisse de 3 dB la nuit." in evaluation
    assert "Bruit nocturne" in evaluation and "52,5" in evaluation


def test_a_citizen_amends_a_section_and_staff_decide(page, browser, tripwire, live_server):
    section_id = live_server.query("SELECT id FROM plan_sections WHERE parent_id IS NOT NULL "
                                   "ORDER BY id DESC")[0][0]
    title = unique("Ajouter des capteurs de crue")
    sentence = unique("Des capteurs de crue équipent les berges de la Garonne.")
    login(page, demo_email("mathieu"))
    page.goto(f"/plan/sections/{section_id}")
    page.locator(f"a[href$='/plan/sections/{section_id}/amendments/new']").first.click()
    page.locator("#title").fill(title)
    body = page.locator("#proposed_body")
    body.fill(body.input_value() + "\n\n" + sentence)
    page.locator("#justification").fill("Les crues de 2022 ont montré le besoin.")
    page.locator("main form [name=preview]").click()
    assert page.locator(".amendment-diff ins", has_text=sentence.split()[-1]).count() >= 1
    page.locator("main form [name=save]").click()
    page.locator("h1", has_text=title).wait_for()
    amendment_url = page.url

    staff = new_page(browser, tripwire, live_server)
    try:
        login(staff, demo_email("staff"))
        staff.goto(amendment_url)
        decision = staff.locator("form[action$='/accept']")
        decision.locator("#answer").fill("Retenu pour la prochaine version du plan.")
        decision.locator("button[type=submit]").first.click()
        assert staff.locator(".flashes").count() == 1
    finally:
        staff.context.close()

    page.reload()
    assert "Retenu pour la prochaine version du plan." in \
        page.locator(".amendment-answer").inner_text()


def test_staff_download_a_csv_export(page, live_server):
    login(page, demo_email("staff"))
    page.goto("/admin/exports")
    page.locator("#kind").select_option("proposals")
    page.locator("#format").select_option("csv")
    with page.expect_download() as info:
        page.locator("form.export-form button[type=submit]").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = download.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["id", "reference", "title"], rows[0]
    titles = {row[2] for row in rows[1:]}
    published = {title for (title,) in live_server.query(
        "SELECT title FROM proposals WHERE status NOT IN ('draft', 'withdrawn') "
        "AND moderation = 'visible'")}
    assert published and published <= titles
    assert all(len(row) == len(rows[0]) for row in rows)
