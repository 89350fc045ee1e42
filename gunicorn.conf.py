"""gunicorn settings for `make serve` and production (gunicorn --config gunicorn.conf.py).

Letter status tokens and password-reset tokens are redacted from the access and error logs
(learning/logs.py); the access log leaves out the query string, the referrer and the user agent.
"""

logger_class = "learning.logs.GunicornLogger"
# Address, time, method, path (tokens redacted), protocol, status, bytes, seconds.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'
