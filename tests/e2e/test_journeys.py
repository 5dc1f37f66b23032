"""The main journeys of civic, in a real browser, as a person would do them.

The demo is in French: the assertions read the French pages (and the English ones in the
language journey). Each journey creates what it needs with unique names.
"""
from __future__ import annotations

import re

from tests.e2e.helpers import demo_email, login, publish_proposal, unique


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"Tab never reached {selector!r}")


def focused(page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.tagName")


def proposal_id(live_server, title: str) -> int:
    rows = live_server.query("SELECT id FROM proposals WHERE title = ?", (title,))
    assert rows, f"no proposal titled {title!r}"
    return rows[0][0]


def test_sign_up_with_the_keyboard_confirm_log_in_then_propose(page, live_server):
    email = f"{unique('marie').replace(' ', '.')}@example.org"
    name = unique("Marie Clavier")
    password = "cerise-horizon-tramway-42"
    page.goto("/signup")
    tab_to(page, "#email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert focused(page) == "display_name"
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    assert focused(page) == "password"  # hints are not in the way, the honeypot is skipped
    page.keyboard.type(password)
    page.keyboard.press("Tab")
    assert focused(page) == "password_confirm"
    page.keyboard.type(password)
    page.keyboard.press("Enter")

    # Signing up never logs in (that would tell anyone the address was new).
    page.wait_for_url("**/signup/check-inbox")
    assert page.locator("h1").inner_text() == "Consultez votre boîte de réception"
    assert page.locator("form[action='/logout']").count() == 0

    # The link of the e-mail opens a page whose button confirms (a GET never does), then
    # the login page, with the confirmed address filled in: only the password is typed.
    page.goto(live_server.link_in_mail_to(email, "/confirm/"))
    tab_to(page, "form[action^='/confirm/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server("/login"))
    assert page.locator(".flashes").count() == 1
    assert page.locator("#email").input_value() == email
    tab_to(page, "#password")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.locator("form[action='/logout']").wait_for()
    assert name in page.locator("header").inner_text()

    title = unique("Un composteur partagé au pied de chaque immeuble")
    publish_proposal(page, title, "Des composteurs partagés, entretenus avec les habitants, "
                                  "pour réduire les déchets de la rue.")
    assert page.locator("h1").inner_text() == title
    assert name in page.locator("main").inner_text()


def test_propose_with_the_keyboard_preview_similar_then_publish(page, live_server):
    login(page, demo_email("lea"))
    title = unique("Des capteurs de qualité de l'air devant les écoles")
    page.goto("/proposals/new")
    tab_to(page, "#title")
    page.keyboard.type(title)
    page.keyboard.press("Tab")
    assert focused(page) == "body"
    page.keyboard.type("Mesurer la qualité de l'air aux heures d'entrée des écoles et publier "
                       "les mesures pour les parents.")
    tab_to(page, "main form.proposal-form button[type=submit]")
    page.keyboard.press("Enter")

    # The draft's preview: only its author sees it, with the similar proposals.
    page.locator("#draft-title").wait_for()
    assert page.locator("h1").inner_text() == title
    similar = page.locator("section.similar")
    assert "Des capteurs de qualité de l'air près des écoles" in similar.inner_text()

    tab_to(page, "form[action$='/publish'] button")
    page.keyboard.press("Enter")
    page.locator("#draft-title").wait_for(state="detached")
    assert "Votre proposition est publiée" in page.locator(".flashes").inner_text()
    assert page.locator(".badge-status").first.inner_text() == "Publiée"

    # Everyone sees it now, in the list.
    page.goto("/proposals/")
    assert page.get_by_role("link", name=title).count() == 1


def test_support_updates_the_count_in_place(page, live_server):
    login(page, demo_email("nadia"))
    pid = proposal_id(live_server, "Un budget participatif numérique pour chaque quartier")
    page.goto(f"/proposals/{pid}")
    box = page.locator("[data-support-box]")
    button = box.locator("button[type=submit]")
    count = box.locator("[data-supports-count]")
    before = int(count.inner_text())
    was_pressed = button.get_attribute("aria-pressed") == "true"
    page.evaluate("() => { window.civicNoReload = true; }")  # gone if the page reloads

    button.click()
    expected = before - 1 if was_pressed else before + 1
    page.wait_for_function("n => document.querySelector('[data-supports-count]')"
                           ".textContent.trim() === String(n)", arg=expected)
    assert page.evaluate("() => window.civicNoReload === true"), "the page reloaded"
    assert button.get_attribute("aria-pressed") == ("false" if was_pressed else "true")
    assert button.inner_text() == ("Soutenir" if was_pressed else "Retirer mon soutien")

    # The server kept it: a reload shows the same count and state.
    page.reload()
    assert int(page.locator("[data-supports-count]").inner_text()) == expected
    button.click()  # and back, in place again
    page.wait_for_function("n => document.querySelector('[data-supports-count]')"
                           ".textContent.trim() === String(n)", arg=before)


def post_comment(page, body: str) -> None:
    page.locator("#new-comment-body").fill(body)
    page.get_by_role("button", name="Envoyer mon commentaire").click()
    page.locator("li.comment", has_text=body).first.wait_for()


def test_comment_and_reply(page, browser, tripwire, live_server):
    from tests.e2e.conftest import new_page

    pid = proposal_id(live_server, "Connaître en temps réel la place dans les parkings vélo")
    comment = unique("Très utile près des gares, où les arceaux sont toujours pleins.")
    login(page, demo_email("hugo"))
    page.goto(f"/proposals/{pid}")
    post_comment(page, comment)

    other = new_page(browser, tripwire, live_server)
    try:
        login(other, demo_email("mathieu"))
        other.goto(f"/proposals/{pid}")
        item = other.locator("li.comment", has_text=comment).first
        item.locator("summary", has_text="Répondre").first.click()
        reply = unique("D'accord, et avec un affichage à l'entrée des parkings.")
        item.locator("textarea").first.fill(reply)
        item.get_by_role("button", name="Envoyer ma réponse").first.click()
        replies = other.locator("li.comment", has_text=comment).first.locator(
            "ol.comment-replies")
        replies.locator("li.comment", has_text=reply).wait_for()
        assert "Mathieu Roux" in replies.inner_text()
    finally:
        other.context.close()
    page.reload()
    assert page.locator("li.comment", has_text=comment).locator(
        "ol.comment-replies li.comment").count() == 1


def test_report_a_comment_then_a_moderator_hides_it(page, browser, tripwire, live_server):
    from tests.e2e.conftest import new_page

    pid = proposal_id(live_server, "Un éclairage public qui s'adapte au passage")
    comment = unique("Achetez des montres pas chères sur mon site")
    login(page, demo_email("lucas"))
    page.goto(f"/proposals/{pid}")
    post_comment(page, comment)

    reporter = new_page(browser, tripwire, live_server)
    moderator = new_page(browser, tripwire, live_server)
    try:
        login(reporter, demo_email("ines"))
        reporter.goto(f"/proposals/{pid}")
        reporter.locator("li.comment", has_text=comment).first.locator(".report-link").click()
        assert reporter.locator("h1").inner_text() == "Signaler un contenu"
        reporter.locator("input[type=radio][value=spam]").check()
        reporter.get_by_role("button", name="Envoyer le signalement").click()
        assert "modérateurs vont examiner" in reporter.locator(".flashes").inner_text()

        login(moderator, demo_email("moderator"))
        moderator.goto("/moderation")
        case = moderator.locator("li.case", has_text=comment)
        case.locator("h2 a").click()
        moderator.locator("form[action$='/hide'] textarea").fill("Publicité sans rapport.")
        moderator.get_by_role("button", name="Masquer", exact=True).click()
        assert "Le contenu est masqué" in moderator.locator(".flashes").inner_text()
    finally:
        reporter.context.close()
        moderator.context.close()

    # Everyone now reads the reason instead of the comment.
    page.context.clear_cookies()
    page.goto(f"/proposals/{pid}")
    assert page.get_by_text(comment).count() == 0
    assert page.get_by_text("Publicité sans rapport.").count() >= 1


def test_switch_language_to_english_and_back(page):
    page.goto("/proposals/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Propositions"
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/proposals/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Proposals"
    page.goto("/")  # the choice is kept from page to page
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Propositions").count() >= 1


def test_staff_edits_a_section_publishes_and_sees_the_diff(page, live_server):
    login(page, demo_email("staff"))
    page.goto("/plan/draft")
    start = page.get_by_role("button", name="Commencer un brouillon")
    if start.count():
        start.click()
    word = unique("Capteurs mutualisés").split()[-1]
    page.locator("a[href*='/plan/draft/sections/']").first.click()
    body = page.locator("#body")
    body.fill(body.input_value() + f"\n\nNouvel engagement {word} pour tous les quartiers.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.goto("/plan/draft")
    page.locator("#summary").fill(f"Ajout de l'engagement {word}.")
    page.locator("form[action$='/plan/draft/publish'] button").click()
    assert page.locator(".flashes").count() == 1

    page.goto("/plan/diff")
    inserted = page.locator("ins", has_text=word)
    assert inserted.count() >= 1
    assert re.search(r"v\d+ et la v\d+", page.locator("h1").inner_text())
