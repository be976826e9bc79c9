#!/usr/bin/env python3
"""Differential study against hadolint: lints every corpus Dockerfile with
shipready and with hadolint 2.15 and compares, per hadolint code, the
findings each tool reports in each file. Prints a Markdown table (used in
docs/hadolint-differences.md) and, with --examples CODE, the files where
the two disagree on that code.

Findings are compared per instruction: hadolint reports an instruction's
first line, shipready the line of the offending word, so both are mapped
to the instruction that holds them (BuildKit's parser, PyPI `dockerfile`),
and a code counts once per instruction.

Usage: .venv/bin/python bench/hadolint_diff.py [--examples DL3059] [--limit 10]
Needs: target/release/shipready, .venv with hadolint and dockerfile
(scripts/test makes it), ../shared/corpus.
"""
import argparse
import bisect
import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from lint import dockerfiles  # noqa: E402
import dockerfile  # noqa: E402  (PyPI `dockerfile`, the BuildKit parser)

_starts = {}


def instruction_line(path, line):
    """The first line of the instruction holding `line` (1-based)."""
    if path not in _starts:
        try:
            _starts[path] = sorted(c.start_line for c in dockerfile.parse_file(path))
        except Exception:  # noqa: BLE001 - unparsable files are left out anyway
            _starts[path] = []
    starts = _starts[path]
    i = bisect.bisect_right(starts, line) - 1
    return starts[i] if i >= 0 else line


def ours(files):
    out = subprocess.run(
        [str(ROOT / "target/release/shipready"), "lint", "--format", "json", "--fail-on", "none", *files],
        capture_output=True, text=True, check=False)
    data = json.loads(out.stdout)
    counts = collections.Counter()
    for f in data["findings"]:
        code = pick_code(f)
        if code:
            counts[(f["file"], code, instruction_line(f["file"], f["line"]))] = 1
    return counts


# Rules that stand for several hadolint codes: the code is chosen by the
# tool the message names (or, for the root-user rule, by whether USER is
# set at all: hadolint's DL3002 is `USER root`, DL3063 is no USER).
SPLIT = {
    "yum": {"SR-D047": "DL3030", "SR-D048": "DL3032", "SR-D049": "DL3033"},
    "zypper": {"SR-D047": "DL3034", "SR-D048": "DL3036", "SR-D049": "DL3037", "SR-D024": "DL3035"},
    "dnf": {"SR-D047": "DL3038", "SR-D048": "DL3040", "SR-D049": "DL3041"},
    "microdnf": {"SR-D047": "DL3038", "SR-D048": "DL3040", "SR-D049": "DL3041"},
}


def pick_code(f):
    codes = f["equivalents"].get("hadolint", [])
    if len(codes) <= 1:
        return codes[0] if codes else None
    msg = f["message"]
    for tool, by_rule in SPLIT.items():
        if f"`{tool} " in msg or f" {tool} " in msg or msg.startswith(f"`{tool}"):
            if f["rule"] in by_rule:
                return by_rule[f["rule"]]
    if f["rule"] == "SR-D001":
        return "DL3063" if "no USER" in msg else "DL3002"
    return codes[0]


def hadolint(files):
    exe = ROOT / ".venv/bin/hadolint"
    counts = collections.Counter()
    for i in range(0, len(files), 64):
        # DL3057 and DL3063 are off by default in hadolint and on in
        # shipready: raise them so both tools run the same checks.
        out = subprocess.run([str(exe), "-f", "json", "--no-fail", "--info", "DL3057", "--info", "DL3063", *files[i:i + 64]],
                             capture_output=True, text=True, check=False)
        for f in json.loads(out.stdout or "[]"):
            counts[(f["file"], f["code"], f["line"])] = 1
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples")
    ap.add_argument("--limit", type=int, default=10)
    args = ap.parse_args()
    files = dockerfiles()
    o, h = ours(files), hadolint(files)
    # Compare only files both tools parse: hadolint reports DL1000 for files
    # it cannot read (templates, and heredocs it mis-parses), and we reject
    # the templates (see the BuildKit differential test).
    unparsed = {k[0] for k in h if k[1] == "DL1000"}
    o = collections.Counter({k: v for k, v in o.items() if k[0] not in unparsed})
    h = collections.Counter({k: v for k, v in h.items() if k[0] not in unparsed})
    codes = sorted({k[1] for k in o} | {k[1] for k in h})
    if args.examples:
        keys = sorted({k for k in o | h if k[1] == args.examples})
        shown = 0
        for k in keys:
            if o[k] != h[k] and shown < args.limit:
                who = "hadolint only" if h[k] else "shipready only"
                print(f"{k[0]}:{k[2]}: {who}")
                shown += 1
        return
    print(f"{len(files)} files, {len(unparsed)} left out because hadolint cannot parse them\n")
    print("| code | hadolint | shipready | both | hadolint only | shipready only |")
    print("|---|---:|---:|---:|---:|---:|")
    for c in codes:
        keys = {k for k in o | h if k[1] == c}
        both = sum(min(o[k], h[k]) for k in keys)
        ht, ot = sum(h[k] for k in keys), sum(o[k] for k in keys)
        print(f"| {c} | {ht} | {ot} | {both} | {ht - both} | {ot - both} |")


if __name__ == "__main__":
    main()
