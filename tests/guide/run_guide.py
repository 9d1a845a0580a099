#!/usr/bin/env python3
"""Runs docs/user-guide.md as written: every ```sh block, in order, on a fresh repository.

The guide is what a new user follows word for word, so it is a test: a command in it that fails
fails the build, and it cannot drift from the program again.

How the guide is read:
- Each ```sh block runs in one bash session shared by the whole guide (an `export` or `cd` in one
  block holds in the next), in a fresh working folder holding a copy of docs/examples, with
  `dossier` on PATH. A command's stdin is empty: nothing may wait for a person.
- A command that exits non-zero fails the test, naming the guide's line.
- A whole-line comment directly under a command (no blank line between) is what the command
  prints: the output must contain it (runs of spaces count as one). Other comments are prose.
- A block right after `<!-- guide-test: not run: REASON -->` is skipped, and the reason printed.
- The guide's story happens in 2026 (numbers carry the year they are registered in, dates are
  around them). Run in a later year, every year in the commands, the expected output and the
  example files is moved on by the same number of years, so that the story keeps its shape.

Usage: run_guide.py GUIDE EXAMPLES_DIR DOSSIER_BINARY
"""
import datetime
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP_MARK = re.compile(r"<!--\s*guide-test:\s*not run:\s*(.+?)\s*-->")
WRITTEN_YEAR = "2026"


class Command:
    def __init__(self, line, text, section):
        self.line = line
        self.text = text
        self.section = section
        self.expected = []


def read_guide(path):
    """The guide's runnable commands, in order, and the blocks it skips with their reasons."""
    commands, skipped = [], []
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    section, skip_reason, i = "", None, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        mark = SKIP_MARK.search(line)
        if mark:
            skip_reason = mark.group(1)
        if line.strip() == "```sh":
            start = i + 1
            end = start
            while end < len(lines) and lines[end].strip() != "```":
                end += 1
            if end == len(lines):
                sys.exit(f"{path}:{i + 1}: a ```sh block that never closes")
            if skip_reason is not None:
                skipped.append((i + 1, section, skip_reason))
            else:
                commands.extend(block_commands(lines, start, end, section))
            skip_reason = None
            i = end + 1
            continue
        elif line.strip() and not mark:
            skip_reason = None  # a mark holds for the block right under it only
        i += 1
    return commands, skipped


def block_commands(lines, start, end, section):
    commands, last = [], None  # last: the command a comment right under it belongs to
    j = start
    while j < end:
        text = lines[j]
        stripped = text.strip()
        if not stripped:
            last = None
        elif stripped.startswith("#"):
            if last is not None:
                last.expected.append(stripped.lstrip("#").strip())
        else:
            first = j
            while text.rstrip().endswith("\\") and j + 1 < end:
                j += 1
                text = text.rstrip() + "\n" + lines[j]  # bash reads the backslash-newline
            last = Command(first + 1, text, section)
            commands.append(last)
        j += 1
    return commands


def later_years(text):
    """The guide's years moved on to this year's story (a no-op in 2026)."""
    offset = datetime.date.today().year - int(WRITTEN_YEAR)
    if offset == 0:
        return text
    return re.sub(r"(?<!\d)(20[2-9]\d)(?!\d)", lambda m: str(int(m.group(1)) + offset), text)


def script_for(commands, guide):
    """One bash script: each command's output to a file, shown, its exit status and output checked."""
    out = ['set -u', 'out="$GUIDE_OUT"',
           'spaces() { tr -s " \\t" " "; }',
           'expect() {  # expect LINE TEXT: the last output contains TEXT',
           '  if ! spaces < "$out" | grep -qF -- "$(printf %s "$2" | spaces)"; then',
           f'    printf "\\nFAILED: {guide}:%s printed no line with: %s\\n" "$1" "$2" >&2; exit 1',
           '  fi',
           '}']
    for c in commands:
        text = later_years(c.text)
        shown = text.replace("\n", "\n    ")
        out.append(f"printf '\\n\\033[1m[%s] $ %s\\033[0m\\n' {shlex.quote(c.section)} {shlex.quote(shown)}")
        out.append("{ " + text + "\n} > \"$out\" 2>&1 < /dev/null")
        out.append('rc=$?; cat "$out"')
        out.append(f'if [ $rc -ne 0 ]; then printf "\\nFAILED: {guide}:{c.line} exited %s\\n" $rc >&2; exit 1; fi')
        for e in c.expected:
            out.append(f"expect {c.line} {shlex.quote(later_years(e))}")
    out.append('printf "\\nThe guide ran: %s commands.\\n" ' + str(len(commands)))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("Usage: ")[1])
    guide, examples, binary = sys.argv[1:]
    commands, skipped = read_guide(guide)
    if not commands:
        sys.exit(f"{guide}: no ```sh blocks found")
    work = pathlib.Path(tempfile.mkdtemp(prefix="dossier-guide-"))
    try:
        shutil.copytree(examples, work / "docs" / "examples")
        for example in (work / "docs" / "examples").rglob("*.json"):
            example.write_text(later_years(example.read_text(encoding="utf-8")), encoding="utf-8")
        bin_dir = work / ".bin"
        bin_dir.mkdir()
        (bin_dir / "dossier").symlink_to(os.path.abspath(binary))
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
        env["PATH"] = f"{bin_dir}:{env.get('PATH', '/usr/bin:/bin')}"
        env["GUIDE_OUT"] = str(work / ".last-output")
        env["HOME"] = str(work)
        script = work / ".guide.sh"
        script.write_text(script_for(commands, guide), encoding="utf-8")
        for line, section, reason in skipped:
            print(f"not run: {guide}:{line} [{section}]: {reason}")
        return subprocess.run(["bash", str(script)], cwd=work, env=env).returncode
    finally:
        if os.environ.get("GUIDE_KEEP"):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
