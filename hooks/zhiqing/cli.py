"""The command line, ``python hooks/policy.py <command> ...``: parse, run, turn a mistake into one line.

Commands: ``release`` (freeze the current text as a new version), ``diff OLD NEW`` (the
redline of two versions), ``check`` (what the law requires and the policy lacks), ``export
wechat`` (the mini program's privacy settings as JSON), ``rules`` (the rule catalogue, RULES.md
and RULES.en.md, from data/rules/rules.yml). Every user mistake prints one line
on stderr and exits 1; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zhiqing.archive import commands as archive_commands
from zhiqing.archive.journal import complete_interrupted
from zhiqing.check import catalogue as rules_catalogue
from zhiqing.check import command as check_command
from zhiqing.errors import PolicyError
from zhiqing.export import wechat

# name -> (help, add its arguments, run it: (args, root) -> exit code)
COMMANDS = {
    "release": ("freeze the current text and inventory as a new version",
                archive_commands.add_release_arguments, archive_commands.run_release),
    "diff": ("print the redline between two versions",
             archive_commands.add_diff_arguments, archive_commands.run_diff),
    "check": ("report what the law requires and the policy lacks",
              check_command.add_arguments, check_command.run_check),
    "export": ("write the mini program's privacy settings from the data: the JSON body of WeChat's "
               "setPrivacySetting, to standard output or --output",
               wechat.add_arguments, wechat.run),
    "rules": ("print or write the rule catalogue (RULES.md, RULES.en.md) from data/rules/rules.yml",
              rules_catalogue.add_arguments, rules_catalogue.run),
}


def find_root(start: Path) -> Path:
    """The site the command works on: the nearest folder at or above ``start`` holding
    ``mkdocs.yml``, else the repository this package belongs to (so it works from any folder)."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return Path(__file__).resolve().parents[2]


# What `python hooks/policy.py --help` says first: for the operator, not the module's docstring.
DESCRIPTION = ("The privacy policy's commands: release a version, show what changed between two, check the "
               "policy against Chinese law, write WeChat's privacy settings, print the rule catalogue. "
               "Run them with the project's Python: .venv/bin/python hooks/policy.py COMMAND.")


class Parser(argparse.ArgumentParser):
    """argparse with one line for a usage mistake and exit 1, as every other mistake of the commands."""

    def error(self, message):
        self.exit(1, f"{self.prog.removeprefix('python hooks/')}: {message}; expected the arguments "
                     f"`{self.prog} --help` lists\n")


def main(argv: list[str] | None = None, cwd: Path | None = None) -> int:
    """Parse ``argv`` and run one command on the site at or above ``cwd`` (default: the current
    folder); return the exit code (0 ok, 1 user error or error-level findings)."""
    parser = Parser(prog="python hooks/policy.py", description=DESCRIPTION)
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for name, (help_text, add_arguments, _) in COMMANDS.items():
        add_arguments(commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + "."))
    args = parser.parse_args(argv)
    root = find_root(cwd or Path.cwd())
    try:
        if args.command != "release":  # release does it holding its lock
            completed = complete_interrupted(root)
            if completed:
                print(f"policy.py {args.command}: completed the release {completed}, which was interrupted "
                      f"after its files were written", file=sys.stderr)
        return COMMANDS[args.command][2](args, root)
    except BrokenPipeError:
        # `check --format json | head`: the reader has all it wanted.
        sys.stderr.close()
        return 0
    except PolicyError as error:
        if args.debug:
            raise
        print(f"policy.py {args.command}: {error}", file=sys.stderr)
        return 1
