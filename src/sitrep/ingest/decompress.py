"""Content-Encoding decoding that cannot be inflated past a byte limit.

httpx decodes a whole network chunk at once, so a 1,830-byte ``Content-Encoding: gzip,
gzip`` response can grow to gigabytes before any size check sees it. Here the raw body is
decoded by sitrep itself, each stage in steps of at most ``STEP`` output bytes, and the
limit is checked after every step: memory stays within a few times ``limit`` whatever the
compression ratio or the number of stacked encodings.

Supported: ``gzip`` (``x-gzip``), ``deflate`` (zlib-wrapped or raw, as servers send both)
and ``identity``; anything else is refused, since sitrep only asks for these.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from sitrep.errors import FetchError

ACCEPT_ENCODING = "gzip, deflate"
STEP = 1 << 16
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class TooLarge(FetchError):
    """The decoded body passed the limit."""


class _Stage:
    """One decoding stage, inflating at most ``limit + 1`` bytes in all."""

    def __init__(self, name: str, limit: int) -> None:
        self.name = name
        self._limit = limit
        self._produced = 0
        self._inflater = zlib.decompressobj(_WBITS[name])
        self._raw_fallback = name == "deflate"  # some servers send raw deflate without the zlib header

    def feed(self, data: bytes) -> bytes:
        try:
            return self._inflate(data)
        except zlib.error:
            if not self._raw_fallback or self._produced:
                raise
            self._raw_fallback = False
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate(data)

    def finish(self) -> bytes:
        return self._inflate(b"") + self._count(self._inflater.flush())

    def drain(self, data: bytes) -> bytes:
        """``data`` fed in, then the end of the stream."""
        return self.feed(data) + self.finish()

    def _inflate(self, data: bytes) -> bytes:
        out = bytearray()
        while True:
            chunk = self._inflater.decompress(data, STEP)
            out += self._count(chunk)
            data = self._inflater.unconsumed_tail
            if not data and len(chunk) < STEP:
                return bytes(out)

    def _count(self, chunk: bytes) -> bytes:
        self._produced += len(chunk)
        if self._produced > self._limit:
            raise TooLarge(f"response too large (more than {self._limit:,} bytes once decompressed)")
        self._raw_fallback = self._raw_fallback and not self._produced
        return chunk


class BoundedDecoder:
    """Decode a body sent with ``Content-Encoding: encodings`` without passing ``limit``."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        names = [name.strip().lower() for name in content_encoding.split(",") if name.strip()]
        names = [name for name in names if name != "identity"]
        unknown = [name for name in names if name not in _WBITS]
        if unknown:
            raise FetchError(f"unsupported content encoding {unknown[0]!r} (only gzip and deflate)")
        self._stages = [_Stage(name, limit) for name in reversed(names)]  # the last one applied comes off first

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes that ``data`` (the next raw chunk) yields."""
        for stage in self._stages:
            data = _decoding(stage, stage.feed, data)
        return data

    def finish(self) -> bytes:
        """Whatever the stages still hold at the end of the body."""
        data = b""
        for stage in self._stages:
            data = _decoding(stage, stage.drain, data)
        return data


def _decoding(stage: _Stage, step: Callable[[bytes], bytes], data: bytes) -> bytes:
    """Run one decoding step of ``stage`` on ``data``, a corrupt stream becoming a ``FetchError``."""
    try:
        return step(data)
    except zlib.error as exc:
        raise FetchError(f"cannot decode the response ({stage.name}: {exc})") from exc
