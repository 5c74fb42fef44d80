#!/usr/bin/env python3
"""Checks the operator's files that promtool does not (run by .ci/run after promtool):

- the Grafana dashboard is valid JSON, every panel and variable uses the dashboard's data source variable;
- every PromQL expression of src/ops/prometheus/alerts.yml and of the dashboard names only metrics listed in
  src/ops/metrics.txt (each with where it comes from) or recorded by alerts.yml itself;
- every alert has a severity label and summary, description and runbook_url annotations, and every runbook_url points
  at a heading of docs/OPERATIONS.md (GitHub's anchor of the heading).

Usage: python3 src/ops/check_ops.py   (from anywhere; needs PyYAML, Debian's python3-yaml)
"""
import json
import pathlib
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("check_ops.py needs PyYAML (apt-get install python3-yaml)")

ROOT = pathlib.Path(__file__).resolve().parents[2]
ALERTS = ROOT / "src/ops/prometheus/alerts.yml"
DASHBOARD = ROOT / "src/ops/grafana/dashboards/ocenka.json"
METRICS = ROOT / "src/ops/metrics.txt"
RUNBOOKS = ROOT / "docs/OPERATIONS.md"

# PromQL words that are not metric names.
KEYWORDS = {
    # aggregations and their modifiers
    "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
    # functions used here or likely to be
    "abs", "absent", "absent_over_time", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min",
    "count_over_time", "delta", "deriv", "exp", "floor", "histogram_quantile", "idelta", "increase", "irate",
    "label_replace", "label_join", "ln", "log2", "log10", "max_over_time", "min_over_time", "predict_linear",
    "quantile_over_time", "rate", "resets", "round", "scalar", "sort", "sort_desc", "sqrt", "stddev_over_time",
    "sum_over_time", "time", "timestamp", "vector", "last_over_time", "present_over_time",
    "inf", "nan",
}
IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def metric_names(expr):
    """The metric names an expression selects (strings, label matchers, ranges, modifiers' label lists removed)."""
    e = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)           # string literals
    e = re.sub(r"\{[^{}]*\}", "", e)                         # label matchers
    e = re.sub(r"\[[^\[\]]*\]", "", e)                       # range and subquery durations
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", e)
    e = re.sub(r"\$\{?\w+\}?", " ", e)                       # Grafana variables ($__rate_interval, ${x})
    e = re.sub(r"\b\d+(\.\d+)?(e[+-]?\d+)?[smhdwy]?\b", " ", e)  # numbers and durations
    return {m for m in IDENT.findall(e) if m.lower() not in KEYWORDS}


def github_anchor(heading):
    a = heading.strip().lower()
    a = re.sub(r"[^\w\- ]", "", a)
    return a.replace(" ", "-")


def main():
    problems = []
    known = {}
    for line in METRICS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name = line.split()[0]
            known[name] = line

    rules = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))
    recorded = {r["record"] for g in rules["groups"] for r in g["rules"] if "record" in r}
    used = {}

    anchors = {github_anchor(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$",
                                                              RUNBOOKS.read_text(encoding="utf-8"), re.M)}
    for group in rules["groups"]:
        for rule in group["rules"]:
            where = f"alerts.yml {rule.get('alert') or rule.get('record')}"
            for name in metric_names(rule["expr"]):
                used.setdefault(name, set()).add(where)
            if "alert" not in rule:
                continue
            if rule.get("labels", {}).get("severity") not in {"critical", "warning", "info"}:
                problems.append(f"{where}: severity label missing or not critical/warning/info")
            annotations = rule.get("annotations", {})
            for key in ("summary", "description", "runbook_url"):
                if not annotations.get(key):
                    problems.append(f"{where}: annotation {key} missing")
            url = annotations.get("runbook_url", "")
            m = re.fullmatch(r"docs/OPERATIONS\.md#([\w-]+)", url)
            if not m:
                problems.append(f"{where}: runbook_url {url!r} is not docs/OPERATIONS.md#<anchor>")
            elif m.group(1) not in anchors:
                problems.append(f"{where}: docs/OPERATIONS.md has no heading for #{m.group(1)}")
            elif m.group(1) != rule["alert"].lower():
                problems.append(f"{where}: runbook anchor #{m.group(1)} is not the alert's name")

    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    if variables.get("datasource", {}).get("type") != "datasource" or \
            variables["datasource"].get("query") != "prometheus":
        problems.append("dashboard: no Prometheus data source variable named 'datasource'")
    for v in variables.values():
        if v["type"] == "query":
            if v.get("datasource", {}).get("uid") != "${datasource}":
                problems.append(f"dashboard variable {v['name']}: not on ${{datasource}}")
            m = re.fullmatch(r"label_values\((.*),\s*\w+\)", v["query"])
            expr = m.group(1) if m else v["query"]
            for name in metric_names(expr):
                used.setdefault(name, set()).add(f"dashboard variable {v['name']}")
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            continue
        if panel.get("datasource", {}).get("uid") != "${datasource}":
            problems.append(f"dashboard panel {panel['title']!r}: not on ${{datasource}}")
        for target in panel.get("targets", []):
            if target.get("datasource", {}).get("uid") != "${datasource}":
                problems.append(f"dashboard panel {panel['title']!r} {target['refId']}: not on ${{datasource}}")
            for name in metric_names(target["expr"]):
                used.setdefault(name, set()).add(f"dashboard {panel['title']!r}")

    for name in sorted(used):
        if name not in known and name not in recorded:
            problems.append(f"unknown metric {name} (used by {', '.join(sorted(used[name]))}): "
                            f"add it to src/ops/metrics.txt with its source, or fix the name")
    for name in sorted(set(known) - set(used)):
        problems.append(f"src/ops/metrics.txt lists {name}, which nothing uses")

    if "-v" in sys.argv:
        for name in sorted(used):
            print(f"{name:55} {known.get(name, '(recorded)').split(None, 1)[-1] if name in known else '(recorded by alerts.yml)'}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"src/ops: {len(used)} metric names known, {sum(1 for g in rules['groups'] for r in g['rules'] if 'alert' in r)} "
          f"alerts with runbooks, dashboard of {len(dashboard['panels'])} panels: OK")


if __name__ == "__main__":
    main()
