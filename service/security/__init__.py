"""Trust: API keys with scopes, per-key rate limits, request limits and security headers.

`middleware.TrustMiddleware` is the one entry point the application installs; the pieces it
uses (`keys`, `ratelimit`, `headers`) take their database engine explicitly.
"""
