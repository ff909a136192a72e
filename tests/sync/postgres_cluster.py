"""A throw-away PostgreSQL cluster for the hub tests and the sync benchmark.

The cluster lives in a temporary folder, listens on a free TCP port of 127.0.0.1 and on a
socket in that folder, and is stopped and deleted at the end. `initdb` refuses to run as
root, so as root the cluster runs as the `postgres` user (the Debian package creates it).
TCP connections need a password (so tests can see a refused login); the socket trusts.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HUB_USER = "kiosk"
HUB_PASSWORD = "hub-secret"
PREFERRED_MAJOR = "15"


class ClusterError(RuntimeError):
    """The cluster could not be set up; the message says why and what to install."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: (Path(p).parts[-3] != PREFERRED_MAJOR, p))
    on_path = shutil.which("initdb")
    found = candidates[0] if candidates else on_path
    return Path(found).resolve().parent if found else None


def install_postgresql() -> None:
    """As root on Debian, install the server package (what .ci/run does)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"], env=env,
                   check=False, capture_output=True, timeout=900)


@dataclass
class Cluster:
    bindir: Path
    folder: Path
    port: int
    as_user: str | None  # run the server as this user (when we are root)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)
        if result.returncode != 0:
            output = result.stderr.strip() or result.stdout.strip()
            raise ClusterError(f"{' '.join(args[:2])} failed: {output}")
        return result

    def start(self) -> None:
        password_file = self.folder / "superuser-password"
        password_file.write_text("unused-superuser-password\n")
        if self.as_user:
            shutil.chown(password_file, self.as_user)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
                  "--auth-host=scram-sha-256", f"--pwfile={password_file}", "-E", "UTF8", "--locale=C")
        options = (f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")
        self.superuser_sql(f"CREATE ROLE {HUB_USER} LOGIN PASSWORD '{HUB_PASSWORD}' CREATEDB")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        except (ClusterError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def superuser_sql(self, *statements: str, database: str = "postgres") -> None:
        import psycopg2

        connection = psycopg2.connect(host=str(self.socket_dir), port=self.port, user="postgres",
                                      dbname=database)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connection.close()

    def create_database(self, name: str) -> str:
        """A new, empty database owned by the hub user; returns its DSN (with the password)."""
        self.superuser_sql(f'CREATE DATABASE "{name}" OWNER {HUB_USER}')
        return self.dsn(name)

    def dsn(self, database: str, password: str = HUB_PASSWORD, port: int | None = None) -> str:
        return f"postgresql://{HUB_USER}:{password}@127.0.0.1:{port or self.port}/{database}"

    def server_log(self) -> str:
        try:
            return (self.folder / "server.log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""


def start_cluster() -> Cluster:
    """Start a cluster, installing PostgreSQL first if it is missing and we may; ClusterError otherwise."""
    bindir = find_bindir()
    if bindir is None:
        install_postgresql()
        bindir = find_bindir()
    if bindir is None:
        raise ClusterError("PostgreSQL server binaries (initdb, pg_ctl) were not found and could not be "
                           "installed; "
                           "install the Debian package 'postgresql' (apt-get install postgresql)")
    as_user = None
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError as error:
            raise ClusterError("running as root, but there is no 'postgres' user to run the server as "
                               f"({error}); install the Debian package 'postgresql'") from None
        as_user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    (folder / "socket").mkdir()
    if as_user:
        for path in (folder, folder / "socket"):
            shutil.chown(path, as_user, as_user)
    cluster = Cluster(bindir, folder, free_port(), as_user)
    try:
        cluster.start()
    except (ClusterError, subprocess.TimeoutExpired, OSError) as error:
        log = cluster.server_log()
        cluster.stop()
        raise ClusterError(f"could not start PostgreSQL from {bindir}: {error}\n{log}") from None
    return cluster


def wait_until(predicate, timeout: float = 10.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
