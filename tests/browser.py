"""Helpers shared by the browser tests and bench/page.py: Debian's Chromium through Playwright,
and a built site served on 127.0.0.1 with the security headers of its ``_headers`` file."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Headless, and nothing of Chromium's own talking to Google: every request a test sees is the page's.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PHONE = {"width": 390, "height": 844}


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is absent (pip install -r requirements-test.txt)"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is absent (npm ci)"
    return None


def launch(playwright):
    """Debian's Chromium, headless; never a browser downloaded by `playwright install`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def read_headers(site: Path) -> list[tuple[str, str]]:
    """The headers of the ``/*`` rule of ``site/_headers`` (Netlify/Cloudflare syntax)."""
    path = site / "_headers"
    if not path.exists():
        return []
    found, active = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            active = line.strip() == "/*"
        elif active:
            name, value = line.strip().split(":", 1)
            found.append((name.strip(), value.strip()))
    return found


# What a static host compresses when the browser accepts gzip.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: list[tuple[str, str]] = []
    compress = False
    prefix = "/"

    def translate_path(self, path):
        """A URL under ``prefix`` maps into the site; anything else to a file that does not exist."""
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, ".outside-the-prefix", "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        """A missing path gets the site's 404 page, as static hosts serve it: ``en/404.html``
        under ``<prefix>en/``, else ``404.html``, with status 404."""
        if code != 404:
            return super().send_error(code, message, explain)
        language = "en/" if self.path.startswith(self.prefix + "en/") else ""
        page = os.path.join(self.directory, language, "404.html")
        if not os.path.isfile(page):
            page = os.path.join(self.directory, "404.html")
        if not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as file:
            body = file.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if (not self.compress or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not os.path.isfile(path) or not self.guess_type(path).startswith(COMPRESSIBLE)):
            return super().do_GET()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), 6)  # nginx's gzip_comp_level is 1 to 9; 6 is common
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the name http.server gives it
        pass


class SiteServer:
    """Serve ``site`` on 127.0.0.1 (a free port) in a thread, as a static host with ``_headers``
    would. Use as a context manager; ``url`` is ``http://127.0.0.1:<port>/`` plus ``prefix``
    (``/privacy/`` serves the site under that path, as a host publishing it under a subpath:
    nothing outside it exists). A missing path gets the site's 404 page (``en/404.html``
    under ``en/``) with status 404. With ``compress`` text is sent gzip-encoded to browsers
    that accept it, as most hosts do."""

    def __init__(self, site: Path, compress: bool = False, prefix: str = "/"):
        assert prefix.startswith("/") and prefix.endswith("/"), prefix
        handler = type("Handler", (_Handler,), {"extra_headers": read_headers(site), "compress": compress,
                                                "prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
