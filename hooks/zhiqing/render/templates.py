"""The one Jinja2 environment over the theme folder ``overrides/``, and the macro modules from it.

HTML lives in ``overrides/policy/*.html`` as macros (Material's own docs site renders its
shortcodes the same way); Python prepares the data. Each macro file is compiled once per
build, whoever asks for it: the renderer (``policy/macros.html``), the archive pages
(``policy/archive.html``) and the preview of the check (``policy/check.html``).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from zhiqing.errors import PolicyError


class Templates:
    """The macro modules of ``<root>/overrides``, compiled on first use.

    Autoescaping is on (a data value is text: ``<b>`` shows as ``<b>``) and an undefined
    name fails (``StrictUndefined``) instead of rendering as nothing.
    """

    def __init__(self, overrides: Path):
        self.environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(overrides)),
                                              autoescape=True, undefined=jinja2.StrictUndefined)
        self._modules: dict[str, object] = {}

    def macros(self, name: str):
        """The module of the template ``name`` (``policy/macros.html``): its macros as attributes."""
        if name not in self._modules:
            try:
                self._modules[name] = self.environment.get_template(name).module
            except jinja2.TemplateSyntaxError as error:
                raise PolicyError(f"Error reading 'overrides/{error.name or name}': line {error.lineno} has a "
                                  f"template error: {error.message}; expected the macros as shipped (restore them "
                                  f"from version control)") from None
            except jinja2.TemplateError as error:
                raise PolicyError(f"Error reading 'overrides/{name}': {error}; expected the macros as shipped "
                                  f"(restore them from version control)") from None
        return self._modules[name]
