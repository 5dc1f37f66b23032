"""The map of proposals: an accessible list that works without tiles or JavaScript."""
from __future__ import annotations

import json
import re

from tests.factories import make_proposal
from tests.fixtures.http import text
from tests.proposals.conftest import EN


def test_map_lists_located_public_proposals(client, theme):
    placed = make_proposal(theme=theme, title="Banc <connecté>", latitude=43.6045,
                           longitude=1.444, address="Place du Capitole")
    make_proposal(theme=theme, title="Nowhere")
    make_proposal(theme=theme, title="Secret draft", status="draft", latitude=43.6,
                  longitude=1.4)
    response = client.get("/proposals/map", headers=EN)
    assert response.status_code == 200
    body = text(response)
    assert body.count('class="located-proposal"') == 1
    assert "Banc &lt;connecté&gt;" in body and "Place du Capitole" in body
    assert "Nowhere" not in body and "Secret draft" not in body
    assert "<script>" not in body and " style=" not in body  # no inline script or style
    markers = json.loads(re.search(r"data-markers='([^']*)'", body).group(1)
                         .replace("&#39;", "'"))
    assert markers == [{"id": placed.id, "title": "Banc <connecté>", "lat": 43.6045,
                        "lng": 1.444, "url": f"/proposals/{placed.id}"}]
    assert 'src="/static/vendor/leaflet/leaflet.js' in body
    assert 'data-tile-url="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"' in body


def test_map_without_proposals_says_so(client):
    assert "No published proposal names a place yet." in text(client.get("/proposals/map",
                                                                          headers=EN))


def test_tile_server_is_allowed_by_the_csp(client):
    csp = client.get("/proposals/map").headers["Content-Security-Policy"]
    assert "https://*.tile.openstreetmap.org" in csp


def test_vendored_leaflet_is_served(client):
    for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png", "LICENSE"):
        response = client.get(f"/static/vendor/leaflet/{name}")
        assert response.status_code == 200, name
        response.close()
    response = client.get("/static/js/map.js")
    assert b"data-markers" in response.data
    response.close()
