"""No letter status token or password-reset token in any log (issue 19, point 6): Django's
request warnings, runserver's and gunicorn's access logs."""

import datetime
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from learning.logs import GunicornLogger, redact

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "Zq8vP2xW9rT4yU7iO1pA3sD6fG0hJ5kL8zX2cV4bN7m"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"/letters/status/{TOKEN}/", "/letters/status/[redacted]/"),
        (f"/api/v1/letters/status/{TOKEN}/", "/api/v1/letters/status/[redacted]/"),
        (
            f"GET /letters/status/{TOKEN}/?x=1 HTTP/1.1",
            "GET /letters/status/[redacted]/?x=1 HTTP/1.1",
        ),
        (
            f"/login/?next=%2Fletters%2Fstatus%2F{TOKEN}%2F",
            "/login/?next=%2Fletters%2Fstatus%2F[redacted]%2F",
        ),
        ("/accounts/reset/MQ/cz0a1b-0123456789abcdef/", "/accounts/reset/MQ/[redacted]/"),
        ("/letters/write/", "/letters/write/"),
        ("/letters/status/", "/letters/status/"),
    ],
)
def test_redact_removes_tokens_and_keeps_the_rest(text, expected):
    assert redact(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("url", [f"/letters/status/{TOKEN}/", f"/api/v1/letters/status/{TOKEN}/"])
def test_a_404_on_a_token_url_logs_no_token(client, caplog, url):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(url).status_code == 404
    assert caplog.records, "the 404 is logged"
    assert TOKEN not in caplog.text
    assert "[redacted]" in caplog.text


def test_the_runserver_log_is_redacted(caplog):
    logger = logging.getLogger("django.server")
    logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.INFO, logger="django.server"):
            logger.info('"%s" %s %s', f"GET /letters/status/{TOKEN}/ HTTP/1.1", "200", "512")
    finally:
        logger.removeHandler(caplog.handler)
    assert TOKEN not in caplog.text
    assert "/letters/status/[redacted]/" in caplog.text


def test_the_gunicorn_access_log_has_no_token(tmp_path):
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("logger_class", conf["logger_class"])
    cfg.set("access_log_format", conf["access_log_format"])
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger_class = cfg.logger_class
    assert logger_class is GunicornLogger
    logger = logger_class(cfg)
    environ = {
        "REMOTE_ADDR": "10.0.0.2",
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/letters/status/{TOKEN}/?from=mail",
        "PATH_INFO": f"/letters/status/{TOKEN}/",
        "QUERY_STRING": "from=mail",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://kasumi.example.org/letters/status/{TOKEN}/",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()
    line = (tmp_path / "access.log").read_text()
    assert '"GET /letters/status/[redacted]/ HTTP/1.1" 200 512' in line
    assert TOKEN not in line


def test_even_a_format_that_logs_the_referrer_is_redacted(tmp_path):
    cfg = Config()
    cfg.set("access_log_format", '"%(r)s" %(s)s "%(f)s"')
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = GunicornLogger(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/letters/status/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://kasumi.example.org/letters/status/{TOKEN}/",
    }
    logger.access(
        SimpleNamespace(status="404 Not Found", sent=0, headers=[]),
        SimpleNamespace(headers=[]),
        environ,
        datetime.timedelta(0),
    )
    for handler in logger.access_log.handlers:
        handler.flush()
    assert TOKEN not in (tmp_path / "access.log").read_text()
