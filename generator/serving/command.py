"""`heritage serve-config nginx`: checks, then the block on standard output or into a file of ours."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..catalogue import CheckContext
from ..messages import text
from ..output import OutputRefused, check_out_server_config, read_manifest, replace_file, why_not_written
from ..project import Project
from ..reading import load_catalogue
from .nginx import TLS, NotServable, ServerOptions, nginx_server


def serve_config(project: Project, site_name: str, out: Path | None, lang: str, print_problems, *, root: str | None,
                 listen: str | None, brotli: bool, certificate: str | None, certificate_key: str | None, redirect_from: str) -> int:
    if bool(certificate) != bool(certificate_key):
        print(f"heritage: {text('serve_config_certificate_pair', lang)}", file=sys.stderr)
        return 2
    listen = listen or ("443" if certificate else "80")
    for value in (listen, redirect_from):
        port = re.fullmatch(r"(?:[0-9a-fA-F.:\[\]]+:)?([0-9]{1,5})", value)  # 8080, or 127.0.0.1:8080
        if not port or not 0 < int(port[1]) < 65536:
            print(f"heritage: {text('serve_config_port', lang, value=value)}", file=sys.stderr)
            return 2
    if out is not None:
        try:
            check_out_server_config(project, out)  # before reading anything, as every output does
        except OutputRefused as exc:
            print(f"heritage: {exc.message(lang)}", file=sys.stderr)
            return 1
    ctx = CheckContext(project)
    catalogue = load_catalogue(ctx)
    print_problems(ctx.problems)
    if ctx.problems.errors:
        return 1
    if site_name not in catalogue.sites:
        names = ", ".join(catalogue.sites) or "-"
        print(f"heritage: {text('unknown_site', lang, ref=site_name, choices=names)}", file=sys.stderr)
        return 1
    built = project.public / site_name
    if read_manifest(built) is None:  # the hashes of the inline scripts come from the built pages
        print(f"heritage: {text('serve_config_not_built', lang, site=site_name, path=project.rel(built))}", file=sys.stderr)
        return 1
    tls = TLS(certificate, certificate_key, redirect_from) if certificate and certificate_key else None
    options = ServerOptions(root or str(built.resolve()), listen, brotli, tls)
    try:
        block = nginx_server(site_name, catalogue.sites[site_name].site, built, options)
    except NotServable as refusal:
        print(f"heritage: {text(refusal.code, lang, **refusal.params)}", file=sys.stderr)
        return 1
    if out is None:
        sys.stdout.write(block)
        return 0
    try:
        replace_file(out, block.encode("utf-8"))
    except OSError as exc:
        print(f"{project.rel(out)}: {text('write_failed', lang, reason=why_not_written(exc))}", file=sys.stderr)
        return 1
    print(text("serve_config_written", lang, path=project.rel(out)), file=sys.stderr)
    return 0
