"""Audit the locked dependencies (uv.lock, every extra) for known vulnerabilities.

    .venv/bin/python .ci/audit.py

pip-audit asks OSV, or PyPI's JSON API when OSV cannot be reached. Fails (exit 1) when a
locked version has a known vulnerability. When no vulnerability database can be reached, or
it does not know some packages, that is a WARNING (exit 0): an offline build must not fail
for that, but it must not claim "no known vulnerabilities" either — it names what was not
checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
UV = ROOT / ".tools" / "bin" / "uv"


def locked_requirements(folder: Path) -> Path:
    path = folder / "requirements.txt"
    text = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [
            str(UV),
            "export",
            "--format",
            "requirements-txt",
            "--no-hashes",
            "--locked",
            "--all-extras",
            "--no-emit-project",
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path.write_text(text)
    return path


def audit(requirements: Path, service: str, folder: Path) -> dict | None:
    """pip-audit's JSON report, or None when the service could not be used at all."""
    report = folder / f"audit-{service}.json"
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [
            str(BIN / "pip-audit"),
            "--requirement",
            str(requirements),
            "--no-deps",
            "--disable-pip",
            "--vulnerability-service",
            service,
            "--progress-spinner",
            "off",
            "--timeout",
            "10",
            "--format",
            "json",
            "--output",
            str(report),
        ],
        capture_output=True,
        text=True,
    )
    if not report.exists() or not report.read_text().strip():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit with {service}: could not run ({last})")
        return None
    return json.loads(report.read_text())


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        requirements = locked_requirements(folder)
        wanted = sum(1 for line in requirements.read_text().splitlines() if "==" in line)
        report = None
        for service in ("osv", "pypi"):
            report = audit(requirements, service, folder)
            if report is not None and any(
                "skip_reason" not in dependency for dependency in report["dependencies"]
            ):
                break
    dependencies = report["dependencies"] if report else []
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d["name"] for d in dependencies if "skip_reason" in d]
    checked = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(
                f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {fixes})"
            )
    if vulnerable:
        print(f"FAIL: {len(vulnerable)} locked packages have known vulnerabilities")
        return 1
    if checked == 0:
        print(
            f"WARNING: no vulnerability database could be reached: {wanted} locked packages "
            "NOT audited (offline?). Run `.venv/bin/python .ci/audit.py` with network access."
        )
        return 0
    if skipped:
        print(
            f"WARNING: {len(skipped)} packages unknown to the database, not audited: "
            f"{', '.join(skipped)}"
        )
    print(f"No known vulnerabilities in {checked} audited locked packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
