"""axe-core accessibility checks in the browser tests, offline.

axe-playwright-python ships axe-core's `axe.min.js` inside the wheel (pinned with it), so the
script is injected from disk: the page under test never fetches anything from another host.
Only serious and critical violations fail a test: "moderate" and "minor" are reported by axe for
best practices that WCAG 2.1 AA does not require.
"""

from __future__ import annotations

from typing import Any

# WCAG 2.0/2.1 A and AA rules, plus axe's best practices (landmarks, one h1, skip link target).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = {"serious", "critical"}


def axe_violations(page: Any, *, impacts: set[str] = FAILING) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; the violations of the given impacts."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


def axe_report(violations: list[dict[str, Any]]) -> str:
    """One line per violation and the elements it concerns, for an assertion message."""
    lines = []
    for violation in violations:
        targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)
