"""One build loads the data once and renders each page once per place: the state is shared, not rebuilt."""

from __future__ import annotations

import collections

import pytest

from zhiqing import build
from zhiqing.pages.discover import TEXT_KINDS
from zhiqing.render import renderer
from conftest import NEWEST_RELEASE, copy_site, load_as_build, mkdocs_build, shipped_releases


@pytest.mark.build
def test_one_build_loads_once_and_renders_each_page_once_per_place(tmp_path, monkeypatch):
    loads, renders, states = collections.Counter(), collections.Counter(), []
    original_load, original_render, original_start = build.BuildState.load, renderer.Renderer.render, build.start

    def load(cls, *args, **kwargs):
        loads["load"] += 1
        return original_load.__func__(cls, *args, **kwargs)

    def render(self, place, *args, **kwargs):
        renders[(self.language, place.part.src, place.in_full)] += 1
        return original_render(self, place, *args, **kwargs)

    def start(*args, **kwargs):
        states.append(original_start(*args, **kwargs))
        return states[-1]

    monkeypatch.setattr(build.BuildState, "load", classmethod(load))
    monkeypatch.setattr(renderer.Renderer, "render", render)
    monkeypatch.setattr(build, "start", start)
    result = mkdocs_build(copy_site(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert (loads["load"], len(states)) == (1, 1)  # the English build reuses the state of the Chinese one
    parts = states[0].pages.parts
    expected = {(language, part.src, in_full) for language in ("zh", "en") for part in parts
                for in_full in ((False, True) if part.kind in TEXT_KINDS else (False,))}
    assert set(renders) == expected
    assert set(renders.values()) == {1}
    assert len(states[0].renderers) == 2


def test_loading_as_the_build_does_gives_the_state_the_hooks_read(site_copy):
    state, warnings = load_as_build(site_copy, {"SOURCE_DATE_EPOCH": "1796083200"})
    assert warnings == []
    assert (state.command, state.today.isoformat(), state.unreleased) == ("build", "2026-12-01", [])
    assert [part.src for part in state.pages.parts][:3] == ["index.md", "collection.md", "storage.md"]
    assert state.published_urls[:2] == ["/", "/collection/"]
    assert sorted({finding.rule for finding in state.findings})[:3] == ["COL-02", "COL-03", "COL-04"]
    # On 2026-12-01 the newest shipped release (2026-11-30) is in force, every earlier one superseded.
    assert {vid: status.state for vid, status in state.statuses.items()} == {
        **{vid: "superseded" for vid in shipped_releases()[:-1]}, NEWEST_RELEASE: "in_force"}
