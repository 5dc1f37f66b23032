"""Screenshots of the main pages, desktop (1280×800) and mobile (390×844), for the README.

    make screenshots            # or: .venv/bin/python tests/e2e/screenshots.py docs/screenshots

Serves the French demo on a free port of 127.0.0.1 (a throw-away SQLite database) and
drives Debian's Chromium (/usr/bin/chromium, `make e2e-deps`) with Playwright. Writes
<page>-desktop.png and <page>-mobile.png; the pages show only the invented demo content.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}


def pages(server) -> list[tuple[str, str, str | None]]:
    """(name, path, demo account key to sign in with or None)."""
    def first(sql: str) -> int:
        return server.query(sql)[0][0]

    proposal = first("SELECT id FROM proposals WHERE status != 'draft' "
                     "ORDER BY comments_count DESC, id")
    section = first("SELECT id FROM plan_sections WHERE parent_id IS NOT NULL ORDER BY id")
    experiment = first("SELECT id FROM experiments ORDER BY id")
    return [
        ("home", "/", None),
        ("proposals", "/proposals/", None),
        ("proposal", f"/proposals/{proposal}", "citizen"),
        ("new-proposal", "/proposals/new", "citizen"),
        ("plan", "/plan/", None),
        ("plan-section", f"/plan/sections/{section}", None),
        ("plan-diff", "/plan/diff", None),
        ("experiment", f"/experiments/{experiment}", None),
        ("statistics", "/statistics", None),
        ("moderation", "/moderation", "moderator"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"Chromium is missing at {args.chromium}: run `make e2e-deps` "
              "(apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from tests.e2e.helpers import demo_email, login
    from tests.e2e.server import live_server

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as server, \
            sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=args.chromium,
                                         args=["--no-sandbox", "--disable-dev-shm-usage"])
        for device, viewport in VIEWPORTS.items():
            contexts = {}
            for name, path, account in pages(server):
                if account not in contexts:
                    context = browser.new_context(
                        locale="fr-FR", base_url=server.url, viewport=viewport,
                        device_scale_factor=1, is_mobile=device == "mobile",
                        has_touch=device == "mobile")
                    if account:
                        login(context.new_page(), demo_email(account))
                    contexts[account] = context
                page = contexts[account].new_page()
                page.goto(path)
                target = out / f"{name}-{device}.png"
                page.screenshot(path=str(target), full_page=False)
                page.close()
                print(f"  {target}")
            for context in contexts.values():
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
