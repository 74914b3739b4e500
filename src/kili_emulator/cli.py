"""Command line: ``kili-emulator serve`` runs a local Kili-compatible server."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence

import uvicorn

from kili_emulator.app import create_app
from kili_emulator.server import bind_socket, url_host
from kili_emulator.settings import (
    API_KEY_ENV_VAR,
    DEFAULT_ADMIN_EMAIL,
    DEFAULT_API_KEY,
    GRAPHQL_PATH,
    MIB,
    VERSION,
    EmulatorSettings,
    default_api_key,
)

DEFAULT_DB = "kili-emulator.db"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the `kili-emulator` command."""
    parser = argparse.ArgumentParser(
        prog="kili-emulator",
        description="Local Kili-compatible GraphQL server, for development and tests.",
    )
    parser.add_argument("--version", action="version", version=f"kili-emulator {VERSION}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the server until interrupted")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="interface to listen on (default: 127.0.0.1, loopback only)",
    )
    serve.add_argument("--port", type=int, default=4000, help="port (default: 4000; 0: any free)")
    serve.add_argument(
        "--db",
        default=DEFAULT_DB,
        help=f"SQLite file, created if missing (default: ./{DEFAULT_DB}); "
        "':memory:' keeps nothing after exit",
    )
    serve.add_argument(
        "--api-key",
        default=None,
        help=f"API key of the seeded admin {DEFAULT_ADMIN_EMAIL} (default: "
        f"${API_KEY_ENV_VAR}, else the development key '{DEFAULT_API_KEY}'); "
        "it is made valid again at every start",
    )
    serve.add_argument(
        "--latency-ms",
        type=int,
        default=0,
        help="delay added to every request, in milliseconds (default: 0)",
    )
    serve.add_argument(
        "--fault-rate",
        type=float,
        default=0.0,
        help="share of GraphQL requests failing with 502/503 or a dropped "
        "connection, some after the mutation committed (default: 0)",
    )
    serve.add_argument(
        "--seed", type=int, default=None, help="seed of the fault generator, to replay a run"
    )
    serve.add_argument(
        "--max-body-mb",
        type=int,
        default=50,
        help="largest GraphQL request body accepted, in MiB (default: 50)",
    )
    serve.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="host name clients may use to reach the server, besides loopback names and "
        "--host (repeatable); other Host headers are refused (DNS rebinding)",
    )
    serve.add_argument(
        "--allowed-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="web page origin (scheme://host[:port]) allowed to call the server from a "
        "browser, besides loopback pages (repeatable); other pages are refused",
    )
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    return parser


def settings_from(args: argparse.Namespace) -> EmulatorSettings:
    """Build the settings of `serve`; the host it listens on is always an accepted Host.

    Raises:
        ValueError: A value is out of range.
    """
    return EmulatorSettings(
        db=args.db,
        api_key=args.api_key or default_api_key(),
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        seed=args.seed,
        max_body_bytes=args.max_body_mb * MIB,
        allowed_hosts=(args.host, *args.allowed_host),
        allowed_origins=tuple(args.allowed_origin),
    )


def serve(args: argparse.Namespace) -> int:
    """Run the server in the foreground; return the process exit code."""
    try:
        settings = settings_from(args)
        app = create_app(settings)
        sock = bind_socket(args.host, args.port)
    except (ValueError, OSError) as error:
        print(f"kili-emulator: {error}", file=sys.stderr)
        return 2
    if args.host not in LOOPBACK_HOSTS:
        print(
            f"kili-emulator: warning: listening on {args.host}, reachable from other "
            "machines; the API key printed below is not a secret. Clients must name "
            f"{args.host} or an --allowed-host in their URLs",
            file=sys.stderr,
        )
    port = sock.getsockname()[1]
    database = os.path.abspath(args.db) if args.db != ":memory:" else ":memory:"
    print(f"Kili emulator {VERSION} listening on http://{url_host(args.host)}:{port}{GRAPHQL_PATH}")
    print(f"API key: {settings.api_key}")
    print(f"Database: {database}", flush=True)
    logging.basicConfig(level=args.log_level.upper())
    config = uvicorn.Config(app, log_level=args.log_level, lifespan="on")
    # uvicorn re-raises the interrupt once it has shut down cleanly.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kili-emulator` script."""
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
