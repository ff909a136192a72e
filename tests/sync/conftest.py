"""A real PostgreSQL 15 server for the hub tests, started once per test session and stopped at the end.

If the server cannot be started the tests fail with the reason: the hub is part of the product.
"""

from __future__ import annotations

import itertools

import pytest
from postgres_cluster import ClusterError, start_cluster
from sync_support import Templates

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_cluster():
    try:
        cluster = start_cluster()
    except ClusterError as error:
        pytest.fail(f"the hub tests need a PostgreSQL server and none could be started: {error}",
                    pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_dsn(postgres_cluster) -> str:
    """A DSN (with password) of an empty database on the session's server."""
    return postgres_cluster.create_database("hub")


@pytest.fixture
def hub_dsn(postgres_cluster) -> str:
    """A fresh, empty hub database for one test."""
    return postgres_cluster.create_database(f"hub_{next(_databases)}")


@pytest.fixture
def kiosks(tmp_path):
    """K1 runs the demo event (300 guests); K2 and K3 were set up from its `export --all`."""
    kiosks = Templates.kiosks(tmp_path, 3)
    yield kiosks
    for kiosk in kiosks:
        kiosk.store.close()


@pytest.fixture
def k1(kiosks):
    return kiosks[0]


@pytest.fixture
def k2(kiosks):
    return kiosks[1]


@pytest.fixture
def k3(kiosks):
    return kiosks[2]


@pytest.fixture
def stores(kiosks):
    """The three kiosks' stores: K1 with the demo event, K2 and K3 set up from it."""
    return [kiosk.store for kiosk in kiosks]
