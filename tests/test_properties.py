"""Property-based tests (hypothesis) of the data loaders and of the redline.

The loaders: every real date round-trips through data/versions.yml; any text, as the release
command writes it or as an editor saves it, loads back unchanged as a summary. The redline:
its parts put back together give the old text and the new text, for random Chinese and
English paragraphs, inside a paragraph (``inline_diff``) and across paragraphs (``redline``).
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiqing.archive import redline, release
from zhiqing.data import model
from zhiqing.data.files import visible
from zhiqing.errors import PolicyError
from conftest import ROOT

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHA = {"zh": "0a" * 32, "en": "1b" * 32}


@pytest.fixture(scope="module")
def data_root():
    """A folder with data/ and schemas/ of the real site; tests overwrite data/versions.yml."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("data", "schemas"):
            shutil.copytree(ROOT / name, root / name)
        yield root


def write_versions(root: Path, text: str) -> None:
    (root / "data/versions.yml").write_bytes(text.encode("utf-8"))


# --- the loaders ----------------------------------------------------------------------------

@SETTINGS
@given(day=st.dates(min_value=datetime.date(1970, 1, 1), max_value=datetime.date(9999, 12, 31)),
       quoted=st.booleans())
def test_any_real_date_round_trips(data_root, day, quoted):
    iso = day.isoformat()
    value = f'"{iso}"' if quoted else iso
    write_versions(data_root, f"- id: {value}\n  effective: {value}\n  updated: {value}\n"
                              f"  summary: {{zh: 摘要, en: summary}}\n"
                              f"  sha256: {{zh: {SHA['zh']}, en: {SHA['en']}}}\n")
    [version] = model.load_versions(data_root, today=datetime.date(9999, 12, 31))
    assert (version.id, version.effective, version.updated) == (iso, day, day)


@SETTINGS
@given(text=st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"))
def test_a_date_string_is_accepted_exactly_when_it_exists(data_root, text):
    try:
        expected = datetime.date.fromisoformat(text)
    except ValueError:
        expected = None
    if expected is None or expected.year < 1:
        with pytest.raises(PolicyError, match=r"^Error reading 'data/versions.yml': "):
            model.parse_date(text, "data/versions.yml", "entry 1 key 'effective'")
    else:
        assert model.parse_date(text, "data/versions.yml", "entry 1 key 'effective'") == expected


# Any text a summary may be: no control character but tab and newline, no line or paragraph
# separator, no surrogate (what release and the data files accept), and something visible.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
               | st.sampled_from("\t\n"), min_size=1).filter(lambda t: t.strip() and visible(t))


@SETTINGS
@given(zh=TEXT, en=TEXT)
def test_a_summary_written_by_release_loads_unchanged(data_root, zh, en):
    version = model.Version("2023-11-01", datetime.date(2023, 11, 1), datetime.date(2023, 11, 1),
                           {"zh": zh, "en": en})
    write_versions(data_root, release.entry_yaml(version, SHA))
    [loaded] = model.load_versions(data_root, today=datetime.date(2023, 11, 1))
    assert loaded.summary == {"zh": zh, "en": en}


@SETTINGS
@given(zh=TEXT, en=TEXT)  # as PyYAML's emitter (an editor) saves it
def test_a_summary_saved_by_an_editor_loads_unchanged(data_root, zh, en):
    entry = [{"id": "2023-11-01", "effective": "2023-11-01", "updated": "2023-11-01",
              "summary": {"zh": zh, "en": en}, "sha256": SHA}]
    write_versions(data_root, yaml.safe_dump(entry, allow_unicode=True))
    [loaded] = model.load_versions(data_root, today=datetime.date(2023, 11, 1))
    assert loaded.summary == {"zh": zh, "en": en}


# --- the redline ----------------------------------------------------------------------------

ZH_CHARS = "个人信息我们收集使用存储保护您的权利与第三方共享天内工作日答复请求，。；、（）"
EN_CHARS = "abcdefghijklmnopqrstuvwxyz ABC0123456789,.;()-'"
zh_text = st.text(st.sampled_from(ZH_CHARS + "15 "), max_size=40)
en_text = st.text(st.sampled_from(EN_CHARS), max_size=60)


def joined(parts, keep: str) -> str:
    return "".join(text for op, text in parts if op in ("=", keep))


@SETTINGS
@given(data=st.data(), language=st.sampled_from(["zh", "en"]))
def test_inline_diff_gives_back_both_texts(data, language):
    strategy = zh_text if language == "zh" else en_text
    old, new = data.draw(strategy), data.draw(strategy)
    parts = redline.inline_diff(old, new, language)
    assert joined(parts, "-") == old
    assert joined(parts, "+") == new
    assert all(op in "=-+" and text for op, text in parts)


def paragraphs(strategy):
    return st.lists(strategy.map(str.strip).filter(bool), max_size=6).map("\n\n".join)


@SETTINGS
@given(data=st.data(), language=st.sampled_from(["zh", "en"]))
def test_redline_blocks_give_back_both_texts(data, language):
    strategy = paragraphs(zh_text if language == "zh" else en_text)
    old, new = data.draw(strategy), data.draw(strategy)
    lines = redline.redline(old, new, language)
    assert [joined(b.parts, "-") for b in lines if b.state != "added"] == [b.text for b in redline.blocks(old)]
    assert [joined(b.parts, "+") for b in lines if b.state != "removed"] == [b.text for b in redline.blocks(new)]
