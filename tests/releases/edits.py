"""Edited copies of `content/`, loaded through the real loader: what an editor's next load is."""

import shutil
from pathlib import Path
from typing import Any

import yaml

from service.domain.bundle import Bundle, read_files
from service.domain.content_files import CONTENT_DIR


class EditedContent:
    """A copy of the content files in `folder`; edit, then `bundle()` reads it like a load."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        shutil.copytree(CONTENT_DIR, folder)

    def _edit(self, relative: str, change: Any) -> None:
        path = self.folder / relative
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    def locales(self) -> list[str]:
        return sorted(p.stem for p in (self.folder / "locales").glob("*.yaml"))

    def set_text(self, locale: str, kind: str, key: str, field: str, value: str) -> None:
        self._edit(f"locales/{locale}.yaml", lambda doc: doc[kind][key].__setitem__(field, value))

    def set_policy_version(self, version: str) -> None:
        self._edit("policy.yaml", lambda doc: doc.__setitem__("version", version))

    def remove_topic(self, slug: str, replaced_by: str | None = None) -> None:
        def catalogue(doc: dict[str, Any]) -> None:
            doc["topics"] = [t for t in doc["topics"] if t["slug"] != slug]
            if replaced_by is not None:
                doc.setdefault("replaced", []).append(
                    {"kind": "topic", "key": slug, "replaced_by": replaced_by}
                )

        self._edit("catalogue.yaml", catalogue)
        for locale in self.locales():
            self._edit(f"locales/{locale}.yaml", lambda doc: doc["topics"].pop(slug))

    def bundle(self) -> Bundle:
        return read_files(self.folder)
