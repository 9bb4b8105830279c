"""A real Neo4j 5.26 Community server, fetched from Maven Central and run by the project.

No Docker and no neo4j.com downloads: ``infra/neo4j/pom.xml`` names the server and Neo4j
Browser jars, Maven copies them into an ignored cache (``.cache/neo4j/<version>``, or
``$PAPERKG_NEO4J_HOME``), and the server runs straight from that class path::

    java -cp '<home>/lib/*' org.neo4j.server.CommunityEntryPoint --home-dir=<instance> ...

An *instance* is a folder with ``conf/neo4j.conf``, ``data/``, ``logs/`` and ``server.json``
(pid, ports, auth). Users get one under ``var/neo4j`` (``paperkg neo4j start``); tests start
a throw-away one in a temporary folder. Bolt and HTTP listen on 127.0.0.1 only, on free ports.

>>> java_command(Path("/h"), Path("/i"), heap="1g")[-3:]
['--home-dir=/i', '--config-dir=/i/conf', '--console-mode']
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.errors import ServerError

NEO4J_VERSION = "5.26.29"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
CYPHER_SHELL_MAIN = "org.neo4j.shell.Main"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies"
JAVA_OPTIONS = (
    "-XX:+UseG1GC",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)
#: For short-lived JVMs (tests, one-off admin commands): C1 only, starts ~25% faster, runs slower.
QUICK_START = ("-XX:TieredStopAtLevel=1",)
#: The repository root (this file is kg/neo4j/server.py); infra/ lives there in a source checkout.
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ServerInfo:
    """A running (or last started) instance, as written to ``<instance>/server.json``."""

    instance: str
    pid: int
    bolt_port: int
    http_port: int
    auth: bool
    version: str = NEO4J_VERSION

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def browser_url(self) -> str:
        return f"{self.http_url}/browser/"


# -- locations ----------------------------------------------------------------------------------------------------


def infra_dir() -> Path:
    """``infra/neo4j`` of the source checkout (``$PAPERKG_NEO4J_INFRA`` overrides)."""
    return Path(os.environ.get("PAPERKG_NEO4J_INFRA") or REPO_ROOT / "infra" / "neo4j")


def neo4j_home() -> Path:
    """Where the jars are cached: ``$PAPERKG_NEO4J_HOME`` or ``<repo>/.cache/neo4j/<version>``."""
    return Path(os.environ.get("PAPERKG_NEO4J_HOME") or REPO_ROOT / ".cache" / "neo4j" / NEO4J_VERSION)


def default_instance() -> Path:
    """The user's instance folder: ``$PAPERKG_NEO4J_INSTANCE`` or ``<repo>/var/neo4j``."""
    return Path(os.environ.get("PAPERKG_NEO4J_INSTANCE") or REPO_ROOT / "var" / "neo4j")


def server_lib(home: Path | None = None) -> Path:
    return (home or neo4j_home()) / "lib"


def cypher_shell_lib(home: Path | None = None) -> Path:
    return (home or neo4j_home()) / "cypher-shell" / "lib"


# -- fetching -----------------------------------------------------------------------------------------------------


def _has_jars(lib: Path, marker: str) -> bool:
    return lib.is_dir() and any(lib.glob(f"{marker}-*.jar"))


def _copy_dependencies(pom: Path, lib: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is not installed; run `apt-get install -y maven openjdk-17-jre-headless`")
    if not pom.is_file():
        raise ServerError(f"{pom}: missing; the Neo4j helper needs a source checkout of paperkg (infra/neo4j)")
    tmp = lib.with_name(lib.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [mvn, "-B", "-q", "-f", str(pom), DEPENDENCY_PLUGIN, "-DincludeScope=runtime", f"-DoutputDirectory={tmp}"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise ServerError(f"fetching {pom.parent.name} jars with Maven failed: {(done.stdout + done.stderr).strip()[-800:]}")
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)


def fetch(home: Path | None = None, *, cypher_shell: bool = True) -> Path:
    """Download the server, Neo4j Browser (and cypher-shell) jars unless cached; return the home."""
    home = home or neo4j_home()
    if not _has_jars(server_lib(home), "neo4j-server") or not _has_jars(server_lib(home), "neo4j-browser"):
        server_lib(home).parent.mkdir(parents=True, exist_ok=True)
        _copy_dependencies(infra_dir() / "pom.xml", server_lib(home))
    if cypher_shell and not _has_jars(cypher_shell_lib(home), "cypher-shell"):
        cypher_shell_lib(home).parent.mkdir(parents=True, exist_ok=True)
        _copy_dependencies(infra_dir() / "cypher-shell" / "pom.xml", cypher_shell_lib(home))
    return home


# -- configuring --------------------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_config(instance: Path, bolt_port: int, http_port: int, *, auth: bool, pagecache: str = "256m") -> Path:
    """Write ``<instance>/conf/neo4j.conf`` from ``infra/neo4j/neo4j.conf.template``."""
    template = (infra_dir() / "neo4j.conf.template").read_text(encoding="utf-8")
    dirs = {name: instance / name for name in ("data", "logs", "run", "import")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    text = template.format(
        bolt_port=bolt_port,
        http_port=http_port,
        auth_enabled=str(auth).lower(),
        pagecache=pagecache,
        **{f"{name}_dir": path for name, path in dirs.items()},
    )
    conf = instance / "conf" / "neo4j.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text(text, encoding="utf-8")
    return conf


def admin_command(instance: Path, *args: str, home: Path | None = None, java_options: tuple[str, ...] = QUICK_START) -> subprocess.CompletedProcess:
    """Run ``neo4j-admin ARGS`` (from the server jars) against an instance's config."""
    env = {**os.environ, "NEO4J_HOME": str(instance), "NEO4J_CONF": str(instance / "conf")}
    cmd = ["java", "-Xmx1g", *JAVA_OPTIONS, *java_options, "-cp", f"{server_lib(home)}/*", ADMIN_TOOL, *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def set_initial_password(instance: Path, password: str, home: Path | None = None) -> None:
    """Set the ``neo4j`` user's password before the first start (``neo4j-admin dbms set-initial-password``)."""
    if len(password) < 8:
        raise ServerError("the Neo4j password must be at least 8 characters long")
    done = admin_command(instance, "dbms", "set-initial-password", password, home=home)
    if done.returncode != 0:
        raise ServerError(f"neo4j-admin set-initial-password failed: {(done.stdout + done.stderr).strip()[-400:]}")


# -- running ------------------------------------------------------------------------------------------------------


def java_command(home: Path, instance: Path, heap: str = "1g", java_options: tuple[str, ...] = ()) -> list[str]:
    """The java command line that runs the server of ``instance`` from the jars in ``home``."""
    return [
        "java", f"-Xms{heap}", f"-Xmx{heap}", *JAVA_OPTIONS, *java_options,
        "-cp", f"{server_lib(home)}/*", ENTRY_POINT,
        f"--home-dir={instance}", f"--config-dir={instance / 'conf'}", "--console-mode",
    ]


def _info_path(instance: Path) -> Path:
    return instance / "server.json"


def read_info(instance: Path | None = None) -> ServerInfo | None:
    """The instance's ``server.json``, or ``None`` when it was never started."""
    path = _info_path(instance or default_instance())
    if not path.is_file():
        return None
    return ServerInfo(**json.loads(path.read_text(encoding="utf-8")))


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def answers(info: ServerInfo, timeout: float = 2.0) -> bool:
    """True when the server's HTTP discovery endpoint answers."""
    try:
        with urllib.request.urlopen(info.http_url + "/", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(
    instance: Path | None = None,
    *,
    password: str | None = None,
    auth: bool = True,
    heap: str = "1g",
    pagecache: str = "256m",
    timeout: float = 180.0,
    home: Path | None = None,
    java_options: tuple[str, ...] = (),
) -> ServerInfo:
    """Fetch if needed, configure and start a server; return once it answers on HTTP and Bolt.

    With ``auth`` a ``password`` is required the first time (it becomes the ``neo4j`` user's
    password); an instance that is already running is returned as is.
    """
    instance = (instance or default_instance()).resolve()
    running = read_info(instance)
    if running and is_alive(running.pid) and answers(running):
        return running
    home = fetch(home, cypher_shell=False)
    bolt_port, http_port = free_port(), free_port()
    write_config(instance, bolt_port, http_port, auth=auth, pagecache=pagecache)
    first_start = not (instance / "data" / "dbms").exists()
    if auth and first_start:
        if not password:
            raise ServerError("a new server with auth on needs a password (--password or NEO4J_PASSWORD)")
        set_initial_password(instance, password, home)
    log = open(instance / "logs" / "console.log", "ab")
    process = subprocess.Popen(java_command(home, instance, heap, java_options), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    info = ServerInfo(str(instance), process.pid, bolt_port, http_port, auth)
    _info_path(instance).write_text(json.dumps(asdict(info), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _wait_until_ready(info, process, timeout)
    return info


def _wait_until_ready(info: ServerInfo, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"Neo4j exited with code {process.returncode} while starting; see {_console_log(info)}:\n{tail(info)}")
        if answers(info, timeout=1.0) and _bolt_open(info):
            return
        time.sleep(0.25)
    stop(Path(info.instance))
    raise ServerError(f"Neo4j did not answer within {timeout:.0f} s; see {_console_log(info)}:\n{tail(info)}")


def _bolt_open(info: ServerInfo) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", info.bolt_port), timeout=1.0):
            return True
    except OSError:
        return False


def _console_log(info: ServerInfo) -> Path:
    return Path(info.instance) / "logs" / "console.log"


def tail(info: ServerInfo, lines: int = 20) -> str:
    """The last lines of the server's console log (for error messages)."""
    path = _console_log(info)
    if not path.is_file():
        return ""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def stop(instance: Path | None = None, timeout: float = 60.0) -> bool:
    """Stop the instance's server cleanly (SIGTERM, then SIGKILL after ``timeout``); False if none ran."""
    info = read_info(instance or default_instance())
    if info is None or not is_alive(info.pid):
        return False
    os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _reap(info.pid):
            return True
        time.sleep(0.2)
    os.kill(info.pid, signal.SIGKILL)
    _reap(info.pid)
    return True


def _reap(pid: int) -> bool:
    """True while ``pid`` still runs (reaping it if it is our zombie child)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass
    return is_alive(pid)


def status(instance: Path | None = None) -> tuple[ServerInfo | None, bool]:
    """The instance's last start info and whether it answers now."""
    info = read_info(instance or default_instance())
    return info, bool(info and is_alive(info.pid) and answers(info))


def change_password(instance: Path | None, current: str, new: str) -> None:
    """Change the ``neo4j`` user's password on the running server (``ALTER CURRENT USER``)."""
    import neo4j

    from kg.neo4j.connection import Neo4jSettings, open_driver

    info, up = status(instance)
    if info is None or not up:
        raise ServerError("the server is not running (paperkg neo4j start)")
    if len(new) < 8:
        raise ServerError("the Neo4j password must be at least 8 characters long")
    driver = open_driver(Neo4jSettings(uri=info.bolt_uri, password=current))
    try:
        driver.execute_query("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", old=current, new=new, database_="system")
    except neo4j.exceptions.Neo4jError as exc:
        raise ServerError(f"Neo4j refused the new password: {exc.message}") from None
    finally:
        driver.close()


def cypher_shell(uri: str, *args: str, username: str = "neo4j", password: str | None = None, home: Path | None = None) -> subprocess.CompletedProcess:
    """Run Neo4j's cypher-shell (Maven artifact ``org.neo4j:cypher-shell``), e.g. ``-f dump.cypher``.

    The password travels in ``NEO4J_PASSWORD`` (cypher-shell reads it), never on the command line.
    """
    home = fetch(home, cypher_shell=True)
    env = {**os.environ, "NEO4J_USERNAME": username}
    env.pop("NEO4J_PASSWORD", None)
    if password is not None:
        env["NEO4J_PASSWORD"] = password
    cmd = ["java", "-Xmx512m", *QUICK_START, "-cp", f"{cypher_shell_lib(home)}/*", CYPHER_SHELL_MAIN, "-a", uri, "--non-interactive", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def admin_import(
    instance: Path, csv_folder: Path, database: str = "neo4j", home: Path | None = None, java_options: tuple[str, ...] = ()
) -> dict[str, int]:
    """``neo4j-admin database import full`` of a ``paperkg export neo4j-csv`` folder into a stopped
    instance's database (replacing it); returns the tool's own counts (nodes, relationships, properties)."""
    from kg.export.neo4j_csv import import_arguments

    if not (instance / "conf" / "neo4j.conf").is_file():
        write_config(instance, free_port(), free_port(), auth=True)
    done = admin_command(instance, "database", "import", "full", "--overwrite-destination", f"--report-file={instance / 'import.report'}", *import_arguments(csv_folder), database, home=home, java_options=java_options)
    if done.returncode != 0:
        raise ServerError(f"neo4j-admin import failed: {(done.stdout + done.stderr).strip()[-1200:]}")
    return _imported_counts(done.stdout)


def _imported_counts(report: str) -> dict[str, int]:
    """The counts under ``Imported:`` in neo4j-admin's report."""
    import re

    found = dict((kind, int(n)) for n, kind in re.findall(r"^\s*(\d+) (nodes|relationships|properties)\s*$", report, re.M))
    if len(found) != 3:
        raise ServerError(f"could not read neo4j-admin's import report: {report.strip()[-400:]}")
    return found
