"""GraphML of the actor network: actors as nodes, fused events between two actors as edges.

A node is an actor entity of the picture (its key as id, name, type, country, documents);
an edge runs from an event's source to its target, one per fused event, with the PLOVER
type, status, date, summary and source counts as attributes. Gephi, yEd, Cytoscape and
networkx read it. Written with the standard library's XML writer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any
from xml.etree import ElementTree as ET

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("name", "string"), ("type", "string"), ("country", "string"), ("documents", "int"))
EDGE_KEYS = (
    ("event", "string"),
    ("event_type", "string"),
    ("status", "string"),
    ("date", "string"),
    ("summary", "string"),
    ("reports", "int"),
    ("independent_sources", "int"),
)


def _declare_keys(root: ET.Element) -> None:
    for target, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(
                root, "key", {"id": f"{target[0]}_{name}", "for": target, "attr.name": name, "attr.type": kind}
            )


def _add_data(parent: ET.Element, target: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value is None:
            continue
        ET.SubElement(parent, "data", {"key": f"{target[0]}_{name}"}).text = str(value)


def network_edges(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The fused events that link a source actor to a different target actor."""
    edges = []
    for event in events:
        source, target = event.get("source") or {}, event.get("target") or {}
        if source.get("key") and target.get("key") and source["key"] != target["key"]:
            edges.append(event)
    return edges


def actor_graph(entities: list[dict[str, Any]], events: list[dict[str, Any]]) -> ET.ElementTree:
    """The GraphML tree of the picture's actors (``entities`` of kind actor) and linking ``events``."""
    root = ET.Element("graphml", {"xmlns": NAMESPACE})
    _declare_keys(root)
    graph = ET.SubElement(root, "graph", {"id": "actors", "edgedefault": "directed"})
    actors = {e["key"]: e for e in entities if e.get("kind") == "actor"}
    edges = network_edges(events)
    for edge in edges:  # a party missing from the entity list still gets a node
        for side in ("source", "target"):
            ref = edge[side]
            actors.setdefault(ref["key"], {"key": ref["key"], "name": ref.get("name")})
    for key in sorted(actors):
        actor = actors[key]
        node = ET.SubElement(graph, "node", {"id": key})
        _add_data(node, "node", {name: actor.get(name) for name, _ in NODE_KEYS})
    for edge in edges:
        element = ET.SubElement(
            graph, "edge", {"id": edge["id"], "source": edge["source"]["key"], "target": edge["target"]["key"]}
        )
        date = edge.get("date") or {}
        _add_data(
            element,
            "edge",
            {
                "event": edge["id"],
                "event_type": edge.get("type"),
                "status": edge.get("status"),
                "date": date.get("start"),
                "summary": edge.get("summary"),
                "reports": edge.get("reports"),
                "independent_sources": edge.get("independent_sources"),
            },
        )
    ET.indent(root)
    return ET.ElementTree(root)


def write_graphml(entities: list[dict[str, Any]], events: list[dict[str, Any]], out: IO[str]) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    actor_graph(entities, events).write(out, encoding="unicode")
    out.write("\n")
