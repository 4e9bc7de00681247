#!/usr/bin/env python3
"""The layering test: every include in core/, ui/ and app/ points up the room list of
ARCHITECTURE.md (a room includes itself and the rooms above it, never one below).

Usage: check_layers.py SOURCE_DIR. Prints each wrong include as FILE:LINE and exits 1.
       check_layers.py --self-test: shows on a small tree that a wrong include is caught."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"((?:core|ui|app)/[^"]+)"')


def room_order(source):
    text = open(os.path.join(source, "ARCHITECTURE.md"), encoding="utf-8").read()
    block = re.search(r"```layers\n(.*?)```", text, re.S)
    if not block:
        sys.exit("check_layers: ARCHITECTURE.md has no ```layers block")
    return [line.split()[0] for line in block.group(1).splitlines() if line.strip()]


def room_of(path, rooms):
    """The room a path (relative to the source dir) belongs to: the longest listed prefix."""
    best = None
    for room in rooms:
        if path == room or path.startswith(room + "/"):
            if best is None or len(room) > len(best):
                best = room
    return best


def self_test():
    """A tree where core/base includes core/net (below it) must fail; the reverse must pass."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tree:
        for room in ("core/base", "core/net"):
            os.makedirs(os.path.join(tree, room))
        open(os.path.join(tree, "ARCHITECTURE.md"), "w").write("```layers\ncore/base x\ncore/net y\n```\n")
        open(os.path.join(tree, "core/net/Http.h"), "w").write('#include "core/base/Error.h"\n')
        open(os.path.join(tree, "core/base/Error.h"), "w").write("#pragma once\n")
        good = subprocess.run([sys.executable, __file__, tree], capture_output=True, text=True)
        open(os.path.join(tree, "core/base/Error.h"), "w").write('#include "core/net/Http.h"\n')
        bad = subprocess.run([sys.executable, __file__, tree], capture_output=True, text=True)
    if good.returncode != 0 or bad.returncode != 1 or "core/base may not include core/net/Http.h" not in bad.stdout:
        print("self-test failed:", good.stdout, bad.stdout)
        return 1
    print("check_layers: self-test passed (an upward include passes, a downward one is caught)")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    source = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    rooms = room_order(source)
    rank = {room: i for i, room in enumerate(rooms)}
    problems = []
    checked = 0
    for top in ("core", "ui", "app"):
        for directory, _, files in os.walk(os.path.join(source, top)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.relpath(os.path.join(directory, name), source)
                room = room_of(path, rooms)
                if room is None:
                    problems.append(f"{path}: not in any room of ARCHITECTURE.md")
                    continue
                checked += 1
                for number, line in enumerate(open(os.path.join(source, path), encoding="utf-8"), 1):
                    match = INCLUDE.match(line)
                    if not match:
                        continue
                    target = room_of(match.group(1), rooms)
                    if target is None:
                        problems.append(f"{path}:{number}: includes {match.group(1)}, which is in no room")
                    elif rank[target] > rank[room]:
                        problems.append(f"{path}:{number}: {room} may not include {match.group(1)} "
                                        f"({target} is below {room} in ARCHITECTURE.md)")
    # A room listed but empty is a stale list.
    for room in rooms:
        if not os.path.isdir(os.path.join(source, room)):
            problems.append(f"ARCHITECTURE.md lists {room}, which does not exist")
    for problem in problems:
        print(problem)
    print(f"check_layers: {checked} files in {len(rooms)} rooms, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
