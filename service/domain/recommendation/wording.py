"""Message templates with plural and gender selection, numbers and lists from CLDR (Babel).

The templates in `content/messages/<locale>.yaml` use a small, readable subset of ICU
MessageFormat, so translators meet a syntax their tools know:

    {name}                                  a value: numbers in the locale's format
    {variant:the}                           a variant's name in one grammatical form (see below)
    {weeks, plural, one {# week} other {# weeks}}         the CLDR plural category of a number
    {variant, select, f {conçue} other {conçu}}           a variant's gender (m, f, n, pl)

A variant's forms ("the", "of", "to" in French; "nom", "acc", "dat" in German) are written out
per variant in the messages file (`names:`), articles and contractions included, so a template
never builds "le" + name by hand. A form written with a capital ("{variant:The}") starts the
sentence with a capital letter. `#` inside a plural branch is the number itself.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableSequence, Sequence
from dataclasses import dataclass, field

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

SMALL = 1_000


@dataclass(frozen=True, slots=True)
class Name:
    """A variant's name with its grammatical gender and the forms templates ask for."""

    text: str  # the display name, as in the catalogue texts
    gender: str = "n"  # m, f or n
    plural: bool = False  # "Modèles de mentorat hybrides" is a plural noun phrase
    forms: Mapping[str, str] = field(default_factory=dict)

    def form(self, spec: str) -> str:
        if not spec:
            return self.text
        found = self.forms.get(spec.lower(), self.text)
        return found[:1].upper() + found[1:] if spec[:1].isupper() else found

    @property
    def category(self) -> str:
        return "pl" if self.plural else self.gender


# Parsed templates: text, a placeholder (name, form), or a choice (name, kind, branches).
Node = str | tuple[str, str] | tuple[str, str, dict[str, "list[Node]"]]


class TemplateError(ValueError):
    pass


def parse(template: str) -> list[Node]:
    nodes, end = _parse(template, 0, in_branch=False)
    if end != len(template):
        raise TemplateError(f"unbalanced '}}' at {end} in {template!r}")
    return nodes


def _parse(text: str, i: int, *, in_branch: bool) -> tuple[list[Node], int]:
    """Nodes from text[i:] up to the end, or up to the brace closing a branch."""
    nodes: list[Node] = []
    plain: list[str] = []
    while i < len(text):
        char = text[i]
        if char == "}":
            if not in_branch:
                raise TemplateError(f"unbalanced '}}' in {text!r}")
            break
        if char != "{":
            plain.append(char)
            i += 1
            continue
        if plain:
            nodes.append("".join(plain))
            plain = []
        node, i = _argument(text, i + 1)
        nodes.append(node)
    if in_branch and i >= len(text):
        raise TemplateError(f"unclosed branch in {text!r}")
    if plain:
        nodes.append("".join(plain))
    return nodes, i


def _argument(text: str, i: int) -> tuple[Node, int]:
    """The argument starting at text[i] (just after its '{'); returns it and the index after
    its closing '}'."""
    stop = _next(text, i, ",}")
    name = text[i:stop].strip()
    if text[stop] == "}":
        name, _, form = name.partition(":")
        return (name.strip(), form.strip()), stop + 1
    kind_end = _next(text, stop + 1, ",")
    kind = text[stop + 1 : kind_end].strip()
    if kind not in ("plural", "select"):
        raise TemplateError(f"unknown argument kind {kind!r} in {text!r}")
    branches: dict[str, list[Node]] = {}
    j = kind_end + 1
    while True:
        brace = _next(text, j, "{}")
        key = text[j:brace].strip()
        if text[brace] == "}":
            if key:
                raise TemplateError(f"branch {key!r} has no message in {text!r}")
            break
        if not key:
            raise TemplateError(f"a {kind} branch needs a key in {text!r}")
        branches[key], j = _parse(text, brace + 1, in_branch=True)
        j += 1  # past the branch's closing brace
    if "other" not in branches:
        raise TemplateError(f"{name}: a {kind} needs an 'other' branch in {text!r}")
    return (name, kind, branches), brace + 1


def _next(text: str, i: int, chars: str) -> int:
    for j in range(i, len(text)):
        if text[j] in chars:
            return j
    raise TemplateError(f"unclosed '{{' in {text!r}")


def placeholders(template: str) -> set[str]:
    """The argument names a template uses (for load-time checks)."""
    found: set[str] = set()

    def walk(nodes: Sequence[Node]) -> None:
        for node in nodes:
            if isinstance(node, str):
                continue
            found.add(node[0])
            if len(node) == 3:
                for branch in node[2].values():
                    walk(branch)

    walk(parse(template))
    return found


class Wording:
    """Renders one locale's templates; parsed templates are kept (their set is finite)."""

    def __init__(self, locale: str) -> None:
        self.locale = Locale.parse(locale)
        self._parsed: dict[str, list[Node]] = {}
        # Whole numbers up to SMALL are formatted once: weeks, minutes and counts are all
        # below it, and Babel's formatting is the slowest step of a sentence.
        self._small = [format_decimal(n, locale=self.locale) for n in range(SMALL + 1)]
        self._small_plural = [str(self.locale.plural_form(n)) for n in range(SMALL + 1)]

    def number(self, value: float, digits: int = 2) -> str:
        if isinstance(value, int) or float(value).is_integer():
            whole = int(value)
            if 0 <= whole <= SMALL:
                return self._small[whole]
            return format_decimal(whole, locale=self.locale)
        pattern = "#,##0." + "#" * digits
        return format_decimal(round(value, digits), format=pattern, locale=self.locale)

    def join(self, words: Sequence[str]) -> str:
        return format_list(list(words), locale=self.locale) if words else ""

    def plural(self, value: float) -> str:
        if isinstance(value, int) and 0 <= value <= SMALL:
            return self._small_plural[value]
        return str(self.locale.plural_form(abs(value)))

    def render(self, template: str, **values: object) -> str:
        nodes = self._parsed.get(template)
        if nodes is None:
            nodes = self._parsed[template] = parse(template)
        out: list[str] = []
        self._render(nodes, values, out, None)
        return "".join(out)

    def _render(
        self,
        nodes: Sequence[Node],
        values: Mapping[str, object],
        out: MutableSequence[str],
        count: str | None,
    ) -> None:
        for node in nodes:
            if isinstance(node, str):
                out.append(node.replace("#", count) if count is not None else node)
                continue
            value = values[node[0]]
            if len(node) == 2:
                out.append(self._value(value, node[1]))
                continue
            _, kind, branches = node
            if kind == "plural":
                assert isinstance(value, (int, float)), f"{node[0]} must be a number"
                number = self.number(value)  # "=2" selects an exact branch, "#" shows it
                branch = (
                    branches.get(f"={number}")
                    or branches.get(self.plural(value))
                    or branches["other"]
                )
                self._render(branch, values, out, number)
            else:
                key = value.category if isinstance(value, Name) else str(value)
                self._render(branches.get(key, branches["other"]), values, out, count)

    def _value(self, value: object, form: str) -> str:
        if isinstance(value, str):  # most values: labels and phrases already worded
            return value
        if isinstance(value, Name):
            return value.form(form)
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, (int, float)):  # a tuple: `int | float` builds a union per call
            return self.number(value)
        return str(value)
