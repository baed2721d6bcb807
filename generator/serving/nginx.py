"""`heritage serve-config nginx`: a `server { }` block that serves a built site safely and fast.

What it sets, and why:
- the precompressed files the build wrote beside each page and asset (`gzip_static`,
  and `brotli_static` where the server has the module);
- a year's cache, immutable, for files whose name carries a content hash (Material's
  bundles), and revalidation for pages, so that a new build shows at once;
- each language's 404 page, and the types our files need (iCalendar, GeoJSON);
- security headers on every answer, among them a Content-Security-Policy whose scripts
  are the site's own files plus the inline scripts the built pages hold, each allowed by
  its hash (never 'unsafe-inline' or 'unsafe-eval'); the only outside host it allows is
  the map's tile server, from the site's `map.tiles`.
The hashes are read from the built site, so the block is generated after `heritage build`.

A site with an editor on its Git host (`editing`) gets a policy of its own for
`admin/`: Decap CMS talks to the host's API and sign-in server (`connect-src`),
shows the repository's images from wherever the host keeps them (`img-src https:`),
styles itself in script (`style-src 'unsafe-inline'`), and checks its configuration
with Ajv, which compiles schemas into functions (`'unsafe-eval'`, on that page only:
the editor's page holds no text from content). Its scripts are still only files of
the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..cms.config import backend
from ..models import Site
from ..output import SERVER_CONFIG_MARK

# An executable inline script: no src, and no type or a JavaScript one (JSON-LD and data blocks never run).
_INLINE = re.compile(r"<script(?P<attrs>(?![^>]*\bsrc\s*=)[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"\btype\s*=\s*[\"']?(?!(text/javascript|module)\b)[a-z]", re.I)
HASHED_ASSET = r"\.[0-9a-f]{8,}\.(min\.)?(js|css)$"  # bundle.a5f9d56c.min.js


ACME_ROOT = "/var/www/html"  # where `certbot certonly --webroot -w` writes its challenges (Debian's default web root)


@dataclass(frozen=True)
class TLS:
    """https served by the block itself, so that a deployment that writes the block again keeps it
    (certbot --nginx would edit the block, and the next deployment would undo that)."""

    certificate: str  # on the server, e.g. /etc/letsencrypt/live/<host>/fullchain.pem
    key: str
    redirect_from: str = "80"  # the plain-http port that sends visitors to https


@dataclass(frozen=True)
class ServerOptions:
    root: str  # where the built site lies on the server
    listen: str = "80"
    brotli: bool = False  # the server has ngx_brotli (Debian: libnginx-mod-http-brotli-static)
    tls: TLS | None = None


def inline_script_hashes(site_dir: Path) -> list[str]:
    """The CSP sources ('sha256-...') of every inline script in the built site's pages, sorted."""
    found = set()
    for page in sorted(site_dir.rglob("*.html")):
        for match in _INLINE.finditer(page.read_text(encoding="utf-8", errors="replace")):
            if _DATA_TYPE.search(match["attrs"]):
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def tile_source(tiles: str) -> str:
    """The CSP source of a tile URL template: its scheme and host, a {s} subdomain as '*'."""
    parts = urlsplit(tiles.replace("{s}", "SUBDOMAIN"))
    host = (parts.hostname or "").replace("subdomain", "*")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def content_security_policy(site: Site, hashes: list[str]) -> str:
    https = site.url.startswith("https://")
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # Material and Leaflet set styles in markup; no script runs through them
        f"img-src 'self' data: blob: {tile_source(site.map.tiles)}",
        "font-src 'self' data:",
        "connect-src 'self' data:",  # the search index; Material reads some of its icons from data: addresses
        "worker-src 'self' blob:",  # the search worker
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    if https:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def editor_policy(site: Site) -> str:
    """The policy of `admin/`, the Decap CMS page of a site with `editing`."""
    assert site.editing is not None
    block = backend(site.editing)
    hosts = sorted({_origin(block[key]) for key in ("base_url", "api_root") if block.get(key)}
                   | ({"https://api.github.com"} if site.editing.host == "github" and "api_root" not in block else set()))
    directives = [
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",  # Ajv, inside Decap: "Error loading the CMS configuration" without it
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "connect-src 'self' " + " ".join(hosts),
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def security_headers(site: Site, hashes: list[str], policy: str | None = None) -> list[tuple[str, str]]:
    headers = [
        ("Content-Security-Policy", policy or content_security_policy(site, hashes)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if site.url.startswith("https://"):
        headers.append(("Strict-Transport-Security", "max-age=31536000"))
    return headers


class NotServable(Exception):
    """The site cannot be served by this block as it is; the message code says why."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def _quoted(value: str) -> str:
    """An nginx string: double-quoted, its quotes and backslashes escaped. A '$' would be read as a
    variable, and nginx has no way to escape it: such a value is refused before this."""
    assert "$" not in value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_server(site_name: str, site: Site, site_dir: Path, options: ServerOptions) -> str:
    """A `map` and the `server { }` block, for nginx's http context (include it from nginx.conf, or conf.d/)."""
    hashes = inline_script_hashes(site_dir)
    headers = security_headers(site, hashes)
    base = urlsplit(site.url)
    if base.path.strip("/"):
        raise NotServable("serve_config_subpath", url=site.url)
    editor = security_headers(site, hashes, editor_policy(site)) if site.editing else []
    tls = (options.tls.certificate, options.tls.key) if options.tls else ()
    if any("$" in value for value in (options.root, *tls, *(v for _, v in headers + editor))):
        raise NotServable("serve_config_dollar")

    cache = "$heritage_cache_" + re.sub(r"[^a-z0-9]", "_", site_name)
    lines = [
        f"{SERVER_CONFIG_MARK} for the site at {site.url}",  # how --out knows a file it may replace
        "# from its build; generate it again after each build (the script hashes change with the pages).",
        "# For nginx's http context: include this file from nginx.conf (or put it in conf.d/).",
        "",
        "# A year's cache for files whose name carries a content hash; pages and the rest are revalidated.",
        f"map $uri {cache} {{",
        f"    \"~{HASHED_ASSET}\" \"public, max-age=31536000, immutable\";",  # quoted: a bare { opens a block
        "    default \"no-cache\";",
        "}",
        "",
        *_redirect_server(base.hostname or "", options.tls),
        "server {",
        *_listen(options),
        f"    server_name {base.hostname};",
        f"    root {_quoted(options.root)};",
        "    index index.html;",
        "    charset utf-8;",
        "    server_tokens off;",
        "    gzip_static on;",
        *(["    brotli_static on;"] if options.brotli else []),
        "",
        "    # On every answer, errors included. A location below sets no header of its own, so it keeps these.",
        *(f"    add_header {name} {_quoted(value)} always;" for name, value in headers),
        f"    add_header Cache-Control {cache} always;",
        "",
        "    # Our files' types that nginx's mime.types may lack.",
        "    location ~ \\.ics$ { types { } default_type \"text/calendar; charset=utf-8\"; }",
        "    location ~ \\.geojson$ { types { } default_type \"application/geo+json\"; }",
        "",
        "    # Let's Encrypt's challenges, for the first certificate (certbot certonly --webroot).",
        f"    location /.well-known/acme-challenge/ {{ root {ACME_ROOT}; }}",
        "",
        *_editor_location(editor, cache),
        "    # Each language's own page for what is not there.",
        *(f"    location /{lang}/ {{ error_page 404 /{lang}/404.html; }}" for lang in site.languages),
        "    location / { error_page 404 /404.html; }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _editor_location(headers: list[tuple[str, str]], cache: str) -> list[str]:
    """`admin/` with the editor's headers (none without an editor); nginx drops the server's headers in a
    location that sets any, so the location repeats them all."""
    if not headers:
        return []
    return [
        "    # The editor on the Git host (Decap CMS): it talks to the host, so it has a policy of its own.",
        "    location /admin/ {",
        *(f"        add_header {name} {_quoted(value)} always;" for name, value in headers),
        f"        add_header Cache-Control {cache} always;",
        "    }",
        "",
    ]


def _listen(options: ServerOptions) -> list[str]:
    if not options.tls:
        return [f"    listen {options.listen};"]
    return [
        f"    listen {options.listen} ssl;",
        f"    ssl_certificate {_quoted(options.tls.certificate)};",
        f"    ssl_certificate_key {_quoted(options.tls.key)};",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "    ssl_session_cache shared:heritage_tls:10m;",
    ]


def _redirect_server(host: str, tls: TLS | None) -> list[str]:
    """With https: plain http sends every visitor there, except Let's Encrypt's renewals."""
    if not tls:
        return []
    return [
        "# Plain http: Let's Encrypt's challenges (certbot renews with --webroot), and https for everything else.",
        "server {",
        f"    listen {tls.redirect_from};",
        f"    server_name {host};",
        "    server_tokens off;",
        f"    location /.well-known/acme-challenge/ {{ root {ACME_ROOT}; }}",
        f"    location / {{ return 301 https://{host}$request_uri; }}",
        "}",
        "",
    ]
