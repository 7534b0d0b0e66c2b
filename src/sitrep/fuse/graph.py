"""Order-free grouping: union-find over a symmetric relation, and a canonical complete-linkage split.

Connected components of a relation do not depend on the order its pairs were found in,
and ``complete_linkage`` only sees a component's members in a canonical sort, so
everything built on these two is independent of the order documents arrive in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from sitrep.keys import UnionFind as UnionFind

T = TypeVar("T", bound=Hashable)
R = TypeVar("R")


class IncrementalClusters(Generic[T]):
    """Components of a relation, each split lazily (and again only when it changed) by ``split``."""

    def __init__(self, split: Callable[[list[T]], list[list[T]]]) -> None:
        self._split_fn = split
        self.components: UnionFind[T] = UnionFind()
        self._dirty: set[T] = set()
        self._splits: dict[T, list[list[T]]] = {}  # root of a changed multi-member component -> its clusters

    def add(self, item: T) -> None:
        self.components.add(item)

    def link(self, a: T, b: T) -> None:
        self.components.union(a, b)
        self._dirty.add(a)

    def connected(self) -> Iterator[list[T]]:
        """The connected components (before splitting)."""
        return self.components.components()

    def clusters(self) -> Iterator[list[T]]:
        self._refresh()
        for members in self.components.components():
            if len(members) == 1:
                yield members
            else:
                yield from self._splits[self.components.find(members[0])]

    def _refresh(self) -> None:
        if not self._dirty:
            return
        roots = {self.components.find(item) for item in self._dirty}
        for root in [r for r in self._splits if r in roots or self.components.find(r) != r]:
            del self._splits[root]
        for root in roots:
            self._splits[root] = self._split_fn(self.components.members(root))
        self._dirty.clear()


def complete_linkage(
    items: Iterable[R],
    order: Callable[[R], tuple[Any, ...]],
    compatible: Callable[[R, R], bool],
    closed: Callable[[list[R], R], bool] | None = None,
) -> list[list[R]]:
    """Split ``items`` into groups whose members are all pairwise compatible.

    Items are visited in ``order`` (a total order, so the result depends only on the
    set); each joins the first open group it is compatible with in full, or starts one.
    ``closed(group, item)`` may say that neither ``item`` nor any item after it can join
    ``group`` any more (e.g. the group lies too far back in time); dropping such groups
    keeps long sorted runs near-linear.
    """
    groups: list[list[R]] = []
    open_groups: list[list[R]] = []
    for item in sorted(items, key=order):
        if closed is not None:
            open_groups = [g for g in open_groups if not closed(g, item)]
        home = next((g for g in open_groups if all(compatible(m, item) for m in g)), None)
        if home is None:
            home = []
            groups.append(home)
            open_groups.append(home)
        home.append(item)
    return groups


def constrained_linkage(
    items: Iterable[R],
    order: Callable[[R], tuple[Any, ...]],
    relation: Callable[[R, R], str],
    apart: Callable[[list[R], R], bool] | None = None,
) -> list[list[R]]:
    """Split ``items`` into groups where no two members conflict and each is linked to another.

    ``relation(a, b)`` is "link", "weak" or "conflict". Items are visited in ``order`` (a
    total order, so the result depends only on the set); each joins the first group where
    it conflicts with no member and links to at least one, or starts a group. A report
    with little evidence of its own (no actor, no place) can so join reports it shares
    evidence with, while two reports that cannot be one happening never meet.
    ``apart(group, item)``, if given, is a cheap test that ``item`` conflicts with some
    member, tried before the pairwise relations.
    """
    groups: list[list[R]] = []
    for item in sorted(items, key=order):
        home = next((g for g in groups if not (apart and apart(g, item)) and _joins(g, item, relation)), None)
        if home is None:
            home = []
            groups.append(home)
        home.append(item)
    return groups


def _joins(group: list[R], item: R, relation: Callable[[R, R], str]) -> bool:
    linked = False
    for member in group:
        found = relation(member, item)
        if found == "conflict":
            return False
        linked = linked or found == "link"
    return linked
