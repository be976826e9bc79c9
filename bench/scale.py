#!/usr/bin/env python3
"""Scaling benchmark (issue #14): does the cost of `shipready lint` grow
linearly with the repository?

1. N copies of ../shared/corpus side by side (a monorepo stand-in: every
   Dockerfile, Compose project and manifest N times), all linted in one
   run, for N in 1, 4, 8, 16. Linear means N copies take at most N times
   one copy; the table shows the ratio to N.
2. One Compose file with K services (1k, 3k, 10k), each with an image, a
   local build, ports, a healthcheck and a depends_on edge; linear means
   10k takes at most 10 times 1k.

Median wall time and peak RSS (/usr/bin/time). The copies are made once
under --work (default ./target/bench-scale) and reused; the corpus is read
from ../shared, never written.

Usage: bench/scale.py [--runs N] [--work DIR]
"""
import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
LINT = ["lint", "--format", "json", "--fail-on", "none", "--allow-input-errors"]


def copies(work: Path, n: int) -> Path:
    d = work / f"copies-{n}"
    for i in range(1, n + 1):
        c = d / f"copy{i}"
        if not c.exists():
            shutil.copytree(CORPUS, c, symlinks=True)
    return d


def compose(work: Path, k: int) -> Path:
    d = work / f"services-{k}"
    f = d / "compose.yaml"
    if f.exists():
        return f
    (d / "app").mkdir(parents=True, exist_ok=True)
    (d / "app" / "Dockerfile").write_text(
        "FROM debian:12-slim\nCOPY . /app\nUSER 1000\nCMD [\"/app/run\"]\n")
    lines = ["services:"]
    for i in range(k):
        lines += [
            f"  svc{i}:",
            f"    image: example/svc{i}:1.0",
            "    build: ./app",
            f"    ports: [\"{10000 + i % 50000}:8080\"]",
            "    healthcheck:",
            "      test: [\"CMD\", \"/app/run\", \"--check\"]",
            "      interval: 10s",
        ]
        if i:
            lines += ["    depends_on:", f"      - svc{i - 1}"]
    f.write_text("\n".join(lines) + "\n")
    return f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=str(ROOT / "target" / "bench-scale"))
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent")
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "shipready"], cwd=ROOT, check=True)
    sr = str(ROOT / "target/release/shipready")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    print(f"corpus copies: {CORPUS}; median of {args.runs} runs\n")
    print("| copies | median wall | peak RSS | time / (N × one copy) |")
    print("|---|---|---|---|")
    one = None
    for n in (1, 4, 8, 16):
        t, m = measure([sr, *LINT, str(copies(work, n))], args.runs)
        one = one or t
        print(f"| {n} | {t*1000:.0f} ms | {m:.1f} MB | {t/(n*one):.2f} |")

    print("\none Compose file with K services\n")
    print("| services | median wall | peak RSS | time / (K/1k × 1k) |")
    print("|---|---|---|---|")
    base = None
    for k in (1000, 3000, 10000):
        t, m = measure([sr, *LINT, str(compose(work, k))], args.runs)
        base = base or t
        print(f"| {k} | {t*1000:.0f} ms | {m:.1f} MB | {t/((k/1000)*base):.2f} |")


main()
