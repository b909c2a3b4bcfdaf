"""One build's state: what every hook reads, made once per build (and per `mkdocs serve` rebuild).

:class:`BuildState` holds what was loaded and checked once (the data, the policy pages in
every language, the build date, the renderers and their one Jinja environment, the
compliance findings) and what the build collects on the way (each language's 404 page).
The MkDocs hooks (``hooks/events.py``) make it in ``on_config`` through :func:`start` and
read it in every later event; static-i18n's nested build of ``en`` reuses it. The command
line makes the same object with :meth:`BuildState.load` (``python hooks/policy.py``), and the
tests make it with :func:`start`, exactly as a build does.

:class:`Session` is the one thing kept between builds of one process (``mkdocs serve``
rebuilds): the command that started it.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zhiqing.archive.integrity import check_integrity
from zhiqing.archive.journal import complete_interrupted
from zhiqing.archive.snapshot import load_inventory_copy, unreleased_languages
from zhiqing.archive.status import Status, in_force, statuses
from zhiqing.check import engine
from zhiqing.data.model import (Policy, Version, build_date, check_sources, load_inventory, load_operator,
                                load_versions)
from zhiqing.languages import DEFAULT_LANGUAGE, LANGUAGES
from zhiqing.pages.discover import PolicyPages, discover, read_nav, theme_folder
from zhiqing.pages.files import check_files
from zhiqing.render.renderer import Renderer
from zhiqing.render.templates import Templates
from zhiqing.site import output_folder, published

log = logging.getLogger("mkdocs.hooks.zhiqing")
# The commands that write a site to keep: they build into a staging folder swapped in on success.
STAGED_COMMANDS = ("build", "gh-deploy")


@dataclass
class BuildState:
    """Everything one build (or one command) knows, loaded once.

    ``root`` is the repository (the folder of ``mkdocs.yml``), ``docs_dir`` the pages,
    ``command`` what runs (``build``, ``serve``, ``gh-deploy``, or a command of
    ``policy.py``), ``policy`` the validated data, ``today`` the build date. The policy
    pages, the templates and the renderers are made on first use, so a command that does
    not need them (``export``) does not read them.
    """

    root: Path
    docs_dir: Path
    command: str
    policy: Policy
    today: datetime.date
    nav: list | None = None
    unreleased: list[str] = field(default_factory=list)
    published_urls: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)
    not_found_pages: dict[str, str] = field(default_factory=dict)
    inventory_copies: dict[str, dict] = field(default_factory=dict)
    renderers: dict[str, Renderer] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, nav: list | None = None, docs_dir: Path | None = None, command: str = "build",
             today: datetime.date | None = None) -> BuildState:
        """Load and validate ``data/*.yml`` under ``root``.

        ``nav`` is the config's ``nav`` (read from ``mkdocs.yml`` on first use when None);
        ``today`` the build date (default: :func:`~zhiqing.data.model.build_date`, today in
        the operator's time zone).
        Raises PolicyError naming the file and key.
        """
        operator = load_operator(root)
        inventory = load_inventory(root)
        today = today or build_date(operator)
        policy = Policy(root, operator, inventory, load_versions(root, today))
        return cls(root, docs_dir or root / "docs", command, policy, today, nav)

    @cached_property
    def pages(self) -> PolicyPages:
        """The policy pages in nav order, read and checked once (:func:`~zhiqing.pages.discover.discover`)."""
        if self.nav is None:
            self.nav = read_nav(self.root)
        return discover(self.docs_dir, self.nav, self.root)

    @cached_property
    def templates(self) -> Templates:
        """The macros of ``overrides/``, from one Jinja environment."""
        return Templates(self.root / "overrides")

    def renderer(self, language: str) -> Renderer:
        """The renderer of the current pages in ``language`` (dates of the newest release), made once."""
        if language not in self.renderers:
            chinese = None if language == DEFAULT_LANGUAGE else self.renderer(DEFAULT_LANGUAGE)
            self.renderers[language] = Renderer(self.policy, self.pages, language, self.templates, chinese=chinese)
        return self.renderers[language]

    @cached_property
    def statuses(self) -> dict[str, Status]:
        """Each version's status on the build date, by id."""
        return {status.version.id: status for status in statuses(self.policy.versions, self.today)}

    @cached_property
    def in_force(self) -> Version | None:
        """The version in force on the build date (None while every version is upcoming)."""
        return in_force(self.policy.versions, self.today)

    def inventory_copy(self, version_id: str) -> dict:
        """The inventory frozen with a version, read once per build (both languages use it)."""
        if version_id not in self.inventory_copies:
            self.inventory_copies[version_id] = load_inventory_copy(self.root, version_id)
        return self.inventory_copies[version_id]


def load_checked(root: Path, nav: list | None = None, docs_dir: Path | None = None, command: str = "build",
                 today: datetime.date | None = None) -> BuildState:
    """Load the sources and check them as a build and a release both must, in this order.

    The files themselves (no link, no special file, page names a URL can hold:
    :func:`~zhiqing.pages.files.check_files`); the data files; the policy pages and every
    inventory row's ``source``; the archive's integrity; the published URLs. Raises
    PolicyError for the first mistake.
    """
    check_files(root, docs_dir, theme_folder(root))
    state = BuildState.load(root, nav, docs_dir, command, today)
    check_sources(state.policy.inventory, state.pages.heading_ids())
    check_integrity(root, state.policy.versions)
    state.published_urls = published.read(root)
    return state


def start(root: Path, nav: list | None = None, docs_dir: Path | None = None, command: str = "build") -> BuildState:
    """Load and check everything a build needs, in this order, and return its state.

    A release whose commit was killed is completed first
    (:func:`~zhiqing.archive.journal.complete_interrupted`); :func:`load_checked`; whether the current text is released (a draft is logged as a
    warning, so ``--strict`` fails); the compliance check, which renders every page in every
    language (so a page the build would refuse is refused here, with its file and line). This
    is all ``on_config`` does; the tests call it to load a site as a build does.
    Raises PolicyError for the first mistake.
    """
    complete_interrupted(root)
    state = load_checked(root, nav, docs_dir, command)
    state.unreleased = unreleased_languages(root, {language: state.renderer(language) for language in LANGUAGES})
    if state.unreleased:
        log.warning(
            f"The current text differs from the newest release {state.policy.latest.id} "
            f"({', '.join(state.unreleased)}): the pages are marked as a draft. Release it with "
            f"`python hooks/policy.py release --effective YYYY-MM-DD --summary-zh TEXT --summary-en TEXT`.")
    state.findings = engine.run(state)
    return state


def quiet_dependencies() -> None:
    """Keep the dependencies' progress lines out of the build's output; their warnings stay.

    - Material's search plugin segments the Chinese pages with jieba, which the first time logs
      ``Building prefix dict from the default dictionary ...`` and three more lines at DEBUG
      through its own stderr handler (logger ``jieba``, level DEBUG from its import on): raised
      to WARNING, as :func:`jieba.setLogLevel` does.
    - static-i18n logs at INFO which language it builds where (a staging folder the operator
      never sees) and each config value it overrides for English (``Overriding 'en' config
      'site_name' with 'Privacy Policy'``): the parent of its loggers, named by the engine's
      ``get_plugin_logger`` (``mkdocs.plugins.mkdocs_static_i18n`` or ``properdocs.plugins.…``),
      is raised to WARNING.
    """
    from mkdocs.plugins import get_plugin_logger

    import jieba  # pinned in requirements.txt; Material's search plugin has imported it already

    jieba.setLogLevel(logging.WARNING)
    get_plugin_logger("mkdocs_static_i18n").logger.setLevel(logging.WARNING)


def nested_i18n_build(config) -> bool:
    """True inside static-i18n's nested build of another language (the outer build ends last).

    static-i18n builds ``en`` by calling MkDocs' ``build()`` again, with the same config,
    from its own ``on_post_build``; its ``building`` attribute (not a public API) says so.
    This is the one place that reads it.
    """
    plugin = config.plugins.get("i18n")
    return bool(plugin is not None and getattr(plugin, "building", False))


def language_of(config) -> str:
    """The language being built (``zh`` or ``en``): static-i18n sets ``theme.language`` per build."""
    value = config.theme.get("language") or DEFAULT_LANGUAGE
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


@dataclass
class Session:
    """What one process of MkDocs keeps between builds: the command, the current build's state.

    ``mkdocs serve`` rebuilds with a new config each time: the command comes once from
    ``on_startup`` (and is carried over when an edit reloads the hook file,
    :mod:`zhiqing.reload`); the state is made anew by every outer build.
    ``build`` and ``gh-deploy`` write into a hidden staging folder beside the output folder
    (:mod:`zhiqing.site.output_folder`): ``site_dir`` is the output folder the config named,
    ``staging`` the folder the build writes in, ``built`` true once the outer build has
    written every output, ``failed`` true once MkDocs reported an error (a strict abort comes
    after the last ``on_post_build``, so both are needed).
    """

    command: str = "build"
    state: BuildState | None = None
    config: object = None
    site_dir: Path | None = None
    staging: Path | None = None
    built: bool = False
    failed: bool = False

    def start(self, config) -> BuildState:
        """The state of the build ``config`` belongs to: made by the outer build, reused by the nested one.

        The outer ``build`` or ``gh-deploy`` then points ``config.site_dir`` at a new staging
        folder (after everything loaded, so a mistake found here creates nothing).
        """
        if nested_i18n_build(config) and self.state is not None:
            return self.state
        self.state, self.built, self.failed = None, False, False
        root = Path(config.config_file_path).parent
        if self.command in STAGED_COMMANDS:
            output_folder.check_output_folder(Path(config.site_dir), root)
            output_folder.remove_leftovers(Path(config.site_dir))  # a swap killed midway is mended first
        self.state = start(root, config.nav, Path(config.docs_dir), self.command)
        if self.command in STAGED_COMMANDS:
            self.config, self.site_dir = config, Path(config.site_dir)
            self.staging = output_folder.make_staging(self.site_dir)
            config.site_dir = str(self.staging)
        return self.state

    def finish(self) -> None:
        """At the end of the command: swap the staging folder in when the build succeeded, else remove it."""
        staging, self.staging = self.staging, None
        if staging is None:
            return
        if self.built and not self.failed:
            output_folder.publish(staging, self.site_dir)
            log.info(f"The site is in '{self.site_dir}'.")
        else:
            output_folder.discard(staging)
            log.info(f"The build failed: '{self.site_dir}' is left as it was (the last complete build, if any).")
        self.config.site_dir = str(self.site_dir)  # gh-deploy publishes config.site_dir next

    @property
    def serving(self) -> bool:
        """True in ``mkdocs serve``, the only command that shows the check's findings on the pages."""
        return self.command == "serve"
