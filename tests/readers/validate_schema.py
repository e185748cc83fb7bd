#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema with the independent `jsonschema` package.

Usage: validate_schema.py SCHEMA FILE...   (prints one line per file: OK or the first error; exit 1 on any error)

Dates and numbers are kept as YAML 1.2 core would give them to an editor: timestamps stay strings.
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# PyYAML follows YAML 1.1 and turns 2020-06-23 into a date; editors (and rexieshang) read it as text.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft7Validator(schema)
failed = False
for path in sys.argv[2:]:
    doc = yaml.load(open(path, encoding="utf-8-sig"), Loader=Loader)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        failed = True
        e = errors[0]
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    else:
        print(f"{path}: OK")
sys.exit(1 if failed else 0)
