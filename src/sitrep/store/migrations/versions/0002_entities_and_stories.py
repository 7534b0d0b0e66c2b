"""Cross-document keys: ``entity_key`` on actors and places; ``stories`` and ``story_bands`` for syndication.

Existing documents are filled in from their stored extractions, oldest first, with the
key and fingerprint rules of the day this revision was written. They are frozen here
(the rules as data, the functions as copies) rather than imported from
``sitrep.keys``, so a later change to those rules cannot change what this upgrade
writes; at the time of writing an upgraded store equals one ingested afresh.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("actors", "places"):
        op.add_column(table, sa.Column("entity_key", sa.String(), nullable=True))
        op.create_index(op.f(f"ix_{table}_entity_key"), table, ["entity_key"])
    op.create_table(
        "stories",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("story_id", sa.String(length=64), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_stories_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_stories")),
    )
    op.create_index(op.f("ix_stories_story_id"), "stories", ["story_id"])
    op.create_table(
        "story_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_story_bands_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("band_key", "document_id", name=op.f("pk_story_bands")),
    )
    op.create_index(op.f("ix_story_bands_document_id"), "story_bands", ["document_id"])
    _fill_existing(op.get_bind())


def _fill_existing(connection: sa.Connection) -> None:
    documents = sa.table(
        "documents",
        sa.column("id"),
        sa.column("title"),
        sa.column("text"),
        sa.column("extraction", sa.JSON()),
        sa.column("ingested_at"),
    )
    keyed = {
        name: sa.table(name, sa.column("document_id"), sa.column("id"), sa.column("entity_key"))
        for name in ("actors", "places")
    }
    key_of = {"actors": _actor_key, "places": _place_key}
    query = (
        sa.select(documents.c.id, documents.c.title, documents.c.text, documents.c.extraction)
        .where(documents.c.extraction.is_not(None))
        .order_by(documents.c.ingested_at, documents.c.id)
    )
    sketcher = _Sketcher()
    for row in connection.execute(query).all():
        for layer, table in keyed.items():
            for item in row.extraction.get(layer) or []:
                connection.execute(
                    sa.update(table)
                    .where(table.c.document_id == row.id, table.c.id == item["id"])
                    .values(entity_key=key_of[layer](item))
                )
        _file_story(connection, row.id, sketcher.fingerprint(row.text, row.title), sketcher)


# -- the rules and functions of this revision, frozen ---------------------------------------

_ENTITIES: dict[str, Any] = {
    "country_level_types": {"state": "state", "armed_forces": "forces", "population": "population"},
    "titles": [
        "president",
        "prime minister",
        "minister",
        "foreign minister",
        "defence minister",
        "defense minister",
        "secretary general",
        "secretary-general",
        "secretary",
        "general",
        "gen",
        "lt",
        "col",
        "colonel",
        "major",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "king",
        "queen",
        "prince",
        "chancellor",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "mayor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "chief",
        "pope",
        "sheikh",
        "ayatollah",
    ],
    "transliterations": [["(?:yy|iy|ij|yi|ii)$", "y"], ["ck$", "k"]],
    "aliases": {
        "united nations": "un",
        "the united nations": "un",
        "north atlantic treaty organization": "nato",
        "european union": "eu",
        "united nations security council": "un security council",
        "international atomic energy agency": "iaea",
        "world health organization": "who",
        "international committee of the red cross": "icrc",
    },
    "place_generic_words": [
        "oblast",
        "region",
        "province",
        "governorate",
        "district",
        "city",
        "state",
        "county",
        "prefecture",
        "krai",
        "the",
    ],
}
_SYNDICATION: dict[str, Any] = {
    "shingle_words": 5,
    "num_perm": 128,
    "seed": 7,
    "bands": 16,
    "rows": 2,
    "jaccard": 0.5,
    "containment": 0.8,
    "min_shingles": 8,
}

_TITLES = tuple(sorted(_ENTITIES["titles"], key=len, reverse=True))
_TRANSLITERATIONS = tuple((re.compile(p), r) for p, r in _ENTITIES["transliterations"])
_WORD = re.compile(r"\w+")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s-]+")
_SCHEME = "affine32"
_KEY_MASK = (1 << 30) - 1
_MULTIPLIER = np.uint64(0x01000193)
_LOW32 = np.uint64(0xFFFFFFFF)


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return bare.replace("\u2019", "'").replace("\u2018", "'").casefold()


def _words(text: str) -> list[str]:
    return _WORD.findall(_THOUSANDS.sub("", _fold(text)))


def _name_words(name: str, strip_titles: bool = False) -> list[str]:
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", _fold(name))).strip()
    text = _ENTITIES["aliases"].get(text, text)
    if strip_titles:
        changed = True
        while changed:
            changed = False
            for title in _TITLES:
                if text.startswith(title + " ") and len(text) > len(title) + 1:
                    text, changed = text[len(title) + 1 :], True
    out = []
    for written in text.split():
        word = written
        for pattern, replacement in _TRANSLITERATIONS:
            word = pattern.sub(replacement, word)
        out.append(word)
    return out


def _actor_key(actor: dict[str, Any]) -> str:
    prefix = _ENTITIES["country_level_types"].get(actor.get("type") or "")
    country = actor.get("country")
    if prefix and country:
        return f"{prefix}:{country}"
    return "actor:" + " ".join(_name_words(actor.get("name") or "", strip_titles=actor.get("type") == "person"))


def _place_key(place: dict[str, Any]) -> str:
    feature = place.get("feature") or "other"
    country = place.get("country") or "-"
    if feature == "country" and place.get("country"):
        return f"country:{country}"
    words = _name_words(place.get("name") or "")
    kept = [w for w in words if w not in _ENTITIES["place_generic_words"]] or words
    return f"{feature}:{country}:{' '.join(kept)}"


def _identity(value: int) -> int:
    return value


class _Sketcher:
    """Story fingerprints: MinHash over word 5-gram shingles per paragraph, LSH band keys, the copy test."""

    def __init__(self) -> None:
        from datasketch import MinHash  # imported here: loading this migration must stay cheap

        rules = _SYNDICATION
        template = MinHash(num_perm=rules["num_perm"], seed=rules["seed"], hashfunc=_identity, scheme=_SCHEME)
        self._permutations = template.permutations

    def fingerprint(self, text: str, title: str | None) -> tuple[np.ndarray, int]:
        first, _, rest = text.partition("\n")
        body = rest if title and " ".join(_words(first)) == " ".join(_words(title)) else text
        hashes = _shingle_hashes(body, _SYNDICATION["shingle_words"])
        from datasketch import MinHash

        sketch = MinHash(
            num_perm=_SYNDICATION["num_perm"],
            seed=_SYNDICATION["seed"],
            hashfunc=_identity,
            permutations=self._permutations,
            scheme=_SCHEME,
        )
        sketch.update_batch(hashes.tolist())
        return np.asarray(sketch.hashvalues, dtype=np.uint32), len(hashes)

    def band_keys(self, signature: np.ndarray, size: int) -> list[int]:
        if size < _SYNDICATION["min_shingles"]:
            return []
        rows, keys = _SYNDICATION["rows"], []
        raw = signature.tobytes()
        width = rows * signature.itemsize
        for band in range(_SYNDICATION["bands"]):
            chunk = raw[band * width : (band + 1) * width]
            digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=4).digest()
            keys.append(int.from_bytes(digest, "little") & _KEY_MASK)
        return keys

    @staticmethod
    def is_copy(a: tuple[np.ndarray, int], b: tuple[np.ndarray, int]) -> bool:
        (sig_a, size_a), (sig_b, size_b) = a, b
        if min(size_a, size_b) < _SYNDICATION["min_shingles"]:
            return False
        similarity = float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)
        if similarity >= _SYNDICATION["jaccard"]:
            return True
        overlap = similarity * (size_a + size_b) / (1.0 + similarity)
        return bool(min(1.0, overlap / min(size_a, size_b)) >= _SYNDICATION["containment"])


def _shingle_hashes(text: str, size: int) -> np.ndarray:
    found = []
    for paragraph in text.splitlines():
        tokens = _words(paragraph)
        if not tokens:
            continue
        ids = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens))
        width = min(size, len(ids))
        count = len(ids) - width + 1
        rolled = np.zeros(count, dtype=np.uint64)
        for k in range(width):
            rolled = (rolled * _MULTIPLIER + ids[k : k + count]) & _LOW32
        found.append(rolled)
    if not found:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(found))


def _file_story(connection: sa.Connection, document_id: str, mine: tuple[np.ndarray, int], sketcher: _Sketcher) -> None:
    """File a document's fingerprint and join it to the stored stories it copies (as ingest did then)."""
    stories = sa.table(
        "stories",
        sa.column("document_id"),
        sa.column("story_id"),
        sa.column("shingles"),
        sa.column("signature", sa.LargeBinary()),
    )
    bands = sa.table("story_bands", sa.column("band_key"), sa.column("document_id"))
    keys = sorted(set(sketcher.band_keys(*mine)))
    sharing = (
        list(connection.scalars(sa.select(bands.c.document_id).where(bands.c.band_key.in_(keys)).distinct()))
        if keys
        else []
    )
    stored = (
        connection.execute(
            sa.select(stories.c.story_id, stories.c.shingles, stories.c.signature).where(
                stories.c.document_id.in_(sharing)
            )
        ).all()
        if sharing
        else []
    )
    joined = {
        row.story_id
        for row in stored
        if sketcher.is_copy(mine, (np.frombuffer(row.signature, dtype=np.uint32), row.shingles))
    }
    story_id = min([document_id, *joined])
    if joined - {story_id}:
        connection.execute(
            sa.update(stories).where(stories.c.story_id.in_(joined - {story_id})).values(story_id=story_id)
        )
    connection.execute(
        sa.insert(stories),
        [
            {
                "document_id": document_id,
                "story_id": story_id,
                "shingles": mine[1],
                "signature": mine[0].astype(np.uint32).tobytes(),
            }
        ],
    )
    if keys:
        connection.execute(sa.insert(bands), [{"band_key": key, "document_id": document_id} for key in keys])


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_table("stories")
    for table in ("actors", "places"):
        op.drop_index(op.f(f"ix_{table}_entity_key"), table_name=table)
        op.drop_column(table, "entity_key")
