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
    print(f"policy.py: the package {package} is not installed in {sys.executable}; "
          f"expected the pins of requirements.txt (pip install -r requirements.txt)", file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    sys.exit(cli.main())
