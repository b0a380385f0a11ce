"""The benchmark (issue 8): `python -m bench --help`, `make bench`, docs/benchmarks.md."""
