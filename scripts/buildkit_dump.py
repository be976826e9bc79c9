#!/usr/bin/env python3
"""Parse Dockerfiles with BuildKit's own parser (PyPI `dockerfile`, which
wraps moby/buildkit's Go parser) and print one JSON object per file.

Used by the differential test in crates/shipready-dockerfile/tests. Reads
file paths, one per line, on stdin.
"""
import json
import sys

import dockerfile


def command(c):
    return {
        "cmd": c.cmd.upper(),
        "sub_cmd": c.sub_cmd.upper() if c.sub_cmd else None,
        "json": c.json,
        "start_line": c.start_line,
        "end_line": c.end_line,
        "flags": list(c.flags),
        "value": list(c.value),
        "heredocs": [
            {"name": h.name, "content": h.content, "fd": h.file_descriptor}
            for h in c.heredocs
        ],
    }


for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    try:
        cmds = dockerfile.parse_file(path)
        out = {"path": path, "ok": True, "commands": [command(c) for c in cmds]}
    except Exception as e:  # the wrapper raises GoParseError and friends
        out = {"path": path, "ok": False, "error": str(e)}
    print(json.dumps(out), flush=True)
