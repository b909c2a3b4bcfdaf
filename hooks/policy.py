"""The command line: `python hooks/policy.py <command> ...` from the repository root.

Commands: ``release`` (freeze the current text as a new version), ``diff OLD NEW`` (the
redline of two versions), ``check`` (what the law requires and the policy lacks), ``export
wechat`` (the mini program's privacy settings as JSON). Every user
mistake prints one line on stderr and exits 1; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from zhiqing.data import model as core  # noqa: E402



def find_root(start: Path) -> Path:
    """The site the command works on: the nearest folder at or above ``start`` holding
    ``mkdocs.yml``, else the repository this file belongs to (so it works from any folder)."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return Path(__file__).resolve().parent.parent


ROOT = find_root(Path.cwd())

# name -> (module in hooks/, help). Each module has `add_arguments(parser, command)` and
# `run(args, root) -> int` (args.command says which of its commands runs).
COMMANDS = {
    "release": ("zhiqing.archive.release", "freeze the current text and inventory as a new version"),
    "diff": ("zhiqing.archive.release", "print the redline between two versions"),
    "check": ("zhiqing.check.engine", "report what the law requires and the policy lacks"),
    "export": ("zhiqing.export.wechat", "write the mini program's privacy settings (JSON) from the data"),
}


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run one command; return the exit code (0 ok, 1 user error)."""
    parser = argparse.ArgumentParser(prog="python hooks/policy.py", description=__doc__.split("\n")[0])
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        modules[name] = module
        module.add_arguments(commands.add_parser(name, help=help_text), name)
    args = parser.parse_args(argv)
    try:
        return modules[args.command].run(args, ROOT)
    except BrokenPipeError:
        # `check --format json | head`: the reader has all it wanted.
        sys.stderr.close()
        return 0
    except core.PolicyError as error:
        if args.debug:
            raise
        print(f"policy.py {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
