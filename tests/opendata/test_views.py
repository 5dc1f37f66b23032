"""The public open-data page, the download and the DCAT catalog."""
from __future__ import annotations

import json

from civic.opendata.build import build_package
from tests.fixtures.http import text

EN = {"Accept-Language": "en"}


def test_page_says_when_nothing_was_generated_yet(client, db, open_data_dir):
    page = text(client.get("/open-data", headers=EN))
    assert "has not been generated yet" in page
    assert "civic open-data build" not in page  # the command is for the platform team
    assert "Licence Ouverte / Open Licence 2.0" in page


def test_staff_see_how_to_generate_it(client, login_as, staff, open_data_dir):
    login_as(staff)
    assert "flask --app wsgi civic open-data build" in text(client.get("/open-data"))


def test_page_offers_the_latest_build_and_documents_every_field(client, dataset,
                                                                open_data_dir):
    build_package()
    response = client.get("/open-data", headers=EN)
    assert response.status_code == 200
    page = text(response)
    assert "Download the data package (ZIP" in page
    assert "Generated on" in page
    assert "Number of supports" in page  # English field descriptions
    assert "supports_daily.csv" in page and "Fields of revision_sections.csv" in page
    assert "/open-data/catalog.jsonld" in page and "/api/v1/openapi.json" in page
    assert 'href="/open-data/latest.zip"' in response.get_data(as_text=True)


def test_page_is_in_french_by_default(client, db, open_data_dir):
    page = text(client.get("/open-data"))
    assert "Nombre de soutiens" in page
    assert "Identifiant du thème" in page


def test_page_documents_no_author_when_names_are_not_published(app, client, db,
                                                              open_data_dir, monkeypatch):
    monkeypatch.setitem(app.config, "OPEN_DATA_PUBLISH_NAMES", False)
    page = text(client.get("/open-data", headers=EN))
    assert "No person's name is published." in page
    assert "Author’s public display name" not in page


def test_download_serves_the_latest_zip(client, dataset, open_data_dir):
    path = build_package()
    response = client.get("/open-data/latest.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert f"filename={path.name}" in response.headers["Content-Disposition"]
    assert response.get_data() == path.read_bytes()
    response.close()


def test_download_without_a_build_is_a_clear_404(client, db, open_data_dir):
    response = client.get("/open-data/latest.zip", headers=EN)
    assert response.status_code == 404
    assert "has not been generated yet" in text(response)


def test_catalog_describes_the_dataset_in_dcat(app, client, dataset, open_data_dir):
    path = build_package()
    response = client.get("/open-data/catalog.jsonld")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    catalog = json.loads(response.get_data())
    assert catalog["@type"] == "dcat:Catalog"
    dataset_ = catalog["dcat:dataset"][0]
    base = app.config["BASE_URL"]
    assert dataset_["@type"] == "dcat:Dataset"
    assert dataset_["dcat:landingPage"] == {"@id": f"{base}/open-data"}
    assert dataset_["dct:license"] == {"@id": app.config["OPEN_DATA_LICENSE_URL"]}
    assert dataset_["dct:publisher"]["foaf:name"] == app.config["METROPOLIS_NAME"]
    assert {t["@language"] for t in dataset_["dct:title"]} == {"fr", "en"}
    assert dataset_["dct:modified"]["@value"].endswith("Z")
    zip_, api = dataset_["dcat:distribution"]
    assert zip_["dcat:downloadURL"] == {"@id": f"{base}/open-data/latest.zip"}
    assert zip_["dcat:byteSize"]["@value"] == str(path.stat().st_size)
    assert zip_["dcat:mediaType"]["@id"].endswith("application/zip")
    assert api["dcat:accessURL"] == {"@id": f"{base}/api/v1/"}


def test_catalog_without_a_build_has_no_download(client, db, open_data_dir):
    catalog = json.loads(client.get("/open-data/catalog.jsonld").get_data())
    distributions = catalog["dcat:dataset"][0]["dcat:distribution"]
    assert [d["@id"].rsplit("#", 1)[1] for d in distributions] == ["api"]
    assert "dct:modified" not in catalog["dcat:dataset"][0]


def test_every_page_links_to_open_data(client, db):
    assert 'href="/open-data"' in client.get("/about").get_data(as_text=True)
