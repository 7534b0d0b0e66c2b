"""Exports for other tools (sitrep.export: jsonl, csv, parquet, geojson, graphml) and ``sitrep export``.

The store holds hand-made sitrep/1 extractions (tests/store_samples.py); each format is
read back and checked: the JSON lines and CSV rows match the store, GeoJSON is
structurally valid RFC 7946, GraphML loads in networkx, Parquet reads back the same rows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export.tables import COLUMNS, TABLES, build_tables
from sitrep.store import Store
from web_support import STORED, make_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    return make_store(tmp_path)


@pytest.fixture
def extractions(db: str) -> list[dict[str, Any]]:
    with Store.open(db) as store:
        return list(store.iter_extractions())


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_jsonl_is_one_stored_extraction_per_line(db: str, tmp_path: Path, extractions: list[dict]) -> None:
    out = tmp_path / "all.jsonl"
    assert run("export", "--db", db, "--format", "jsonl", "-o", str(out)).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == extractions and len(lines) == STORED


def test_tables_have_a_row_per_item_and_their_columns(extractions: list[dict]) -> None:
    tables = build_tables(extractions)
    assert set(tables) == set(TABLES)
    assert len(tables["documents"]) == STORED
    for name in TABLES[1:]:
        assert len(tables[name]) == sum(len(e.get(name) or []) for e in extractions)
        for row in tables[name]:
            assert tuple(row) == COLUMNS[name]


def test_csv_tables_read_back(db: str, tmp_path: Path, extractions: list[dict]) -> None:
    folder = tmp_path / "tables"
    assert run("export", "--db", db, "--format", "csv", "-o", str(folder)).exit_code == 0
    expected = build_tables(extractions)
    for name in TABLES:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == len(expected[name])
        assert [r["document"] for r in rows] == [str(r["document"]) for r in expected[name]]


def test_parquet_reads_back_the_same_rows(db: str, tmp_path: Path, extractions: list[dict]) -> None:
    parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    folder = tmp_path / "parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", str(folder)).exit_code == 0
    expected = build_tables(extractions)
    for name in TABLES:
        rows = parquet.read_table(folder / f"{name}.parquet").to_pylist()
        assert len(rows) == len(expected[name])
        for got, want in zip(rows, expected[name], strict=True):
            for column in COLUMNS[name]:
                value = want[column]
                assert got[column] == (value if value is None or isinstance(value, int | float) else str(value))


def check_feature(feature: dict[str, Any]) -> None:
    assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
    geometry = feature["geometry"]
    assert geometry["type"] == "Point"
    lon, lat = geometry["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_is_a_valid_feature_collection(db: str, tmp_path: Path, extractions: list[dict]) -> None:
    out = tmp_path / "map.geojson"
    assert run("export", "--db", db, "--format", "geojson", "-o", str(out)).exit_code == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        check_feature(feature)
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    located = {(p["name"], p["country"]) for e in extractions for p in e["places"] if p.get("lat") is not None}
    places = {
        (f["properties"]["name"], f["properties"]["country"])
        for f in collection["features"]
        if f["properties"]["kind"] == "place"
    }
    assert places == located and kinds <= {"place", "event"}


def test_graphml_loads_in_networkx(db: str, tmp_path: Path) -> None:
    networkx = pytest.importorskip("networkx", reason="networkx is not installed")
    out = tmp_path / "actors.graphml"
    assert run("export", "--db", db, "--format", "graphml", "-o", str(out)).exit_code == 0
    graph = networkx.read_graphml(out)
    assert graph.is_directed() and graph.number_of_nodes() > 0
    for _, _, data in graph.edges(data=True):
        assert data["event_type"] and data["event"].startswith("ev_")
    for _, data in graph.nodes(data=True):
        assert "name" in data


def test_graphml_edges_link_two_different_actors() -> None:
    from sitrep.export.graphml import actor_graph

    a, b = {"key": "actor:a", "name": "A"}, {"key": "actor:b", "name": "B"}
    events = [
        {"id": "ev_1", "type": "ASSAULT", "status": "occurred", "source": a, "target": b, "reports": 2},
        {"id": "ev_2", "type": "PROTEST", "source": a, "target": None},
        {"id": "ev_3", "type": "COERCE", "source": a, "target": a},
    ]
    root = actor_graph([{"kind": "actor", **a, "type": "armed_group"}], events).getroot()
    edges = [e for e in root.iter() if e.tag.endswith("edge")]
    nodes = [n.get("id") for n in root.iter() if n.tag.endswith("node")]
    assert [e.get("id") for e in edges] == ["ev_1"] and nodes == ["actor:a", "actor:b"]


def test_an_unwritable_output_is_one_clear_line(db: str, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "out.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", db, "-o", str(missing)])
    assert result.exit_code == 1 and "does not exist" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["export", "--db", db, "-o", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(blocker)])
    assert result.exit_code == 1 and "not a folder" in result.output


def test_table_formats_need_a_folder(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv"])
    assert result.exit_code == 2 and "give a folder" in result.output


@pytest.mark.parametrize(
    "command", [["export"], ["status"], ["picture"], ["entities"], ["stories"], ["report", "-o", "r.html"]]
)
def test_a_mistyped_db_is_an_error_not_a_new_database(command: list[str], tmp_path: Path) -> None:
    typo = tmp_path / "sitrpe.db"
    result = CliRunner().invoke(main, [*command, "--db", f"sqlite:///{typo}"])
    assert result.exit_code == 1 and "no database at" in result.output
    assert not typo.exists()


def test_geojson_events_name_their_first_level_division() -> None:
    from sitrep.export.geojson import event_features

    place = {"name": "Dori", "feature": "city", "country": "BFA", "lat": 14.03, "lon": -0.03}
    region = {"code": "BF.12", "name": "Sahel"}
    [feature] = event_features([{"id": "e1", "type": "ASSAULT", "place": {**place, "admin1": region}}])
    check_feature(feature)
    assert feature["properties"]["admin1"] == "Sahel" and feature["properties"]["admin1_code"] == "BF.12"
    [bare] = event_features([{"id": "e2", "type": "ASSAULT", "place": place}])
    assert bare["properties"]["admin1"] is None
