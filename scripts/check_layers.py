#!/usr/bin/env python3
"""The house rules of src/, checked from the code's own `crate::` paths:

- no dependency cycle between the top-level modules (folders and single files) of src/;
- no cycle between the files inside one folder (through `super::` and `crate::folder::` paths);
- no source file over 600 lines.

Prints the modules leaves first with what each imports, and exits 1 on a broken rule. Test code
(`#[cfg(test)] mod tests`, `*_tests.rs`, `tests.rs`) is left out: tests may reach anywhere.

Usage: python3 scripts/check_layers.py [SRC_DIR]
"""
import re
import sys
from pathlib import Path

MAX_LINES = 600


def code_of(path: Path) -> str:
    """The file's code: comments (doc links name modules without importing them) and tests left out."""
    text = path.read_text(encoding="utf-8")
    # Everything from the first inline test module on is test code.
    text = re.split(r"#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*mod \w+\s*\{", text)[0]
    return re.sub(r"//[^\n]*", "", text)


def is_test_file(path: Path) -> bool:
    return path.name == "tests.rs" or path.name.endswith("_tests.rs")


def top_module(src: Path, path: Path) -> str:
    rel = path.relative_to(src)
    return rel.parts[0].removesuffix(".rs")


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in `graph` as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def leaves_first(graph: dict[str, set[str]]) -> list[str]:
    order: list[str] = []
    done: set[str] = set()
    while len(done) < len(graph):
        ready = sorted(n for n in graph if n not in done and graph[n] <= done)
        if not ready:  # a cycle: list the rest as they are
            order.extend(sorted(set(graph) - done))
            break
        order.extend(ready)
        done.update(ready)
    return order


def main() -> int:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    files = [p for p in sorted(src.rglob("*.rs")) if not is_test_file(p)]
    problems: list[str] = []

    top: dict[str, set[str]] = {}
    inner: dict[str, dict[str, set[str]]] = {}
    for path in files:
        module = top_module(src, path)
        if module in ("lib", "main"):
            continue
        code = code_of(path)
        deps = set(re.findall(r"\bcrate::([a-z_][a-z0-9_]*)", code)) - {module}
        top.setdefault(module, set()).update(deps)
        # Files of one folder: `super::name` and `crate::folder::name` from a file of that folder.
        if path.parent != src:
            folder = path.parent.relative_to(src).as_posix()
            me = path.stem
            names = set(re.findall(r"\bsuper::([a-z_][a-z0-9_]*)", code))
            names |= set(re.findall(r"\bcrate::" + re.escape(folder.replace("/", "::")) + r"::([a-z_][a-z0-9_]*)", code))
            siblings = {p.stem for p in path.parent.glob("*.rs")} - {"mod", me}
            inner.setdefault(folder, {}).setdefault(me, set()).update(names & siblings)
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            problems.append(f"{path}: {lines} lines (at most {MAX_LINES})")
    known = set(top)
    top = {m: {d for d in deps if d in known} for m, deps in top.items()}

    print("src/ leaves first (each module and what it imports):")
    for m in leaves_first(top):
        print(f"  {m:<12} {' '.join(sorted(top[m])) or '-'}")
    cycle = find_cycle(top)
    if cycle:
        problems.append("cycle between top-level modules: " + " -> ".join(cycle))
    for folder, graph in sorted(inner.items()):
        cycle = find_cycle(graph)
        if cycle:
            problems.append(f"cycle inside src/{folder}/: " + " -> ".join(cycle))
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if not problems:
        print(f"no cycles; every file at most {MAX_LINES} lines")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
