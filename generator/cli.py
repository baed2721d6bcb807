"""The `heritage` command (also `python -m generator`).

Exit status: 0 success (warnings allowed), 1 problems in the content, 2 usage.
Problems go to stderr, one per line; a bug in the tool is reported in one
line too, never as a traceback (set HERITAGE_DEBUG=1 to see it).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from functools import partial
from pathlib import Path

from .catalogue import CheckContext
from .languages import LANGUAGES, SOURCE_LANGUAGE, record_languages
from .messages import text
from .models import KIND_COLLECTION
from .problems import Problems
from .project import Project
from .reading import load_catalogue
from .record_template import new_record_refusal, render_template
from .report import build_rows, render_csv, render_table
from .schema import render_reference, write_schemas
from .site.engines import ENGINES


def _environment_language() -> str:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return next((code for code in LANGUAGES if value.lower().startswith(code)), SOURCE_LANGUAGE)
    return SOURCE_LANGUAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="heritage",
        description="Heritage catalogue: check records, write schemas and templates, report what is missing.",
    )
    parser.add_argument("--project", type=Path, default=Path("."), help="project folder (default: the current one)")
    parser.add_argument(
        "--messages", choices=tuple(LANGUAGES), default=None,
        help="language of messages (default: from LANG, else English)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate content, sites and delegations")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    schema = commands.add_parser("schema", help="write JSON Schemas of the record formats")
    schema.add_argument("--out", type=Path, help="folder (default: content/_schema/)")
    schema.add_argument("--docs", type=Path, metavar="FILE", help="also write the field reference (Markdown) to FILE")

    new = commands.add_parser("new", help="write a new record from a commented template")
    new.add_argument("kind", choices=sorted(KIND_COLLECTION), metavar="KIND", help=", ".join(sorted(KIND_COLLECTION)))
    new.add_argument("id", metavar="ID", help="the record's id: lower-case ASCII words joined by '-'")

    build = commands.add_parser("build", help="build the websites into DIR/<site>/")
    build.add_argument("--site", action="append", default=[], metavar="NAME", help="only this site (repeatable)")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: public/)")
    build.add_argument("--engine", choices=list(ENGINES), default="mkdocs",
                       help="what builds the pages: MkDocs (the default), or Zensical, Material's successor "
                            "(needs the zensical extra; see the README)")

    brochure = commands.add_parser("brochure", help="a delegation's brochure, or a site's catalogue booklet, as PDF")
    brochure.add_argument("visit", nargs="?", metavar="VISIT", help="a name under sites/delegations/, or the path of a visit file")
    brochure.add_argument("--site", metavar="NAME", help="instead of a visit: the whole catalogue of this site")
    brochure.add_argument("--lang", metavar="LANG", help="with --site: the booklet's language (default: the site's first)")
    brochure.add_argument("--paper", choices=("A4", "A5"), help="paper size (default: the visit's, or A4)")
    brochure.add_argument("--bleed", action="store_true", help="3 mm bleed with crop marks, for a print shop")
    brochure.add_argument("--out", type=Path, metavar="FILE", help="the PDF (default: public/brochures/<visit>.pdf)")
    brochure.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                          help="docx: the visit's programme as a Word file, for last-minute edits (default: pdf)")

    serve = commands.add_parser("serve", help="build one site and preview it, rebuilding on every change")
    serve.add_argument("--site", metavar="NAME", help="the site to preview (default: the first in sites/)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")

    edit = commands.add_parser("edit", help="the preview plus a web editor at /admin/, on this machine")
    edit.add_argument("--site", metavar="NAME", help="the site to preview (default: the first in sites/)")
    edit.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")

    report = commands.add_parser("report", help="what each record lacks, per language; or the year's activities")
    report.add_argument("what", nargs="?", choices=("activities",), metavar="activities",
                        help="the year's cultural-diplomacy activities, as a report to the province (in Vietnamese)")
    report.add_argument("--format", choices=("table", "csv", "docx", "md"),
                        help="table or csv (default table); activities: docx or md (default docx)")
    report.add_argument("--year", type=int, help="activities: the year to report on")
    report.add_argument("--out", type=Path, metavar="FILE", help="activities: the file (default public/reports/activities-YEAR.docx)")

    translations = commands.add_parser("translations", help="texts to translate, out to PO files and back")
    steps = translations.add_subparsers(dest="step", required=True, metavar="STEP")
    export = steps.add_parser("export", help="the texts LANG lacks (or has outdated) as DIR/LANG.po")
    export.add_argument("--lang", required=True, metavar="LANG", help="the language to translate into, e.g. km or lo")
    export.add_argument("--out", type=Path, default=Path("translations"), metavar="DIR", help="folder (default: translations/)")
    export.add_argument("--from", dest="source", choices=record_languages(), default=SOURCE_LANGUAGE,
                        help=f"the language translators work from (default: {SOURCE_LANGUAGE})")
    export.add_argument("--all", action="store_true", help="every text of the project, not only what LANG's sites and visits show")
    receive = steps.add_parser("import", help="write the translations of PO files into the project")
    receive.add_argument("source", type=Path, metavar="DIR", help="a folder of PO files (or one PO file)")

    sheet = commands.add_parser("sheet", help="the catalogue as a workbook, and a workbook's changes back")
    sheet_steps = sheet.add_subparsers(dest="step", required=True, metavar="STEP")
    sheet_out = sheet_steps.add_parser("export", help="write the catalogue as FILE.xlsx, a sheet per collection")
    sheet_out.add_argument("--out", type=Path, default=Path("catalogue.xlsx"), metavar="FILE.xlsx",
                           help="the workbook (default: catalogue.xlsx)")
    sheet_in = sheet_steps.add_parser("import", help="apply a workbook's changed cells and new rows to the records")
    sheet_in.add_argument("workbook", type=Path, metavar="FILE.xlsx")

    serving = commands.add_parser("serve-config", help="a web server's configuration for a built site")
    servers = serving.add_subparsers(dest="server", required=True, metavar="SERVER")
    nginx = servers.add_parser("nginx", help="an nginx server { } block with security headers and caching")
    nginx.add_argument("--site", required=True, metavar="NAME", help="a site under sites/, built with `heritage build`")
    nginx.add_argument("--root", metavar="DIR", help="where the built site lies on the server (default: public/NAME here)")
    nginx.add_argument("--listen", metavar="PORT", help="the port nginx listens on, or ADDRESS:PORT (default: 80; 443 with a certificate)")
    nginx.add_argument("--certificate", metavar="FILE", help="the TLS certificate chain on the server (e.g. Let's Encrypt's fullchain.pem): serve https")
    nginx.add_argument("--certificate-key", metavar="FILE", help="its private key on the server (privkey.pem)")
    nginx.add_argument("--redirect-from", default="80", metavar="PORT",
                       help="with a certificate: the plain-http port that sends visitors to https (default: 80)")
    nginx.add_argument("--brotli", action="store_true", help="the server has ngx_brotli: serve the .br files too")
    nginx.add_argument("--out", type=Path, metavar="FILE", help="write the block to FILE (default: standard output)")

    bundle = commands.add_parser("bundle", help="a site's offline edition, as a zip that works from file:// or a kiosk")
    bundle.add_argument("--site", required=True, metavar="NAME", help="a site under sites/")
    bundle.add_argument("--lang", action="append", default=[], metavar="LANG",
                        help="a language of the site to include (repeatable; default: all the site's languages)")
    bundle.add_argument("--out", type=Path, required=True, metavar="FILE.zip", help="the zip file to write")

    cms = commands.add_parser("cms", help="the sites' editor on a Git host (Decap CMS)")
    cms_steps = cms.add_subparsers(dest="step", required=True, metavar="STEP")
    cms_steps.add_parser("fetch", help="download the pinned Decap CMS release from the npm registry, once per machine")
    cms_tidy = cms_steps.add_parser("tidy", help="give records rewritten by the CMS back their comments and layout")
    cms_tidy.add_argument("--base", required=True, metavar="REV", help="the commit before the CMS's changes")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.messages or _environment_language()
    project = Project(args.project.resolve())
    try:
        if args.command != "new" and not (project.content.is_dir() or project.sites.is_dir()):
            print(f"heritage: {text('no_project', lang, path=args.project)}", file=sys.stderr)
            return 2
        return COMMANDS[args.command](args, project, lang)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line for the editor, the trace on request
        if os.environ.get("HERITAGE_DEBUG"):
            traceback.print_exc()
        print(f"heritage: {text('internal_error', lang, detail=repr(exc))}", file=sys.stderr)
        return 1


def _print_problems(problems: Problems, lang: str) -> None:
    for problem in problems:
        print(problem.format(lang), file=sys.stderr)


def cmd_check(args: argparse.Namespace, project: Project, lang: str) -> int:
    ctx = CheckContext(project)
    catalogue = load_catalogue(ctx)
    problems = ctx.problems
    _print_problems(problems, lang)
    if problems.items:
        summary = text("summary_counts", lang, errors=len(problems.errors), warnings=len(problems.warnings), files=catalogue.files_read)
    else:
        summary = text("summary_clean", lang, files=catalogue.files_read)
    print(summary, file=sys.stderr)
    failed = problems.errors or (args.strict and problems.warnings)
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace, project: Project, lang: str) -> int:
    out = args.out.resolve() if args.out else project.schema_dir
    written = write_schemas(out)
    print(text("schemas_written", lang, count=len(written), path=project.rel(out)))
    if args.docs:
        args.docs.parent.mkdir(parents=True, exist_ok=True)
        args.docs.write_text(render_reference(), encoding="utf-8")
    return 0


def cmd_new(args: argparse.Namespace, project: Project, lang: str) -> int:
    def refuse(code: str, **params) -> int:
        print(f"heritage: {text(code, lang, **params)}", file=sys.stderr)
        return 1

    refusal = new_record_refusal(project, KIND_COLLECTION[args.kind], args.id)
    if refusal:
        return refuse(refusal[0], **refusal[1])
    path = project.content / KIND_COLLECTION[args.kind] / f"{args.id}.yml"
    template = render_template(args.kind)  # before the file exists: a failure leaves no empty file behind
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(template)
    print(text("record_written", lang, path=project.rel(path)))
    return 0


def cmd_report(args: argparse.Namespace, project: Project, lang: str) -> int:
    if args.what == "activities":
        return cmd_activities(args, project, lang)
    if args.format not in (None, "table", "csv") or args.year or args.out:
        print(f"heritage: {text('report_usage', lang)}", file=sys.stderr)
        return 2
    ctx = CheckContext(project)
    catalogue = load_catalogue(ctx)
    rows = build_rows(catalogue, lang)
    sys.stdout.write(render_csv(rows) if args.format == "csv" else render_table(rows, lang))
    if ctx.problems.errors:
        print(text("report_has_errors", lang, errors=len(ctx.problems.errors)), file=sys.stderr)
    return 0


def cmd_activities(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .activities.collect import collect
    from .activities.history import file_history
    from .activities.markdown import report_markdown
    from .activities.word import report_docx
    from .output import OutputRefused, check_out_report, replace_file, why_not_written

    fmt = args.format or (args.out.suffix.lstrip(".").lower() if args.out and args.out.suffix.lower() == ".md" else "docx")
    if args.year is None or fmt not in ("docx", "md") or not 1900 <= args.year <= 9999:
        print(f"heritage: {text('activities_usage', lang)}", file=sys.stderr)
        return 2
    out = (args.out or project.public / "reports" / f"activities-{args.year}.{fmt}").resolve()
    ctx = CheckContext(project)
    try:
        check_out_report(project, out)
    except OutputRefused as exc:
        print(f"heritage: {exc.message(lang)}", file=sys.stderr)
        return 1
    catalogue = load_catalogue(ctx)
    _print_problems(ctx.problems, lang)
    if ctx.problems.errors:  # a report from half-read data would leave things out without saying so
        print(text("activities_has_errors", lang, errors=len(ctx.problems.errors)), file=sys.stderr)
        return 1
    report = collect(catalogue, args.year, file_history(project, args.year))
    content = report_docx(report) if fmt == "docx" else report_markdown(report).encode("utf-8")
    try:
        replace_file(out, content)
    except OSError as exc:
        print(f"{project.rel(out)}: {text('write_failed', lang, reason=why_not_written(exc))}", file=sys.stderr)
        return 1
    print(text("activities_written", lang, path=project.rel(out), year=args.year), file=sys.stderr)
    return 0


def _refused_or_stopped(exc: BaseException, lang: str) -> int:
    """One line for an output refused or a command stopped by a signal; the exit status."""
    from .output import OutputRefused

    if isinstance(exc, OutputRefused):
        print(f"heritage: {exc.message(lang)}", file=sys.stderr)
        return 1
    print(f"heritage: {text('stopped', lang, signal=exc.name)}", file=sys.stderr)
    return exc.exit_status


def _run_build(make, failed: str, lang: str):
    """A build or an edition, stoppable by a signal: its result, or the exit status after saying why it failed."""
    from .output import OutputRefused
    from .stopping import Stopped, stop_on_signals

    try:
        with stop_on_signals():
            result = make()
    except (OutputRefused, Stopped) as exc:
        return _refused_or_stopped(exc, lang)
    _print_problems(result.problems, lang)
    if not result.ok:
        print(text(failed, lang, errors=len(result.problems.errors), warnings=len(result.problems.warnings)), file=sys.stderr)
        return 1
    return result


def cmd_build(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .build import build_sites  # MkDocs and Material load only when building

    out = args.out.resolve() if args.out else project.public
    engine = ENGINES[args.engine]
    result = _run_build(lambda: build_sites(CheckContext(project), args.site, out, engine=engine), "build_failed", lang)
    if isinstance(result, int):
        return result
    print(text("built_sites", lang, sites=", ".join(result.sites), path=project.rel(out)), file=sys.stderr)
    return 0


def cmd_brochure(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .brochure.make import brochure_command
    from .output import OutputRefused
    from .stopping import Stopped, stop_on_signals

    if bool(args.visit) == bool(args.site) or (args.format == "docx" and args.site):
        print(f"heritage: {text('brochure_usage', lang)}", file=sys.stderr)
        return 2
    ctx = CheckContext(project)
    try:
        with stop_on_signals():
            ok, target = brochure_command(ctx, args.visit, args.site, args.lang, args.out and args.out.resolve(), args.paper, args.bleed,
                                             args.format == "docx")
    except (OutputRefused, Stopped) as exc:
        _print_problems(ctx.problems, lang)
        return _refused_or_stopped(exc, lang)
    _print_problems(ctx.problems, lang)
    if not ok:
        return 1
    print(text("brochure_written", lang, path=project.rel(target)), file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .site.serve import serve

    if args.command == "edit":
        from .editor.server import EditorRoutes

        editor_lang = args.messages or "vi"  # the editors' own language unless asked otherwise
        run = partial(serve, routes=lambda url: EditorRoutes(project, url, editor_lang))
    else:
        run = serve

    names = sorted(path.stem for path in project.sites.glob("*.yml"))
    site = args.site or (names[0] if names else "")
    if site not in names:
        print(f"heritage: {text('unknown_site', lang, ref=site, choices=', '.join(names) or '-')}", file=sys.stderr)
        return 1
    from .output import OutputRefused
    from .stopping import Stopped, stop_on_signals

    try:
        with stop_on_signals():
            return run(project, site, args.port, lang)
    except (OutputRefused, Stopped) as exc:
        return _refused_or_stopped(exc, lang)
    except OSError as exc:
        print(f"heritage: {text('port_in_use', lang, port=args.port, detail=exc.strerror or exc)}", file=sys.stderr)
        return 1


def _attempt(ctx: CheckContext, lang: str, step) -> tuple[object, bool]:
    """Run a step that may refuse before it writes anything; print its problems either way.
    (its result, whether it was refused)"""
    from .output import OutputRefused

    try:
        result = step()
    except OutputRefused as exc:
        _print_problems(ctx.problems, lang)
        print(f"heritage: {exc.message(lang)}", file=sys.stderr)
        return None, True
    _print_problems(ctx.problems, lang)
    return result, False


def cmd_translations(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .translations.exporting import export_translations
    from .translations.importing import import_translations

    ctx = CheckContext(project)
    if args.step == "export":
        exported, refused = _attempt(ctx, lang, lambda: export_translations(ctx, args.lang, args.out.resolve(), args.source, args.all))
        if refused or exported is None:
            return 1
        if exported.path is None:
            print(text("translations_none", lang, lang=args.lang), file=sys.stderr)
        else:
            print(text("translations_exported", lang, path=project.rel(exported.path), missing=exported.missing,
                       outdated=exported.outdated), file=sys.stderr)
        return 0
    imported, refused = _attempt(ctx, lang, lambda: import_translations(ctx, args.source.resolve()))
    if refused:
        return 1
    if imported is None:
        print(text("translations_not_imported", lang, errors=len(ctx.problems.errors)), file=sys.stderr)
        return 1
    print(text("translations_imported", lang, texts=imported.texts, files=len(imported.written),
               untranslated=imported.untranslated, fuzzy=imported.fuzzy), file=sys.stderr)
    return 0


def cmd_sheet(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .sheets.apply import import_workbook
    from .sheets.workbook import export_workbook

    ctx = CheckContext(project)
    if args.step == "export":
        written, refused = _attempt(ctx, lang, lambda: export_workbook(ctx, args.out.resolve()))
        if refused or not written:
            return 1
        print(text("sheet_written", lang, path=project.rel(args.out.resolve())), file=sys.stderr)
        return 0
    imported, refused = _attempt(ctx, lang, lambda: import_workbook(ctx, args.workbook.resolve()))
    if refused:
        return 1
    if imported is None:
        print(text("sheet_not_imported", lang, errors=len(ctx.problems.errors)), file=sys.stderr)
        return 1
    print(text("sheet_imported", lang, changed=len(imported.changed), added=len(imported.added)), file=sys.stderr)
    return 0


def cmd_cms(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .cms import decap
    from .cms.tidy import NoBase, tidy

    if args.step == "fetch":
        place = decap.folder()
        try:
            decap.fetch(place)
        except decap.FetchFailed as exc:
            print(f"heritage: {text('cms_fetch_failed', lang, version=decap.VERSION, detail=exc)}", file=sys.stderr)
            return 1
        print(text("cms_fetched", lang, version=decap.VERSION, path=place), file=sys.stderr)
        return 0
    try:
        done = tidy(project, args.base)
    except NoBase:
        print(f"heritage: {text('cms_no_base', lang, base=args.base)}", file=sys.stderr)
        return 1
    for code, paths in (("cms_tidied", done.rewritten), ("cms_laid_out", done.laid_out), ("cms_left", done.left)):
        for path in paths:
            print(text(code, lang, path=path), file=sys.stderr)
    print(text("cms_tidy_done", lang, count=len(done.rewritten) + len(done.laid_out), base=args.base), file=sys.stderr)
    return 0


def cmd_bundle(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .bundle import make_bundle  # MkDocs and Material load only when building
    from .messages import Number

    out = args.out.resolve()
    result = _run_build(lambda: make_bundle(CheckContext(project), args.site, args.lang, out), "bundle_failed", lang)
    if isinstance(result, int):
        return result
    print(text("bundle_written", lang, site=args.site, languages=", ".join(result.languages), path=project.rel(out),
               size=Number(result.size, "bytes"), files=Number(result.files)), file=sys.stderr)
    return 0


def cmd_serve_config(args: argparse.Namespace, project: Project, lang: str) -> int:
    from .serving.command import serve_config

    return serve_config(project, args.site, args.out and args.out.resolve(), lang, lambda problems: _print_problems(problems, lang),
                        root=args.root, listen=args.listen, brotli=args.brotli, certificate=args.certificate,
                        certificate_key=args.certificate_key, redirect_from=args.redirect_from)


COMMANDS = {"check": cmd_check, "build": cmd_build, "brochure": cmd_brochure, "serve": cmd_serve, "schema": cmd_schema, "new": cmd_new, "report": cmd_report,
            "translations": cmd_translations, "sheet": cmd_sheet, "cms": cmd_cms, "serve-config": cmd_serve_config, "bundle": cmd_bundle,
            "edit": cmd_serve}
