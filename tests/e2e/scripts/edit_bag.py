#!/usr/bin/env python3
"""Edits a record of a BagIt folder as an attacker would, then makes the bag
valid again: every manifest, the tag manifest and Payload-Oxum recomputed.

  edit_bag.py BAG NUMBER [--set FIELD=VALUE ...] [--strip-signature]

FIELD is a field of data/NUMBER/metadata.json (a string; dots reach inside:
archive.retention); the record is written back in the same compact, sorted
form.
"""
import argparse
import hashlib
import json
import os
import sys


def rehash(bag, manifest, algorithm):
    path = os.path.join(bag, manifest)
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            _, name = line.rstrip("\n").split(" ", 1)
            name = name.strip()
            with open(os.path.join(bag, name), "rb") as content:
                lines.append(hashlib.new(algorithm, content.read()).hexdigest() + "  " + name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bag")
    ap.add_argument("number")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--strip-signature", action="store_true")
    args = ap.parse_args()
    record_path = os.path.join(args.bag, "data", args.number, "metadata.json")
    with open(record_path, encoding="utf-8") as f:
        record = json.load(f)
    for assignment in args.set:
        field, value = assignment.split("=", 1)
        *path, last = field.split(".")
        target = record
        for key in path:
            target = target.get(key) if isinstance(target, dict) else None
        if not isinstance(target, dict) or last not in target:
            sys.exit(f"no field {field} in {record_path}")
        target[last] = value
    if args.strip_signature:
        record.pop("signature", None)
    with open(record_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    size = files = 0
    for root, _, names in os.walk(os.path.join(args.bag, "data")):
        for name in names:
            size += os.path.getsize(os.path.join(root, name))
            files += 1
    info_path = os.path.join(args.bag, "bag-info.txt")
    with open(info_path, encoding="utf-8") as f:
        info = [f"Payload-Oxum: {size}.{files}" if l.startswith("Payload-Oxum:") else l.rstrip("\n") for l in f]
    with open(info_path, "w", encoding="utf-8") as f:
        f.write("\n".join(info) + "\n")
    rehash(args.bag, "manifest-sha256.txt", "sha256")
    rehash(args.bag, "manifest-sha512.txt", "sha512")
    rehash(args.bag, "tagmanifest-sha256.txt", "sha256")


if __name__ == "__main__":
    main()
