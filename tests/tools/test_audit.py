"""tools/audit.py: red on a known vulnerability, unless explained; never red because the
network is down. (No network here: PyPI's answers are stubbed.)"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("civic_audit_tool", ROOT / "tools/audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VULN = {"id": "GHSA-aaaa-bbbb-cccc", "fix_versions": ["2.0.1"], "aliases": ["CVE-2099-1"]}


def test_a_known_vulnerability_fails(audit, capsys):
    deps = [{"name": "flask", "version": "3.1.3", "vulns": []},
            {"name": "somepkg", "version": "2.0.0", "vulns": [VULN]}]
    assert audit.summarize(deps, {}) is False
    out = capsys.readouterr().out
    assert "VULNERABLE: somepkg 2.0.0: GHSA-aaaa-bbbb-cccc (CVE-2099-1) fixed in: 2.0.1" in out


def test_packages_that_could_not_be_audited_are_listed_with_the_reason(audit, monkeypatch,
                                                                       capsys):
    # PyPI answers for the latest release only: one package is at it, one is not.
    monkeypatch.setattr(audit.metadata, "version", lambda name: "1.0")
    latest = {"at-latest": [], "older": None}
    monkeypatch.setattr(audit, "latest_release_vulns", lambda dep: latest[dep["name"]])
    reason = "Dependency not found on PyPI and could not be audited"
    deps = [{"name": "at-latest", "skip_reason": reason},
            {"name": "older", "skip_reason": reason},
            {"name": "civic", "skip_reason": "distribution marked as editable"}]
    assert audit.summarize(deps, {}) is True
    out = capsys.readouterr().out
    assert "audited: 1 packages (1 through PyPI's latest-release data); not audited: 1" in out
    assert f"  older 1.0: {reason}" in out
    assert "skipped (editable, the project itself): civic" in out


def test_the_latest_release_data_also_fails_on_a_vulnerability_unless_ignored(
        audit, monkeypatch, capsys):
    monkeypatch.setattr(audit.metadata, "version", lambda name: "1.0")
    monkeypatch.setattr(audit, "latest_release_vulns",
                        lambda dep: [{**VULN, "fix_versions": []}])
    deps = [{"name": "pkg", "skip_reason": "Dependency not found on PyPI"}]
    assert audit.summarize(deps, {}) is False
    assert "fixed in: no fixed version yet" in capsys.readouterr().out
    assert audit.summarize(deps, {"CVE-2099-1": "not reachable from civic"}) is True


def test_the_ignore_list_needs_a_reason(audit, tmp_path):
    ignore = tmp_path / "audit-ignore.txt"
    ignore.write_text("# comment\n\nGHSA-aaaa-bbbb-cccc  # civic never parses such files\n")
    assert audit.read_ignores(ignore) == {"GHSA-aaaa-bbbb-cccc": "civic never parses such files"}
    ignore.write_text("PYSEC-2099-1\n")
    with pytest.raises(SystemExit, match="say why PYSEC-2099-1 is ignored"):
        audit.read_ignores(ignore)


def test_the_project_ignore_list_is_valid(audit):
    for reason in audit.read_ignores().values():
        assert reason


def test_pypi_unreachable_is_a_warning_not_a_failure(audit, monkeypatch, capsys):
    def offline(url):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(audit, "fetch_json", offline)
    monkeypatch.setattr(audit.subprocess, "run", pytest.fail)  # pip-audit is not started
    assert audit.run_pip_audit({}) is True
    assert "WARNING: PyPI cannot be reached" in capsys.readouterr().out


def test_only_pypi_addresses_are_fetched(audit):
    with pytest.raises(ValueError, match="not a PyPI address"):
        audit.fetch_json("file:///etc/passwd")


@pytest.mark.parametrize(("stderr", "passes", "says"), [
    ("requests.exceptions.ConnectionError: Max retries exceeded", True,
     "PyPI stopped answering"),
    ("TypeError: unexpected", False, "pip-audit: FAILED to run"),
])
def test_pip_audit_that_stops_without_a_report(audit, monkeypatch, capsys, stderr, passes,
                                               says):
    import subprocess

    monkeypatch.setattr(audit, "fetch_json", lambda url: {})
    monkeypatch.setattr(audit.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a, 1, stdout="", stderr=stderr))
    assert audit.run_pip_audit({}) is passes
    assert says in capsys.readouterr().out
