"""Runs PyPI kubernetes-validate (strict, Kubernetes 1.34) on many files in
one process, through the same functions its command line uses, and prints
one JSON line per object: {"file", "object", "verdict"} with verdict
valid | invalid | noschema, or one line with object null and verdict
notyaml for a file it cannot read. The Rust differential test calls it:
one process instead of one per file keeps the test quick."""
import json
import sys

from kubernetes_validate import utils


def main():
    for filename in sys.argv[1:]:
        try:
            resources = utils.resources_from_file(filename)
        except BaseException:  # its reader raises SystemExit on bad YAML
            print(json.dumps({"file": filename, "object": None, "verdict": "notyaml"}))
            continue
        for r in resources:
            try:
                name = utils.kn(r)
            except Exception:
                name = None
            try:
                utils.validate(r, "1.34.0", True)
                verdict = "valid"
            except utils.ValidationError:
                verdict = "invalid"
            except (utils.SchemaNotFoundError, utils.InvalidSchemaError):
                verdict = "noschema"
            print(json.dumps({"file": filename, "object": name, "verdict": verdict}))


main()
