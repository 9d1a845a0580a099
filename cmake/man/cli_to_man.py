#!/usr/bin/env python3
"""Man pages from docs/cli.md, at build time: dossier(1) with the global options,
exit codes, environment, files and JSON shapes, and one page per command group
(each `## ` section of commands: dossier-documents(1), dossier-retention(1), ...).
docs/cli.md is the reference the project keeps in step with the code; the pages
are that text in roff, gzipped (-9, no name or time) as Debian wants them.

Usage: cli_to_man.py CLI_MD OUT_DIR VERSION
"""
import gzip
import os
import re
import sys

# Each command group's section of docs/cli.md and its page.
GROUPS = [
    ("Repository and users", "repository", "create a repository; users, keys, tokens; the server"),
    ("Documents", "documents", "register, version, show, take through their workflow, archive documents"),
    ("Search", "search", "search the repository; rebuild its index"),
    ("Integrity", "integrity", "verify, checkpoints, gc, backup and restore, numbering, the audit trail, PDF"),
    ("Export and import", "export", "export and import packages and tables; transfer to an archive"),
    ("Retention, holds and destruction", "retention", "retention schedules, holds, destruction lists, plugins"),
]
DOSSIER_PAGE_SECTIONS = ["Exit codes", "JSON shapes"]


def escape(text):
    text = text.replace("\\", "\\e")
    return text


def inline(text):
    """Markdown inline markup to roff font changes."""
    text = escape(text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # links: their text
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\\fI\1\\fR", text)
    return text


def line_safe(text):
    """A roff text line never starts with a control character."""
    return "\\&" + text if text[:1] in (".", "'") else text


def body(lines):
    """Markdown block structure (paragraphs, lists, tables, code) to roff."""
    out, para, in_code = [], [], False
    lines = list(lines)

    def flush():
        if para:
            out.append(line_safe(inline(" ".join(para))))
            para.clear()

    for index, raw in enumerate(lines):
        line = raw.rstrip("\n")
        if line.startswith("```"):
            flush()
            if in_code:
                out += [".fi", ".RE"]
            else:
                out += [".PP", ".RS 4", ".nf"]
            in_code = not in_code
            continue
        if in_code:
            out.append(line_safe(escape(line)))
            continue
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("|"):
            flush()
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", stripped.strip("|"))]
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if all(re.fullmatch(r":?-+:?", c) for c in cells) or re.fullmatch(r"\|[-:| ]+\|", following):
                continue  # the separator, and the header row above it
            out += [".TP", line_safe(inline(cells[0])), line_safe(" \\(em ".join(inline(c) for c in cells[1:]))]
            continue
        bullet = re.match(r"^(-|\d+\.) (.*)", stripped)
        if bullet and not line.startswith("  "):
            flush()
            out.append(".IP \\(bu 2" if bullet.group(1) == "-" else ".IP %s 4" % bullet.group(1))
            para.append(bullet.group(2))
            continue
        if not para and out and out[-1] not in (".PP",) and not out[-1].startswith(".IP") and not out[-1].startswith(".TP"):
            out.append(".PP")
        para.append(stripped)
    flush()
    return out


def sections(text):
    """{title: lines} of the `## ` sections, and the lines before the first."""
    found, current, head = {}, None, []
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            found[current] = []
        elif current is None:
            head.append(line)
        else:
            found[current].append(line)
    return head, found


def commands_of(lines):
    """The section's `### ` entries: each a heading and its text."""
    out, current = [], None
    for line in lines:
        if line.startswith("### "):
            current = [line[4:].strip(), []]
            out.append(current)
        elif current is not None:
            current[1].append(line)
        else:
            out.append(["", [line]]) if not out else out[0][1].append(line)
    return out


def header(name, section, version, summary):
    return [
        '.\\" Generated from docs/cli.md by cmake/man/cli_to_man.py: edit that file.',
        '.TH %s %s "" "dossier %s" "Dossier"' % (name.upper(), section, version),
        ".SH NAME",
        "%s \\- %s" % (name.replace("-", "\\-"), summary),
    ]


def group_page(title, slug, summary, lines, version):
    page = header("dossier-" + slug, 1, version, summary)
    page += [".SH DESCRIPTION", "The commands of \\fBdossier\\fR(1) for: %s." % inline(title.lower())]
    for heading, text in commands_of(lines):
        if heading:
            page += [".SS " + inline(heading)]
        page += body(text)
    page += [".SH SEE ALSO", "\\fBdossier\\fR(1), and the documentation in /usr/share/doc/dossier/."]
    return page


def dossier_page(head, found, version):
    page = header("dossier", 1, version, "contracts, minutes and reports, numbered, versioned and archived")
    synopsis = [l for l in head if l.startswith("dossier ")]
    page += [".SH SYNOPSIS", ".nf", line_safe(inline(synopsis[0] if synopsis else "dossier COMMAND")), ".fi"]
    page += [".SH DESCRIPTION",
             "Dossier registers contracts, meeting minutes and reports with their metadata, numbers, versions "
             "and archives them under retention rules. Each command group has its own page:"]
    for title, slug, summary in GROUPS:
        page += [".TP", "\\fBdossier\\-%s\\fR(1)" % slug, summary]
    page += [".SH OPTIONS"]
    rest = [l for l in head if not l.startswith("#") and l not in synopsis and not l.startswith("```")]
    page += body(rest)
    for title in DOSSIER_PAGE_SECTIONS:
        page += [".SH " + title.upper()] + body(found.get(title, []))
    page += [".SH ENVIRONMENT",
             ".TP", "\\fBDOSSIER_REPO\\fR", "The repository, when \\fB\\-\\-repo\\fR is not given (an absolute path).",
             ".TP", "\\fBDOSSIER_USER\\fR", "The acting user, when \\fB\\-\\-as\\fR is not given.",
             ".TP", "\\fBDOSSIER_LANG\\fR", "zh (the default) or en: the language people read.",
             ".TP", "\\fBDOSSIER_PLUGIN_PATH\\fR", "Folders searched for plugins before the installed ones, separated by ':'.",
             ".TP", "\\fBTZ\\fR", "The time zone times are shown in, instead of the repository's.",
             ".SH FILES",
             ".TP", "/var/lib/dossier/repo", "The repository of the Debian package's service (dossier.service).",
             ".TP", "/etc/default/dossier", "The service's listening address and the disposal schedule's user.",
             ".TP", "/usr/share/dossier/schemas", "The types, workflows, templates and settings a new repository starts from.",
             ".SH SEE ALSO",
             ", ".join("\\fBdossier\\-%s\\fR(1)" % slug for _, slug, _ in GROUPS) + ";",
             "/usr/share/doc/dossier/user\\-guide.md, server.md, api.md, backup.md."]
    return page


def write(out_dir, name, page):
    data = ("\n".join(page) + "\n").encode("utf-8")
    path = os.path.join(out_dir, name + ".1.gz")
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as z:
            z.write(data)


def main():
    cli_md, out_dir, version = sys.argv[1:4]
    head, found = sections(open(cli_md, encoding="utf-8").read())
    missing = [title for title, _, _ in GROUPS if title not in found]
    if missing:
        sys.exit("cli_to_man.py: docs/cli.md has no section %s" % ", ".join(missing))
    os.makedirs(out_dir, exist_ok=True)
    write(out_dir, "dossier", dossier_page(head, found, version))
    for title, slug, summary in GROUPS:
        write(out_dir, "dossier-" + slug, group_page(title, slug, summary, found[title], version))


if __name__ == "__main__":
    main()
