"""Issue 6 as people meet it: staff export the Mobility proposals to XLSX and open it; a
journalist downloads the open-data zip and `frictionless validate` passes on it, with no
e-mail address nor hidden comment inside; a developer reads the API documentation and
pages through proposals with ETags."""
from __future__ import annotations

import io
import subprocess
import zipfile

from openpyxl import load_workbook

from tests.exports.conftest import fetch
from tests.fixtures.http import text
from tests.opendata.conftest import SECRETS
from tests.opendata.test_package import frictionless_cli


def test_export_open_data_and_api(app, client, login_as, dataset, open_data_dir, tmp_path):
    # Staff export every proposal of the Mobility axis (its flagship projects included).
    login_as(dataset.staff)
    exported = fetch(client, "post_form", "/admin/exports", {
        "kind": "proposals", "format": "xlsx", "theme": str(dataset.axis.id),
        "status": "", "date_from": "", "date_to": ""})
    assert exported.response.status_code == 200, exported.body[:500]
    sheet = load_workbook(io.BytesIO(exported.body), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = {row[2] for row in rows[1:]}
    assert dataset.published.title in titles and dataset.reviewed.title in titles
    assert SECRETS["draft"] not in titles
    assert all("@" not in str(cell) for row in rows for cell in row if cell)

    # A journalist downloads the open data, which validates and leaks nothing.
    result = app.test_cli_runner().invoke(args=["civic", "open-data", "build", "--quiet"])
    assert result.exit_code == 0, result.output
    with client.session_transaction() as session:
        session.clear()
    download = client.get("/open-data/latest.zip")
    assert download.status_code == 200
    raw = download.get_data()
    download.close()  # send_file keeps the file open until the response is closed
    folder = tmp_path / "journalist"
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        archive.extractall(folder)
        everything = b"".join(archive.read(name) for name in archive.namelist())
    checked = subprocess.run([frictionless_cli(), "validate", "datapackage.json"],  # noqa: S603
                             cwd=folder, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout[-3000:]
    for user in dataset.users:
        assert user.email.encode() not in everything
    assert SECRETS["hidden_comment"].encode() not in everything

    # A developer reads the documentation and pages through proposals with ETags.
    docs = text(client.get("/api/v1/docs"))
    assert "/api/v1/proposals" in docs
    first = client.get("/api/v1/proposals?per_page=1&page=1")
    assert first.status_code == 200 and first.json["total"] >= 2
    again = client.get("/api/v1/proposals?per_page=1&page=1",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    second = client.get("/api/v1/proposals?per_page=1&page=2")
    assert second.json["items"][0]["id"] != first.json["items"][0]["id"]
