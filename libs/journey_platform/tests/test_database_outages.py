"""Which database errors are an outage (503, retry), a value the client sent that cannot be stored (400), or a bug
(500): by SQLSTATE, the way asyncpg reports them through SQLAlchemy."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from journey_platform.web.problems import is_database_outage, is_unstorable_value


class DriverError(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def wrapped(sqlstate: str | None) -> DBAPIError:
    return DBAPIError("SELECT 1", None, DriverError(sqlstate))


@pytest.mark.parametrize(
    "sqlstate",
    ["08006", "08001", "53300", "53100", "57014", "57P01", "57P03", "3D000", "28P01", "55P03", "40001", "40P01"],
)
def test_outages_by_sqlstate(sqlstate: str) -> None:
    assert is_database_outage(wrapped(sqlstate))
    assert not is_unstorable_value(wrapped(sqlstate))


@pytest.mark.parametrize("sqlstate", ["22001", "22P05", "22008", "22003", "22021"])
def test_values_that_cannot_be_stored_are_the_clients(sqlstate: str) -> None:
    assert is_unstorable_value(wrapped(sqlstate))
    assert not is_database_outage(wrapped(sqlstate))


@pytest.mark.parametrize("sqlstate", ["42P01", "42703", "XX000"])
def test_a_bug_stays_a_500(sqlstate: str) -> None:
    assert not is_database_outage(wrapped(sqlstate)) and not is_unstorable_value(wrapped(sqlstate))


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed"),
        OSError(113, "No route to host"),
        OSError("Multiple exceptions: ..."),
        socket.gaierror(-2, "Name or service not known"),
        TimeoutError(),
        PoolTimeout("QueuePool limit reached"),
        OperationalError("SELECT 1", None, DriverError(None)),
    ],
)
def test_connection_failures_are_outages(error: Exception) -> None:
    assert is_database_outage(error)


def test_other_os_errors_are_not_outages() -> None:
    assert not is_database_outage(FileNotFoundError(2, "No such file"))
    assert not is_database_outage(ValueError("bug"))
