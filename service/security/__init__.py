"""Who is calling and what it may do: API keys (`keys`), the verified caller (`identity`), what
each route declares it allows (`scopes`), admission (`middleware`: key, reach, scope, rate
limit, request timeout), rate limits (`ratelimit`), failed authentications and client
addresses (`abuse`), CORS and caching headers (`cors`), security headers (`headers`).
"""
