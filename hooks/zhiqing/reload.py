"""``mkdocs serve`` and edits to ``hooks/``: the next rebuild runs the edited code.

MkDocs loads a hook file once per process (``hooks:`` of ``mkdocs.yml``, cached) and Python
keeps every imported module, so without this an edit to ``hooks/zhiqing/…`` or to
``hooks/events.py`` would change nothing until ``serve`` was restarted. ``mkdocs.yml`` watches
``hooks/``, so an edit starts a rebuild; :class:`Reloader` wraps the server's rebuild so that,
when a ``.py`` file under ``hooks/`` changed since the last build, the ``zhiqing`` package is
imported afresh and the hook file is run again into the module object MkDocs holds, before
MkDocs reads the config (and with it the hook file's ``on_*`` functions) for that rebuild.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import Callable

log = logging.getLogger("mkdocs.hooks.zhiqing")
PACKAGE = "zhiqing"


def code_files(folder: Path) -> dict[str, int]:
    """Every ``*.py`` under ``folder`` (``__pycache__`` aside) and its modification time in nanoseconds."""
    return {str(path): path.stat().st_mtime_ns for path in sorted(folder.rglob("*.py"))
            if "__pycache__" not in path.parts}


class Reloader:
    """Reloads ``hook_module`` (the module of ``hooks/events.py``) and the ``zhiqing`` package
    when a ``.py`` file under ``hooks_dir`` changed since the last build."""

    def __init__(self, hook_module: ModuleType, hooks_dir: Path):
        self.hook_module = hook_module
        self.hooks_dir = hooks_dir
        self.seen = code_files(hooks_dir)

    def wrap(self, builder: Callable) -> Callable:
        """The server's ``builder`` (``mkdocs serve``'s rebuild, called with or without a config),
        reloading the code first when it was edited."""
        def build(*args, **kwargs):
            self.reload_if_edited()
            return builder(*args, **kwargs)
        return build

    def reload_if_edited(self) -> bool:
        """Reload when a ``.py`` file under ``hooks/`` changed; return whether it did.

        Drops ``zhiqing`` and its modules from ``sys.modules`` and runs the hook file again in
        the module object MkDocs keeps (so its next config load registers the new ``on_*``
        functions, which import the package afresh). Bytecode is not written meanwhile: a
        ``__pycache__`` write would start one more rebuild. An error in the edited code is
        raised to ``serve``, which shows it and waits for the next edit.
        """
        now = code_files(self.hooks_dir)
        if now == self.seen:
            return False
        self.seen = now
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        spec = importlib.util.spec_from_file_location(self.hook_module.__name__, self.hook_module.__file__)
        saved_path, saved_bytecode = sys.path[:], sys.dont_write_bytecode
        sys.path.insert(0, str(Path(self.hook_module.__file__).parent))
        sys.dont_write_bytecode = True
        try:
            spec.loader.exec_module(self.hook_module)
        finally:
            sys.path[:], sys.dont_write_bytecode = saved_path, saved_bytecode
        log.info("hooks/ changed: reloaded hooks/events.py and the zhiqing package for this build")
        return True
