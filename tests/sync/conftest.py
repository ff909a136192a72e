"""A real PostgreSQL 15 server for the hub tests, started once per test session and stopped at the end.

If the server cannot be started the tests fail with the reason: the hub is part of the product.
"""

from __future__ import annotations

import itertools

import pytest
from postgres_cluster import ClusterError, start_cluster

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
