"""The command line: `python hooks/policy.py <command> ...` from the repository (or any folder in it).

Commands: ``release``, ``diff``, ``check``, ``export``, ``rules`` (``--help`` lists them; the work is in
``zhiqing/cli.py``). Every user mistake prints one line on stderr and exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The packages of requirements.txt the commands import, by import name. A missing one is the
# reader's set-up, said in one line; any other import error is a bug and keeps its traceback.
REQUIRED = {"yaml": "PyYAML", "jsonschema": "jsonschema", "jinja2": "Jinja2", "markupsafe": "MarkupSafe",
            "babel": "babel", "feedgen": "feedgen", "lxml": "lxml", "jieba": "jieba", "dateutil": "python-dateutil",
            "referencing": "referencing", "rpds": "rpds-py", "attrs": "attrs"}

try:
    from zhiqing import cli
except ModuleNotFoundError as error:
    package = REQUIRED.get((error.name or "").split(".")[0])
    if package is None:
        raise
    venv = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    print(f"policy.py: the package {package} is not installed in {sys.executable}; expected the Python of the "
          f"project's virtual environment, which has the pins of requirements.txt: "
          + (".venv/bin/python hooks/policy.py …" if venv.exists() else
             "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt (the README's first command)"),
          file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    sys.exit(cli.main())
