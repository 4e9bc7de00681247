#!/usr/bin/env python3
"""Fails when a .ts file has a message without a finished translation (Korean must stay complete)."""
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
root = ET.parse(path).getroot()
missing = []
total = 0
for context in root.iter("context"):
    for message in context.iter("message"):
        total += 1
        source = message.findtext("source")
        tr = message.find("translation")
        numerus = message.get("numerus") == "yes"
        text = "".join(tr.itertext()).strip() if tr is not None else ""
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            missing.append(f"{context.findtext('name')}: {source!r}")
        elif numerus and not tr.findall("numerusform"):
            missing.append(f"{context.findtext('name')}: {source!r} (plural forms)")
if total == 0:
    print(f"{path}: no messages at all; run the update_translations target")
    sys.exit(1)
if missing:
    print(f"{path}: {len(missing)} of {total} messages untranslated:")
    print("\n".join("  " + m for m in missing))
    sys.exit(1)
print(f"{path}: all {total} messages translated")
