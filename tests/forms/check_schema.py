#!/usr/bin/python3
"""Validates every questionnaire template against forms/schema/questionnaire.schema.json
(draft 2020-12, with Debian's python3-jsonschema), and checks that the schema does reject
broken documents, so that the test can fail.

Usage: check_schema.py SOURCE_DIR
"""
import copy
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    schema = json.loads((root / "forms/schema/questionnaire.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    files = sorted((root / "forms").glob("*.json")) + [root / "data/demo/questionnaire.json"]
    if len(files) < 5:
        print(f"expected the four templates and the demo questionnaire, found {len(files)} files")
        return 1
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(doc))
        for e in errors[:10]:
            print(f"{path.relative_to(root)}: {e.json_path}: {e.message}")
        failures += bool(errors)
        print(f"{path.relative_to(root)}: {'ok' if not errors else f'{len(errors)} error(s)'}")

    # Documents the reader refuses must fail the schema too.
    good = json.loads((root / "forms/nps-csat-ces.json").read_text(encoding="utf-8"))
    broken = []
    d = copy.deepcopy(good); d["sections"][0]["items"][0]["type"] = "slider"; broken.append(("unknown item type", d))
    d = copy.deepcopy(good); del d["id"]; broken.append(("no id", d))
    d = copy.deepcopy(good); d["sections"][0]["items"][2]["scale"]["max"] = "five"; broken.append(("max not a number", d))
    d = copy.deepcopy(good); d["sections"][0]["items"][0]["role"] = "promoter"; broken.append(("unknown role", d))
    d = copy.deepcopy(good); d["sections"][0]["items"][0]["relevnt"] = "x = 1"; broken.append(("misspelt field", d))
    d = copy.deepcopy(good); d["format"] = "other"; broken.append(("wrong format", d))
    d = copy.deepcopy(good); d["sections"][0]["items"][2]["scale"]["missing"] = [{"code": 99, "kind": "maybe", "label": "x"}]
    broken.append(("unknown missing kind", d))
    for what, doc in broken:
        if validator.is_valid(doc):
            print(f"the schema accepts a document with {what}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
