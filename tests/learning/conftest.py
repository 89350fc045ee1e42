"""Fixtures of the learning tests: a Redis server of their own, for the shared-cache tests."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches


@pytest.fixture
def redis_url():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.kill()
        server.wait(timeout=10)


@pytest.fixture
def redis_shared_cache(settings, redis_url):
    """The "shared" cache (throttle counts) on that Redis server."""
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
    }
    caches["shared"].close()
    del caches["shared"]
    try:
        yield caches["shared"]
    finally:
        del caches["shared"]
