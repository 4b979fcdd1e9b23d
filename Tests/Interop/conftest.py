"""Fixtures for the interop tests (see interop_support.py and scripts/interop)."""

import os

import pytest

from interop_support import BIN, Collector


def pytest_configure(config):
    if not BIN.is_file() or not os.access(BIN, os.X_OK):
        raise pytest.UsageError(
            f"turnscope binary not found at {BIN}: build it first (swift build), or set TURNSCOPE_BIN")


@pytest.fixture
def collector(tmp_path):
    c = Collector(tmp_path)
    yield c
    c.stop()


@pytest.fixture(scope="module")
def new_collector(tmp_path_factory):
    """Module-scoped factory: each call starts another collector with its own database, so a
    module can run one driver per scenario and check it in several tests."""
    started = []

    def start():
        c = Collector(tmp_path_factory.mktemp("collector"))
        started.append(c)
        return c

    yield start
    for c in started:
        c.stop()
