"""The `fazhi` command: a thin layer over the same functions the flows call.

Every command answers a user error (bad path, bad SQL, unreachable portal) with one line
on stderr and a non-zero exit code, never a traceback. Options several commands share are
declared once (``_shared_options``).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from pathlib import Path

from fazhi import prefect_env  # noqa: F401  (must run before prefect is imported)
from fazhi.settings import Settings, SettingsError
from fazhi.warehouse.query import FORMATS, QueryError, run_query, write_rows
from tasks.discover.sources import SourceError
from tasks.load.schema import WarehouseError
from tasks.paths import SEEDS_DIR, SQL_DIR

EXAMPLE_QUERY = (
    "SELECT town, report_year, subject, value, unit FROM v_facts "
    "WHERE indicator IS NOT NULL ORDER BY town LIMIT 10"
)


class UserError(Exception):
    """A mistake the user can fix; printed as one line."""


def _progress_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("  · %(message)s"))
    logger = logging.getLogger("fazhi")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if verbose:
        logging.getLogger("prefect").setLevel(logging.INFO)


def _query(warehouse: Path, sql: str, fmt: str) -> None:
    try:
        result = run_query(warehouse, sql)
    except QueryError as exc:
        raise UserError(str(exc)) from exc
    if result is not None:
        write_rows(*result, fmt)


def cmd_sql(args: argparse.Namespace) -> None:
    if args.file:
        path = Path(args.file)
        if not path.exists():
            raise UserError(f"no such SQL file: {path}")
        sql = path.read_text(encoding="utf-8")
    elif args.query:
        sql = args.query
        if re.fullmatch(r"[A-Za-z0-9_-]+", args.query):  # a name, not SQL text
            named = SQL_DIR / "queries" / f"{args.query}.sql"
            if named.exists():
                sql = named.read_text(encoding="utf-8")
    else:
        raise UserError("give a query, a named query from sql/queries/, or -f FILE")
    _query(Settings.from_env(args.warehouse).warehouse_path, sql, args.format)


def cmd_alerts(args: argparse.Namespace) -> None:
    _query(Settings.from_env(args.warehouse).warehouse_path,
           'SELECT checked_at, severity, "check", observed, title, url FROM v_quality_alerts',
           args.format)


def cmd_extract(args: argparse.Namespace) -> None:
    from fazhi.pipeline import process_document
    from tasks.fetch.client import FetchFailed
    from tasks.fetch.documents import document_from_path, document_from_url

    target = args.target
    try:
        if target.startswith(("http://", "https://")):
            doc = document_from_url(target, Settings.from_env().fetch())
        else:
            path = Path(target)
            if not path.exists():
                raise UserError(f"no such file: {path}")
            doc = document_from_path(path)
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
    from tasks.load.schema import connect

    con = connect(Settings.from_env(args.warehouse).warehouse_path, read_only=True)
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
    print(f"  failed quality checks {summary.quality_failures}, new alerts {summary.new_alerts}")
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
    started = time.perf_counter()
    recheck = 0.0 if getattr(args, "recheck_all", False) else None
    summary = _with_runner(harvest, args)(str(sources), args.warehouse, portal_base,
                                          args.alert_webhook, recheck)
    _print_summary(summary, time.perf_counter() - started)
    return summary


def cmd_reprocess(args: argparse.Namespace) -> None:
    from flows.reprocess import reprocess

    started = time.perf_counter()
    summary = _with_runner(reprocess, args)(args.warehouse)
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
    from tasks.load.schema import connect

    con = connect(warehouse, read_only=True)
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
    rows = argparse.ArgumentParser(add_help=False)
    rows.add_argument("--format", choices=FORMATS, default="table")
    return {"warehouse": warehouse, "webhook": webhook, "runner": runner, "rows": rows}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi", description="Harvest 法治政府建设年度报告 into a DuckDB warehouse.")
    parser.add_argument("-v", "--verbose", action="store_true", help="show Prefect's own logs")
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
        "fazhi demo", "warehouse", "webhook")

    p = add("harvest", cmd_harvest, "harvest the portals listed in a sources CSV",
            "fazhi harvest --sources seeds/sources.csv --warehouse /tmp/w.duckdb",
            "warehouse", "webhook", "runner")
    p.add_argument("--sources", required=True, help="CSV: source_id,name,url,kind,region_hint")
    p.add_argument("--portal-base", help="replaces {portal} in source URLs")
    p.add_argument("--recheck-all", action="store_true",
                   help="ask for every listed report again, also those fetched within "
                   "FAZHI_RECHECK_AFTER_HOURS (default 168)")

    add("reprocess", cmd_reprocess, "rebuild reports and facts from the raw store "
        "(no network)", "fazhi reprocess --warehouse warehouse/fazhi.duckdb",
        "warehouse", "runner")

    p = add("migrate", cmd_migrate, "list the warehouse's schema migrations and apply the "
            "pending ones (any writable open, `fazhi reprocess` too, applies them)",
            "fazhi migrate --warehouse warehouse/fazhi.duckdb", "warehouse")
    p.add_argument("--dry-run", action="store_true", help="list only, apply nothing")

    p = add("extract", cmd_extract, "print what fazhi reads from one report as JSON",
            "fazhi extract report.html")
    p.add_argument("target", help=".html/.htm/.txt/.pdf/.docx file or http(s) URL")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")

    p = add("sql", cmd_sql, "run a read-only SQL query on the warehouse",
            'fazhi sql "SELECT count(*) FROM reports" --format csv', "warehouse", "rows")
    p.add_argument("query", nargs="?", help="SQL text or a name from sql/queries/")
    p.add_argument("-f", "--file", help="read the query from a file")

    add("alerts", cmd_alerts, "list failed quality checks, newest first",
        "fazhi alerts --format json", "warehouse", "rows")

    p = add("export", cmd_export, "write tables and views as Parquet/CSV, partitioned by "
            "report_year and province", "fazhi export --to /tmp/fazhi-export --format parquet",
            "warehouse")
    p.add_argument("--to", required=True, help="target folder")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")

    p = add("report", cmd_report, "write a self-contained HTML page of charts and open alerts",
            "fazhi report --out /tmp/fazhi-report.html", "warehouse")
    p.add_argument("--out", help="HTML file (default report.html beside the warehouse)")

    p = add("serve", cmd_serve, "serve the harvest flow on a nightly schedule",
            "fazhi serve --sources seeds/sources.csv --cron '0 2 * * *'", "warehouse")
    p.add_argument("--sources", default=str(SEEDS_DIR / "sources.csv"))
    p.add_argument("--cron", default="0 2 * * *")
    p.add_argument("--timezone", default="Asia/Shanghai")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _progress_logging(args.verbose)
    try:
        args.func(args)
    except (UserError, WarehouseError, SettingsError, SourceError) as exc:
        print(f"fazhi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fazhi: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
