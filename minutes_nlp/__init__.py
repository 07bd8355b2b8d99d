"""minutes_nlp: Vietnamese meeting minutes and press releases -> structured, traceable tasks.

>>> import minutes_nlp
>>> nlp = minutes_nlp.load()
>>> doc = nlp("Chủ tịch UBND tỉnh yêu cầu Sở Y tế ... trước ngày 15/3/2024.")
>>> doc.tasks[0].deadline.date
"""

from __future__ import annotations

from minutes_nlp.models import SCHEMA_VERSION, Document, Task

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Document", "Task", "__version__", "load"]


def load(models_dir: str | None = None, use_models: bool = True):
    """Build the pipeline once (lexicons, tokenizer, trained models) and return it.

    The returned object is callable on a text (-> Document) and has ``pipe(texts)``.
    """
    from minutes_nlp.pipeline import Pipeline

    return Pipeline.load(models_dir=models_dir, use_models=use_models)
