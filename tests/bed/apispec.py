"""What the stand-ins read from the API descriptions they are built from (Harbor's swagger.yaml,
Docker Hub's OpenAPI extract): the base path and every path with its methods. A plain reading of
the YAML's `paths:` block, enough for these documents; no YAML library is needed in the bed."""
import re


def described_paths(spec_path):
    """(basePath or None, {path template: {METHODS}}) of a Swagger 2.0 or OpenAPI 3 document."""
    base, paths, current, in_paths = None, {}, None, False
    for line in open(spec_path, encoding="utf-8"):
        if line.startswith("basePath:"):
            base = line.split(":", 1)[1].strip()
        if line.startswith("paths:"):
            in_paths = True
            continue
        if in_paths and re.match(r"^\S", line):
            in_paths = False
        if not in_paths:
            continue
        # YAML keys may be quoted: '/projects/{project_name_or_id}':
        m = re.match(r"""^  (['"]?)(/[^'"\s]*)\1:\s*$""", line)
        if m:
            current = m.group(2)
            paths.setdefault(current, set())
            continue
        m = re.match(r"^    (get|put|post|delete|patch|head):\s*$", line)
        if m and current:
            paths[current].add(m.group(1).upper())
    return base, paths


def template_regex(template):
    """A regex for a path template: each {parameter} is one path segment."""
    return re.compile("^" + re.sub(r"\{[^}]+\}", "([^/]+)", template) + "$")
