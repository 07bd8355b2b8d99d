"""The domain taxonomy (codes of ../shared/CONTRACT.md), loaded once from data/taxonomy.toml."""

from __future__ import annotations

from functools import cache

from minutes_nlp.lexicon import load_toml

FALLBACK_DOMAIN = "chi_dao_dieu_hanh"


@cache
def taxonomy() -> dict[str, dict]:
    """code -> {label, strong, keywords}; order is the contract's order."""
    return load_toml("taxonomy.toml")


def domain_codes() -> tuple[str, ...]:
    return tuple(taxonomy())
