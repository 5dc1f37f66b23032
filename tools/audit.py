"""Security checks run by `make audit` (and `make test`): bandit, then pip-audit.

Usage: .venv/bin/python tools/audit.py [--no-bandit] [--no-pip-audit]

- bandit scans civic/, config.py and wsgi.py with the settings in pyproject.toml
  ([tool.bandit]); any finding fails.
- pip-audit checks the packages installed in this Python's environment (the project's
  .venv, the editable civic itself excluded) against PyPI's vulnerability data. A known
  vulnerability fails unless tools/audit-ignore.txt lists its ID with a reason.
  Packages PyPI cannot answer for are listed with the reason. When a version is unknown
  to PyPI's per-version API but is the project's latest release, the vulnerabilities PyPI
  lists for that latest release are used instead.
- No network (PyPI unreachable): a clear warning, not a failure.
"""
from __future__ import annotations

import argparse
import json
import subprocess  # runs bandit and pip-audit with fixed arguments
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "tools" / "audit-ignore.txt"
PYPI = "https://pypi.org/pypi"
TIMEOUT = 15
# What pip-audit prints when PyPI stops answering (not a reason to fail, unlike a crash).
NETWORK_ERRORS = ("ConnectionError", "ServiceError", "Timeout", "Max retries exceeded")


def run_bandit() -> bool:
    print("== bandit (settings: pyproject.toml [tool.bandit])", flush=True)
    command = [sys.executable, "-m", "bandit", "-c", "pyproject.toml", "-q", "-r",
               "civic", "config.py", "wsgi.py"]
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603
    print("bandit: no finding" if result.returncode == 0 else "bandit: FAILED (see above)")
    return result.returncode == 0


def read_ignores(path: Path = IGNORE_FILE) -> dict[str, str]:
    """{vulnerability ID: reason}; every line is `ID  # why it does not apply`."""
    ignores = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        vuln_id, _, reason = line.partition("#")
        if not reason.strip():
            raise SystemExit(f"{path.name}:{number}: say why {vuln_id.strip()} is ignored "
                             "(`ID  # reason`)")
        ignores[vuln_id.strip()] = reason.strip()
    return ignores


def fetch_json(url: str):
    if not url.startswith(PYPI + "/"):
        raise ValueError(f"not a PyPI address: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return json.load(response)


def pypi_reachable() -> bool:
    try:
        fetch_json(f"{PYPI}/pip/json")
    except (OSError, ValueError) as exc:
        print(f"WARNING: PyPI cannot be reached ({exc}): the installed packages were NOT "
              "checked for known vulnerabilities. Run `make audit` again with network.")
        return False
    return True


def latest_release_vulns(dep: dict) -> list[dict] | None:
    """PyPI's vulnerabilities for `dep` if its version is the project's latest release."""
    try:
        data = fetch_json(f"{PYPI}/{dep['name']}/json")
    except (OSError, ValueError):
        return None
    if data.get("info", {}).get("version") != dep["version"]:
        return None
    return [{"id": v["id"], "aliases": v.get("aliases") or [],
             "fix_versions": v.get("fixed_in") or []}
            for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]


def run_pip_audit(ignores: dict[str, str]) -> bool:
    print("== pip-audit (PyPI vulnerability data, packages of this environment)", flush=True)
    if not pypi_reachable():
        return True
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "pip-audit.json"
        command = [sys.executable, "-m", "pip_audit", "--vulnerability-service", "pypi",
                   "--skip-editable", "--progress-spinner", "off", "--format", "json",
                   "--output", str(report)]
        for vuln_id in ignores:
            command += ["--ignore-vuln", vuln_id]
        result = subprocess.run(command, capture_output=True, text=True,  # noqa: S603
                                check=False)
        if not report.is_file():
            print(result.stderr.strip())
            if any(sign in result.stderr for sign in NETWORK_ERRORS):
                print("WARNING: PyPI stopped answering during pip-audit: the installed "
                      "packages were NOT fully checked. Run `make audit` again.")
                return True
            print("pip-audit: FAILED to run")
            return False
        dependencies = json.loads(report.read_text())["dependencies"]
    return summarize(dependencies, ignores)


def summarize(dependencies: list[dict], ignores: dict[str, str]) -> bool:
    audited = [d for d in dependencies if "skip_reason" not in d]
    editable = [d["name"] for d in dependencies if "editable" in d.get("skip_reason", "")]
    skipped = [{**d, "version": metadata.version(d["name"])} for d in dependencies
               if "skip_reason" in d and d["name"] not in editable]
    with ThreadPoolExecutor(max_workers=8) as pool:
        fallback = list(pool.map(latest_release_vulns, skipped))
    not_audited = []
    for dep, vulns in zip(skipped, fallback, strict=True):
        if vulns is None:
            not_audited.append(dep)
        else:  # audited through the latest release's data
            audited.append({**dep, "vulns": [v for v in vulns if v["id"] not in ignores and
                                             not set(v["aliases"]) & set(ignores)]})
    vulnerable = [d for d in audited if d.get("vulns")]
    print(f"audited: {len(audited)} packages ({len(skipped) - len(not_audited)} through "
          f"PyPI's latest-release data); not audited: {len(not_audited)}; "
          f"skipped (editable, the project itself): {', '.join(editable) or 'none'}")
    if not_audited:
        print("could not be audited (PyPI's vulnerability API does not know these versions):")
        for dep in not_audited:
            print(f"  {dep['name']} {dep['version']}: {dep['skip_reason']}")
    for vuln_id, reason in ignores.items():
        print(f"ignored {vuln_id}: {reason}")
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE: {dep['name']} {dep['version']}: {vuln['id']} "
                  f"({', '.join(vuln.get('aliases') or [])}) fixed in: {fixed}")
    print("pip-audit: no known vulnerability" if not vulnerable else "pip-audit: FAILED")
    return not vulnerable


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bandit", action="store_true")
    parser.add_argument("--no-pip-audit", action="store_true")
    args = parser.parse_args(argv)
    ok = True
    if not args.no_bandit:
        ok = run_bandit() and ok
    if not args.no_pip_audit:
        ok = run_pip_audit(read_ignores()) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
