"""Trained models under ``models/``: loading (offline, lazily, checked) and scoring.

Layout: ``models/directive/`` and ``models/domain/`` are spaCy pipelines (a ``textcat``
component over underthesea words, or syllables for the domain), each with ``meta.json``;
``models/diacritics.json.gz`` is the diacritics table (``diacritics.py``); ``models/meta.json`` records
the corpus hash, metrics and the blend weight used by the classifier.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path

from minutes_nlp.errors import ModelError


def default_models_dir() -> Path | None:
    """MINUTES_NLP_MODELS, else the repository's models/ (source checkout or editable install),
    else the copy installed with the package."""
    env = os.environ.get("MINUTES_NLP_MODELS")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parent.parent / "models"
    if (repo / "meta.json").exists():
        return repo
    try:
        packaged = Path(str(resources.files("minutes_nlp").joinpath("_models")))
    except (ModuleNotFoundError, TypeError):
        return None
    return packaged if (packaged / "meta.json").exists() else None


class TextcatModel:
    """A spaCy text classifier (its saved pipeline carries its own tokenizer)."""

    def __init__(self, nlp):
        self.nlp = nlp

    def score_directive(self, texts: list[str]) -> list[float]:
        return [doc.cats.get("DIRECTIVE", 0.0) for doc in self.nlp.pipe(texts, batch_size=64)]

    def probabilities(self, text: str) -> dict[str, float]:
        return dict(self.nlp(text).cats)


@cache
def _load_spacy(path: str) -> TextcatModel:
    import spacy

    import minutes_nlp.tokens  # noqa: F401 - registers the tokenizer

    try:
        return TextcatModel(spacy.load(path))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"cannot load the model in {path}: {exc}; rebuild it with `minutes-nlp train`"
        ) from exc


def load_models(models_dir: str | Path | None = None):
    """(directive model or None, domain model or None, meta dict)."""
    root = Path(models_dir) if models_dir else default_models_dir()
    if root is None or not (root / "meta.json").exists():
        if models_dir:
            raise ModelError(
                f"no trained models in {models_dir} (missing meta.json); run `minutes-nlp train`"
            )
        return None, None, {}
    try:
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{root / 'meta.json'} is unreadable: {exc}") from exc
    directive = _load_spacy(str(root / "directive")) if (root / "directive").is_dir() else None
    domain = _load_spacy(str(root / "domain")) if (root / "domain").is_dir() else None
    if not meta.get("use_directive_model", True):
        directive = None
    if not meta.get("use_domain_model", True):
        domain = None
    return directive, domain, meta
