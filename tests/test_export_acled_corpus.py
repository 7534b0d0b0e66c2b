"""Acceptance: `sitrep ingest` four hand-written articles, `sitrep export --format acled`, read the CSV back.

The corpus (tests/fixtures/acled_corpus, written for this test): one drone strike on the Gao cattle
market reported by two outlets (14 dead say local officials, at least 17 says a doctor), a syndicated
copy of the first report by a third outlet, and a fourth outlet's report of a march in Bamako that
ends with an aggregate toll ("more than 3,000 civilians have been killed in the conflict since 2012").
ACLED wants two rows: the strike (14 dead: the most conservative figure, not 14 + 17 + 14) and the
march (0 dead: the conflict's toll is no event's).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export import ACLED_COLUMNS

CORPUS = Path(__file__).parent / "fixtures" / "acled_corpus"


def export_csv(tmp_path: Path, files: list[Path], name: str) -> str:
    db = f"sqlite:///{tmp_path / (name + '.db')}"
    out = tmp_path / f"{name}.csv"
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", *map(str, files), "--db", db], catch_exceptions=False)
    assert ingested.exit_code == 0, ingested.output
    exported = runner.invoke(main, ["export", "--format", "acled", "--db", db, "-o", str(out)], catch_exceptions=False)
    assert exported.exit_code == 0, exported.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    tmp = tmp_path_factory.mktemp("acled")
    files = sorted(CORPUS.glob("*.txt"))
    return export_csv(tmp, files, "forward"), export_csv(tmp, list(reversed(files)), "backward")


def read_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(text.splitlines())
    return list(reader.fieldnames or []), list(reader)


def test_header_is_every_acled_column_in_acleds_order(exported: tuple[str, str]) -> None:
    header, _ = read_rows(exported[0])
    assert tuple(header) == ACLED_COLUMNS
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert header[-3:] == ["fatalities", "tags", "timestamp"] and len(header) == 31


def test_one_row_per_happening_and_fatalities_add_up(exported: tuple[str, str]) -> None:
    _, rows = read_rows(exported[0])
    assert [r["event_type"] for r in rows] == ["Explosions/Remote violence", "Protests"]
    assert sum(int(r["fatalities"]) for r in rows) == 14


def test_the_strike_row(exported: tuple[str, str]) -> None:
    strike = read_rows(exported[0])[1][0]
    notes = strike.pop("notes")
    event_id = strike.pop("event_id_cnty")
    assert event_id.startswith("MLI") and event_id[3:].isdigit()
    assert strike == {
        "event_date": "2025-04-07",
        "year": "2025",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Unidentified Armed Group (Mali)",
        "assoc_actor_1": "",
        "inter1": "3",
        "actor2": "Civilians (Mali)",
        "assoc_actor_2": "",
        "inter2": "7",
        "interaction": "37",
        "civilian_targeting": "Civilian targeting",
        "iso": "466",
        "region": "Western Africa",
        "country": "Mali",
        "admin1": "Gao",
        "admin2": "",
        "admin3": "",
        "location": "Gao",
        "latitude": "16.2717",
        "longitude": "-0.0447",
        "geo_precision": "1",
        "source": "Niger Bend Wire; Sahara Post",
        "source_scale": "",
        "fatalities": "14",
        "tags": "fatalities reported=14-17",
        "timestamp": "1744156800",
    }
    assert notes.startswith("On 2025-04-07: A drone strike hit the crowded cattle market")
    assert "14 people (local officials)" in notes and "At least 17 people" in notes
    assert "2 independent sources" in notes and "Desert Daily" not in strike["source"]


def test_the_march_row_ignores_the_aggregate_toll(exported: tuple[str, str]) -> None:
    march = read_rows(exported[0])[1][1]
    notes = march.pop("notes")
    assert march.pop("event_id_cnty").startswith("MLI")
    assert march == {
        "event_date": "2025-04-09",
        "year": "2025",
        "time_precision": "1",
        "disorder_type": "Demonstrations",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Mali)",
        "assoc_actor_1": "",
        "inter1": "6",
        "actor2": "",
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "60",
        "civilian_targeting": "",
        "iso": "466",
        "region": "Western Africa",
        "country": "Mali",
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": "Bamako",
        "latitude": "12.6091",
        "longitude": "-7.9752",
        "geo_precision": "1",
        "source": "Capital Courier",
        "source_scale": "",
        "fatalities": "0",
        "tags": "",
        "timestamp": "1744243200",
    }
    assert "marched through the centre of Bamako" in notes and "3,000" not in notes


def test_the_export_does_not_depend_on_the_order_articles_arrived_in(exported: tuple[str, str]) -> None:
    assert exported[0] == exported[1]
