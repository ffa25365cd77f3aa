"""The `fazhi` command: a thin layer over the same functions the flows call.

Every command answers a user error (bad path, bad SQL, unreachable portal) with one line
on stderr and a non-zero exit code, never a traceback. Options several commands share are
declared once (``_shared_options``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from fazhi import prefect_env  # must run before prefect is imported
from fazhi.settings import Settings, SettingsError
from fazhi.warehouse import catalog
from fazhi.warehouse.connection import ReadError, open_read_only
from fazhi.warehouse.query import FORMATS, QueryError, print_results, write_rows
from tasks.paths import SEEDS_DIR, SQL_DIR

# Read commands (sql, alerts, tables, schema, export, report, --help) import neither Prefect
# nor any stage: they start in well under a second (bench/cli_startup.py). Stage modules are
# imported inside the commands that run stages.

CATALOGUE_DIR = SEEDS_DIR / "sources"

EXAMPLE_QUERY = (
    "SELECT town, report_year, subject, value, unit FROM v_facts "
    "WHERE indicator IS NOT NULL ORDER BY town LIMIT 10"
)


# The commands that run stages (and may meet their errors); every other command only reads.
VERBOSE_HELP = "show Prefect's own logs and one line per new quality alert"
STAGE_COMMANDS = ("demo", "harvest", "reprocess", "extract", "serve", "upgrade", "sources")


class UserError(Exception):
    """A mistake the user can fix; printed as one line."""


class BusyError(UserError):
    """Another run holds the warehouse: one line, exit 75 (EX_TEMPFAIL: try again later)."""


def _progress_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("  · %(message)s"))
    logger = logging.getLogger("fazhi")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # one line per new alert only when asked for; the run always says how many there were
    logging.getLogger("fazhi.alerts").setLevel(logging.INFO if verbose else logging.WARNING)
    if verbose:
        logging.getLogger("prefect").setLevel(logging.INFO)


@contextmanager
def _stage_errors():
    """The stages' one-line errors (a bad sources file, a warehouse the writer cannot open) as
    the CLI's; imported here so read commands never load the stages."""
    from tasks.discover.sources import SourceError
    from tasks.load.schema import WarehouseBusy, WarehouseError

    try:
        yield
    except WarehouseBusy as exc:
        raise BusyError(str(exc)) from exc
    except (SourceError, WarehouseError) as exc:
        raise UserError(str(exc)) from exc


def _open(args: argparse.Namespace):
    """The warehouse of ``args`` for a read command (waits out a harvest's write window)."""
    settings = Settings.from_env(args.warehouse)
    return open_read_only(settings.warehouse_path, wait_s=settings.read_wait_s)


def _print(warehouse: Path, sql: str, fmt: str) -> None:
    print_results(warehouse, sql, fmt, wait_s=Settings.from_env(warehouse).read_wait_s)


def cmd_sql(args: argparse.Namespace) -> None:
    if args.list:
        write_rows(["name", "answers"], catalog.named_queries(), args.format, max_cell=200)
        return
    if args.file == "-":
        sql = sys.stdin.read()
    elif args.file:
        path = Path(args.file)
        if not path.exists():
            raise UserError(f"no such SQL file: {path}")
        sql = path.read_text(encoding="utf-8")
    elif args.query:
        sql = args.query
        if re.fullmatch(r"[A-Za-z0-9_-]+", args.query):  # a name, not SQL text
            named = SQL_DIR / "queries" / f"{args.query}.sql"
            if not named.exists():
                raise UserError(f"no named query {args.query!r} in sql/queries/ "
                                "(`fazhi sql --list` shows them)")
            sql = named.read_text(encoding="utf-8")
    else:
        raise UserError("give a query, a named query from sql/queries/ (fazhi sql --list), "
                        "-f FILE or -f - for standard input")
    _print(Settings.from_env(args.warehouse).warehouse_path, sql, args.format)


def cmd_alerts(args: argparse.Namespace) -> None:
    _print(Settings.from_env(args.warehouse).warehouse_path,
           "SELECT checked_at, severity, check_name, observed, title, url FROM v_quality_alerts",
           args.format)


def cmd_tables(args: argparse.Namespace) -> None:
    con = _open(args)
    try:
        rows = catalog.relations(con, counts=args.counts)
    finally:
        con.close()
    write_rows(["name", "kind"] + (["rows"] if args.counts else []) + ["description"], rows,
               args.format)


def cmd_schema(args: argparse.Namespace) -> None:
    con = _open(args)
    try:
        rows = catalog.columns(con, args.name)
    except catalog.UnknownRelation as exc:
        raise UserError(str(exc)) from exc
    finally:
        con.close()
    headers = ["relation", "column", "type", "description"]
    if args.name:  # one relation: its name is in the command already
        headers, rows = headers[1:], [row[1:] for row in rows]
    write_rows(headers, rows, args.format, max_cell=120)

def cmd_sources(args: argparse.Namespace) -> None:
    from fazhi.warehouse.sources import COLUMNS, last_harvests, source_rows
    from tasks.discover.sources import load_sources

    warehouse = Settings.from_env(args.warehouse).warehouse_path
    harvests = last_harvests(warehouse)
    if args.catalogue or args.sources:
        sources = load_sources(Path(args.sources) if args.sources else CATALOGUE_DIR,
                               args.portal_base)
    else:
        if not harvests:
            raise UserError(f"no harvested sources in {warehouse}: `fazhi sources --catalogue` "
                            "lists the catalogue of real columns, `--sources FILE` any file")
        # the platform whose adapter read the column at its last harvest (sources.platform)
        sources = [{"source_id": h["source_id"], "name": h["name"] or "", "url": h["url"] or "",
                    "platform": h.get("platform")} for h in harvests.values()]
    write_rows(COLUMNS, source_rows(sources, harvests), args.format)


def cmd_extract(args: argparse.Namespace) -> None:
    import dataclasses
    import tempfile

    from fazhi.pipeline import process_document
    from tasks.fetch.client import FetchFailed
    from tasks.fetch.documents import document_from_path, document_from_url

    target = args.target
    raw_store = Path(args.raw_store) if args.raw_store else None
    try:
        if target.startswith(("http://", "https://")):
            # fetched bytes are kept only in a store the user names; otherwise in a
            # throwaway folder, so a look at one URL never writes into the warehouse
            with tempfile.TemporaryDirectory(prefix="fazhi-extract-") as scratch:
                fetch = dataclasses.replace(Settings.from_env().fetch(),
                                            raw_dir=raw_store or Path(scratch))
                doc = document_from_url(target, fetch)
        else:
            path = Path(target)
            if not path.exists():
                raise UserError(f"no such file: {path}")
            doc = document_from_path(path, raw_store)
    except FetchFailed as exc:
        raise UserError(str(exc)) from exc
    page, extraction = process_document(doc)
    if extraction is None:
        raise UserError(f"{target}: not a report ({page.status})")
    out = extraction.to_json_dict()
    out["report"]["fields"] = page.fields
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1 if args.pretty else None)
    sys.stdout.write("\n")


def cmd_export(args: argparse.Namespace) -> None:
    from fazhi.warehouse.export import export_warehouse

    con = _open(args)
    try:
        written = export_warehouse(con, Path(args.to), args.format)
    finally:
        con.close()
    write_rows(["relation", "rows"], sorted(written.items()), "table")
    print(f"written to {args.to}")


def _print_summary(summary, seconds: float, what: str = "harvest") -> None:
    print(f"\n{what} {summary.run_id} finished in {seconds:.1f} s")
    print(f"  sources {summary.sources}, report links {summary.urls}")
    print(f"  reports loaded {summary.reports} (unchanged since last run {summary.unchanged}), "
          f"facts {summary.facts}, pages rejected {summary.rejected}")
    if summary.not_due:
        print(f"  not asked for again {summary.not_due} (fetched within the recheck window; "
              "--recheck-all asks for every report)")
    errors = ", ".join(f"{k} {v}" for k, v in sorted(summary.errors_by_class.items())) or "none"
    print(f"  failed fetch attempts {summary.fetch_errors} ({errors})")
    see = " (`fazhi alerts` lists them)" if summary.new_alerts else ""
    print(f"  failed quality checks {summary.quality_failures}, new alerts {summary.new_alerts}"
          f"{see}")
    print(f"  warehouse {summary.warehouse}")


def _with_runner(flow_fn, args: argparse.Namespace):
    """The flow on the runner this run asked for; the settings are read first, so a bad
    FAZHI_* value is one line before anything starts."""
    from flows.runners import task_runner

    Settings.from_env(args.warehouse)
    runner = task_runner(getattr(args, "task_runner", "thread"),
                         getattr(args, "dask_address", None), getattr(args, "workers", None))
    return flow_fn.with_options(task_runner=runner)


def _run_harvest(sources: Path, portal_base: str | None, args: argparse.Namespace):
    from flows.harvest import harvest

    if not sources.exists():
        raise UserError(f"no such sources file: {sources}")
    if args.alert_webhook:  # to the flow through the environment: never a flow parameter
        os.environ["FAZHI_ALERT_WEBHOOK"] = args.alert_webhook
    started = time.perf_counter()
    recheck = 0.0 if getattr(args, "recheck_all", False) else None
    from tasks.load.schema import run_lock

    flow = _with_runner(harvest, args)
    with run_lock(Settings.from_env(args.warehouse).warehouse_path):  # busy: one line, 75
        summary = flow(str(sources), args.warehouse, portal_base, recheck)
    _print_summary(summary, time.perf_counter() - started)
    return summary


def cmd_reprocess(args: argparse.Namespace) -> None:
    from flows.reprocess import reprocess
    from tasks.load.schema import run_lock

    warehouse = Settings.from_env(args.warehouse).warehouse_path
    if not warehouse.exists():
        raise UserError(f"no warehouse at {warehouse}: nothing to reprocess")
    started = time.perf_counter()
    flow = _with_runner(reprocess, args)
    with run_lock(warehouse):
        summary = flow(args.warehouse)
    _print_summary(summary, time.perf_counter() - started, "reprocess")


def cmd_migrate(args: argparse.Namespace) -> None:
    import duckdb

    from tasks.load import migrations
    from tasks.load.schema import connect

    path = Settings.from_env(args.warehouse).warehouse_path
    if not path.exists():
        raise UserError(f"no warehouse at {path}")
    try:  # read the ledger without upgrading: a listing must not change the file
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise UserError(f"cannot open warehouse {path}: {str(exc).splitlines()[0]}") from exc
    try:
        done, todo = migrations.applied(con), migrations.pending(con)
    finally:
        con.close()
    for migration in migrations.migrations():
        state = ("pending" if migration in todo else "applied" if migration.version in done
                 else "not needed")
        print(f"{migration.version:04d}_{migration.name}  {state}")
    if not todo:
        print(f"{path}: up to date")
        return
    if args.dry_run:
        print(f"{path}: {len(todo)} pending (--dry-run: nothing applied)")
        return
    started = time.perf_counter()
    connect(path).close()  # the first writable open applies them (WarehouseError: one line)
    print(f"{path}: applied {len(todo)} in {time.perf_counter() - started:.1f} s")


def cmd_harvest(args: argparse.Namespace) -> None:
    _run_harvest(Path(args.sources), args.portal_base, args)


# The demo portal's fixed port: a second `fazhi demo` sees the same URLs and skips the reports
# it loaded (nothing fetched twice). A busy port falls back to a free one: the URLs differ, the
# reports are the same ones (report ids do not come from URLs), so no count changes.
DEMO_PORT = 18765


def cmd_demo(args: argparse.Namespace) -> None:
    from fazhi.portal import SITE_DIR, serve_portal, stop

    try:
        server, base_url = serve_portal(SITE_DIR, port=DEMO_PORT)
    except OSError:
        server, base_url = serve_portal(SITE_DIR)
        print(f"port {DEMO_PORT} is busy; this run's URLs differ from before (its reports "
              "are recorded under both)")
    print(f"bundled portal serving {SITE_DIR.relative_to(SEEDS_DIR.parent)} at {base_url}")
    try:
        summary = _run_harvest(SEEDS_DIR / "sources.csv", base_url, args)
    finally:
        stop(server)
    if summary.reports + summary.unchanged == 0:
        raise UserError("the demo found no report on the bundled portal")
    warehouse = Path(summary.warehouse)
    page = _write_report_page(warehouse, warehouse.parent / "report.html")
    print(f"  data docs {warehouse.parent / 'data_docs' / 'index.html'}")
    print(f"  report page {page}  (open it in a browser; works offline)")
    print("\ntry:")
    print(f"  .venv/bin/fazhi sql \"{EXAMPLE_QUERY}\"")
    print("  .venv/bin/fazhi sql court_appearance_trend    # named queries live in sql/queries/")
    print("  .venv/bin/fazhi alerts")


def cmd_serve(args: argparse.Namespace) -> None:
    from prefect import serve

    from flows.schedule import nightly_deployment

    deployment = nightly_deployment(args.sources, args.warehouse, args.cron, args.timezone)
    print(f"serving harvest on cron '{args.cron}' ({args.timezone}); Ctrl-C to stop")
    serve(deployment)


def _write_report_page(warehouse: Path, target: Path) -> Path:
    import duckdb

    from fazhi.warehouse.report_page import build_report

    con = open_read_only(warehouse, wait_s=Settings.from_env(warehouse).read_wait_s)
    try:
        return build_report(con, target)
    except duckdb.CatalogException as exc:
        raise UserError(f"{warehouse} lacks a view the page reads ({str(exc).splitlines()[0]}); "
                        "a harvest or `fazhi demo` brings its schema up to date") from exc
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc}") from exc
    finally:
        con.close()


def cmd_report(args: argparse.Namespace) -> None:
    warehouse = Settings.from_env(args.warehouse).warehouse_path
    target = Path(args.out) if args.out else warehouse.parent / "report.html"
    print(f"report written to {_write_report_page(warehouse, target)}")


def cmd_upgrade(args: argparse.Namespace) -> None:
    from tasks.load.schema import connect
    from tasks.load.storage import STORAGE_VERSION, StorageError, rewrite

    warehouse = Settings.from_env(args.warehouse).warehouse_path
    try:
        backup = rewrite(warehouse)
    except StorageError as exc:
        raise UserError(str(exc)) from exc
    connect(warehouse).close()  # a writable open runs pending migrations and the current DDL
    print(f"warehouse {warehouse} rewritten in storage format {STORAGE_VERSION} "
          f"(DuckDB {STORAGE_VERSION.lstrip('v')} and later read it); the old file is "
          f"{backup}: delete it once the new one serves you")


def _positive_int(text: str) -> int:
    if not (text.isdigit() and int(text) > 0):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


def _shared_options() -> dict[str, argparse.ArgumentParser]:
    """Options several commands take, each declared once (argparse parent parsers)."""
    warehouse = argparse.ArgumentParser(add_help=False)
    warehouse.add_argument("--warehouse", help="DuckDB file (default $FAZHI_WAREHOUSE or "
                           "warehouse/fazhi.duckdb)")
    webhook = argparse.ArgumentParser(add_help=False)
    webhook.add_argument("--alert-webhook", help="POST new quality alerts here as JSON "
                         "(default $FAZHI_ALERT_WEBHOOK)")
    runner = argparse.ArgumentParser(add_help=False)
    runner.add_argument("--task-runner", choices=("process", "thread", "dask"),
                        default="process", help="run batch tasks in worker processes here "
                        "(default), on threads here, or on a Dask cluster")
    runner.add_argument("--workers", type=_positive_int,
                        help="worker processes (default: the CPU count)")
    runner.add_argument("--dask-address", help="scheduler of an existing Dask cluster "
                        "(tcp://host:8786); without it --task-runner dask starts a local one")
    # also after the command (`fazhi harvest … --verbose`); SUPPRESS keeps `fazhi -v harvest`
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                         help=VERBOSE_HELP)
    rows = argparse.ArgumentParser(add_help=False)
    rows.add_argument("--format", choices=FORMATS, default="table")
    return {"warehouse": warehouse, "webhook": webhook, "runner": runner, "rows": rows,
            "verbose": verbose}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("fazhi")
    except PackageNotFoundError:
        own = "unknown"
    import duckdb

    return f"fazhi {own} (duckdb {duckdb.__version__})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi", description="Harvest 法治政府建设年度报告 into a DuckDB warehouse.")
    parser.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True)
    shared = _shared_options()

    def add(name: str, func, help_text: str, example: str,
            *options: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           epilog=f"example: {example}", parents=[shared[o] for o in options],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    add("demo", cmd_demo, "serve the bundled portal on 127.0.0.1 and harvest it",
        "fazhi demo", "warehouse", "webhook", "verbose")

    p = add("harvest", cmd_harvest, "harvest the portals listed in a sources CSV",
            "fazhi harvest --sources seeds/sources.csv --warehouse /tmp/w.duckdb",
            "warehouse", "webhook", "runner", "verbose")
    p.add_argument("--sources", required=True, help="CSV: source_id,name,url,kind,region_hint")
    p.add_argument("--portal-base", help="replaces {portal} in source URLs")
    p.add_argument("--recheck-all", action="store_true",
                   help="ask for every listed report again, also those fetched within "
                   "FAZHI_RECHECK_AFTER_HOURS (default 168)")

    add("reprocess", cmd_reprocess, "rebuild reports and facts from the raw store "
        "(no network)", "fazhi reprocess --warehouse warehouse/fazhi.duckdb",
        "warehouse", "runner", "verbose")

    p = add("migrate", cmd_migrate, "list the warehouse's schema migrations and apply the "
            "pending ones (any writable open, `fazhi reprocess` too, applies them)",
            "fazhi migrate --warehouse warehouse/fazhi.duckdb", "warehouse")
    p.add_argument("--dry-run", action="store_true", help="list only, apply nothing")

    p = add("extract", cmd_extract, "print what fazhi reads from one report as JSON",
            "fazhi extract report.html")
    p.add_argument("target", help=".html/.htm/.txt/.pdf/.docx file or http(s) URL")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--raw-store", help="keep the fetched bytes in this folder (by sha256); "
                   "without it nothing is written")

    p = add("sql", cmd_sql, "run read-only SQL on the warehouse (every statement's result "
            "is printed); query the v_* views", f'fazhi sql "{EXAMPLE_QUERY}" --format csv\n'
            "         fazhi sql --list; fazhi sql court_appearance_trend; "
            "echo 'FROM v_reports' | fazhi sql -f -", "warehouse", "rows")
    p.add_argument("query", nargs="?", help="SQL text or a name from sql/queries/")
    p.add_argument("-f", "--file", help="read the SQL from a file; - reads standard input")
    p.add_argument("--list", action="store_true", help="list the named queries of sql/queries/")

    p = add("sources", cmd_sources, "list sources with their platform and last harvest",
            "fazhi sources --catalogue --format csv", "warehouse", "rows")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--catalogue", action="store_true",
                       help="the catalogue of real columns in seeds/sources/ (default: the "
                       "sources the warehouse has harvested)")
    which.add_argument("--sources", help="a sources CSV or a folder of them")
    p.add_argument("--portal-base", help="replaces {portal} in source URLs")

    add("alerts", cmd_alerts, "list failed quality checks, newest first",
        "fazhi alerts --format json", "warehouse", "rows")

    p = add("tables", cmd_tables, "list the tables and views with their descriptions",
            "fazhi tables --counts", "warehouse", "rows")
    p.add_argument("--counts", action="store_true", help="count each one's rows")

    p = add("schema", cmd_schema, "every column (of one table or view) with its type and "
            "description", "fazhi schema v_facts", "warehouse", "rows")
    p.add_argument("name", nargs="?", help="a table or view (default: all of them)")

    p = add("export", cmd_export, "write every table and v_* view as Parquet (one file each) "
            "or CSV (split by report_year and province, both kept in each file)",
            "fazhi export --to /tmp/fazhi-export --format parquet",
            "warehouse")
    p.add_argument("--to", required=True, help="target folder")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")

    p = add("report", cmd_report, "write a self-contained HTML page of charts and open alerts",
            "fazhi report --out /tmp/fazhi-report.html", "warehouse")
    p.add_argument("--out", help="HTML file (default report.html beside the warehouse)")

    add("upgrade", cmd_upgrade, "rewrite an existing warehouse in the storage format every "
        "DuckDB from 1.2 reads (the DuckDB CLI, R, DBeaver), running pending migrations",
        "fazhi upgrade --warehouse warehouse/fazhi.duckdb", "warehouse")

    p = add("serve", cmd_serve, "serve the harvest flow on a nightly schedule",
            "fazhi serve --sources seeds/sources.csv --cron '0 2 * * *'", "warehouse")
    p.add_argument("--sources", default=str(SEEDS_DIR / "sources.csv"))
    p.add_argument("--cron", default="0 2 * * *")
    p.add_argument("--timezone", default="Asia/Shanghai")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.verbose:
        prefect_env.quiet_failures()
    _progress_logging(args.verbose)
    try:
        with _stage_errors() if args.command in STAGE_COMMANDS else nullcontext():
            args.func(args)
    except BusyError as exc:  # EX_TEMPFAIL: nothing wrong, try again later
        print(f"fazhi: {exc}", file=sys.stderr)
        return 75
    except (UserError, ReadError, QueryError, SettingsError) as exc:
        print(f"fazhi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fazhi: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `fazhi sql … | head`: the reader has all it wants. Point stdout at /dev/null so
        # Python's flush at exit does not raise again, and end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
