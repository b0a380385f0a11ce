"""Argument types shared by the commands."""

import argparse
import re

from service.domain.organisations.service import SLUG


def organisation_slug(value: str) -> str:
    """`--org` as the API's paths carry it: refused by argparse with a usage line, never a
    traceback (`--org "Acme Corp"`)."""
    if SLUG.fullmatch(value):
        return value
    suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower()))[:64]
    hint = f" (e.g. {suggestion!r})" if suggestion and SLUG.fullmatch(suggestion) else ""
    raise argparse.ArgumentTypeError(
        f"{value!r} is not an organisation slug: lower-case letters, digits and '-', "
        f"at most 64, starting with a letter or digit{hint}"
    )
