"""Published URLs never disappear: the committed list, the build's check, redirects in both languages."""

from __future__ import annotations

import re

import pytest

from zhiqing.data import model
from zhiqing.site import published
from zhiqing.pages import discover
from zhiqing.errors import PolicyError
from conftest import NEWEST_RELEASE, RELEASE_TODAY, ROOT, mkdocs_build, policy_py


def test_the_committed_list_has_every_url_of_the_site():
    listed = published.read(ROOT)
    expected = published.site_urls(discover.read_nav(ROOT), model.load_versions(ROOT))
    assert [url for url in expected if url not in listed] == []
    assert "/full/" in listed and "/en/full/" in listed and "/en/archive/2023-11-01/" in listed


def test_every_listed_url_is_in_the_built_site(built_site):
    assert published.missing(published.read(ROOT), built_site) == []


@pytest.mark.parametrize("redirect_maps, expected", [
    ({"minors.md": "children.md"}, [("en/minors/index.html", "../children/")]),
    ({"a/b.md": "index.md#rights"}, [("en/a/b/index.html", "../../#rights")]),
    ({"old.md": "archive/index.md"}, [("en/old/index.html", "../archive/")]),
    ({"old.md": "https://example.cn/privacy/"}, [("en/old/index.html", "https://example.cn/privacy/")]),
])
def test_language_redirects(redirect_maps, expected):
    assert published.language_redirects(redirect_maps, "en") == expected


def test_merged_only_grows():
    assert published.merged(["/a/", "/b/"], ["/b/", "/c/", "/a/", "/c/"]) == ["/a/", "/b/", "/c/"]


@pytest.mark.parametrize("line", ["collection/", "/../x/", "/Collection/", "/a b/", "https://example.cn/"])
def test_a_line_that_is_not_a_site_path_is_refused(tmp_path, line):
    (tmp_path / "data").mkdir()
    (tmp_path / published.FILE).write_text(f"# comment\n/\n{line}\n", encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        published.read(tmp_path)
    assert str(error.value) == (f"Error reading 'data/published-urls.txt': line 3 is {line!r}, expected a path of "
                                f"the site such as /collection/ or /en/archive/2023-11-01/")


def rename_minors(root, redirect: bool) -> None:
    for suffix in ("md", "en.md"):
        (root / f"docs/minors.{suffix}").rename(root / f"docs/children.{suffix}")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  - minors.md\n", "  - children.md\n")
    if redirect:
        config = config.replace("redirect_maps: {}", "redirect_maps: {minors.md: children.md}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.mark.build
def test_a_renamed_page_without_redirect_fails_naming_both_urls(site_copy):
    rename_minors(site_copy, redirect=False)
    result = mkdocs_build(site_copy)
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        f"WARNING -  The published URL '{url}' is not in the site: it is listed in data/published-urls.txt, and "
        f"a URL the site has published must keep working. Keep the page, or declare a redirect for it in "
        f"mkdocs.yml (plugins: redirects: redirect_maps, e.g. 'old.md': 'new.md')."
        for url in ("/minors/", "/en/minors/")]
    assert not (site_copy / "site").exists()


@pytest.mark.build
def test_a_renamed_page_with_a_redirect_keeps_both_urls(site_copy):
    rename_minors(site_copy, redirect=True)
    result = mkdocs_build(site_copy)
    assert result.returncode == 0, f"{result.reproduce}\n{result.stderr}"
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == []
    site = site_copy / "site"
    for old, new in (("minors", "children"), ("en/minors", "en/children")):
        html = (site / old / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<meta http-equiv="refresh" content="0; url=\.\./children/">', html), html
        assert (site / new / "index.html").is_file()
    assert '<html lang="en"' in (site / "en/children/index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_release_adds_its_urls(site_copy):
    before = published.read(site_copy)
    contact = site_copy / "docs/contact.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("15 天内", "15 个工作日内"), encoding="utf-8")
    contact_en = site_copy / "docs" / "contact.en.md"
    contact_en.write_text(contact_en.read_text(encoding="utf-8").replace("within 15 days", "within 15 working days"), encoding="utf-8")
    result = policy_py(site_copy, "release", "--effective", "2031-01-01", "--summary-zh", "改",
                       "--summary-en", "Changed", "--updated", "2030-12-01", env=RELEASE_TODAY)
    assert result.returncode == 0, result.stderr
    after = published.read(site_copy)
    assert after[:len(before)] == before
    # The redline since the release before it (the newest shipped), its text and its redline.
    assert after[len(before):] == [f"/archive/{NEWEST_RELEASE}/since/", "/archive/2031-01-01/", "/archive/2031-01-01/changes/",
                                   f"/en/archive/{NEWEST_RELEASE}/since/", "/en/archive/2031-01-01/",
                                   "/en/archive/2031-01-01/changes/"]
    build = mkdocs_build(site_copy, env=RELEASE_TODAY)  # on the day of the release: updated 2030-12-01 is past
    assert build.returncode == 0, build.stderr
    assert published.missing(after, site_copy / "site") == []
