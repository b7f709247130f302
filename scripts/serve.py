"""Serves the built site as its host should: each language's own 404 page (cy/404.html under
/cy/), and the precompressed .br and .gz copies to browsers that accept them. `make serve` runs
it on 127.0.0.1:$PORT; the tests serve the site with it under a sub-path (tests/site.py).

    python scripts/serve.py [--port 8000] [--sub-path /] [--directory site]
"""

import argparse
import contextlib
import functools
import http.server
import sys
import threading
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under `sub_path` only, with the site's own 404 page, and its
    precompressed .br or .gz copies to browsers that accept them (as nginx's brotli_static and
    gzip_static do). Chromium asks for brotli only over HTTPS, so here it gets gzip."""

    def send_head(self):
        path = self.translate_path(self.path.split("?")[0].split("#")[0])
        if Path(path).is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = str(Path(path) / "index.html")
        accepted = {
            part.split(";")[0].strip()
            for part in self.headers.get("Accept-Encoding", "").split(",")
        }
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            compressed = Path(path + suffix)
            if encoding in accepted and compressed.is_file():
                body = compressed.open("rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(compressed.stat().st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()

    sub_path = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.sub_path):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(self.sub_path) :])

    def send_error(self, code, message=None, explain=None):
        # As a host would be configured: each language has its own 404 page.
        welsh = self.path.startswith(self.sub_path + "cy/")
        not_found_page = Path(self.directory) / ("cy/" if welsh else "") / "404.html"
        if code == 404 and not_found_page.exists():
            body = not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page mid-download resets the connection: not a server fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(site_dir: Path, port: int, sub_path: str = "/") -> QuietServer:
    handler = functools.partial(
        type("Handler", (SiteHandler,), {"sub_path": sub_path}), directory=str(site_dir)
    )
    return QuietServer(("127.0.0.1", port), handler)


def serve_in_background(site_dir: Path, port: int, sub_path: str = "/") -> QuietServer:
    server = make_server(site_dir, port, sub_path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--sub-path", default="/")
    parser.add_argument("--directory", type=Path, default=Path("site"))
    options = parser.parse_args()
    server = make_server(options.directory, options.port, options.sub_path)
    print(f"Serving {options.directory}/ on http://127.0.0.1:{options.port}{options.sub_path}")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C ends it quietly
        server.serve_forever()


if __name__ == "__main__":
    main()
