"""Trust: who is calling (API keys), how often (per-key rate limits), for how long (request
timeout), and the security headers.

`middleware.TrustMiddleware` is the one entry point the application installs; the pieces it
uses (`keys`, `ratelimit`, `headers`) take their database engine explicitly. What a key may do
(its scopes) is declared on the routes and fields themselves: `service/api/common/scopes.py`.
"""
