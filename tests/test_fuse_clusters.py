"""Event clusters: reports of one happening merge; different happenings stay apart."""

from __future__ import annotations

from sitrep.fuse import build_picture
from test_fuse_support import Doc, strike_report


def fused(*docs: Doc) -> list[list[tuple[str, str]]]:
    """Each fused event as the sorted (document, event) refs of its members."""
    events = build_picture(d.to_dict() for d in docs).to_dict()["events"]
    return sorted(sorted((m["document"], m["event"]) for m in e["members"]) for e in events)


def test_three_outlets_one_strike_fuse() -> None:
    docs = [
        strike_report("Kyiv Post", "2024-10-05", "2024-10-04"),
        strike_report("Reuters", "2024-10-04", "2024-10-04"),
        strike_report("BBC", "2024-10-05", None),
    ]  # undated: reported the next day
    assert len(fused(*docs)) == 1


def test_nearby_town_and_same_attacker_fuse() -> None:
    a = strike_report("Kyiv Post", "2024-10-05", "2024-10-04")
    b = strike_report("Reuters", "2024-10-05", "2024-10-04", town="Chuhuiv", lat=49.83, lon=36.68)
    assert len(fused(a, b)) == 1


def test_far_apart_places_split() -> None:
    a = strike_report("Kyiv Post", "2024-10-05", "2024-10-04")
    b = strike_report("Reuters", "2024-10-05", "2024-10-04", town="Odesa", lat=46.48, lon=30.72)
    assert len(fused(a, b)) == 2


def test_different_attackers_split() -> None:
    a = strike_report("Kyiv Post", "2024-10-05", "2024-10-04")
    b = strike_report("Reuters", "2024-10-05", "2024-10-04", attacker="Belarus", attacker_code="BLR")
    assert len(fused(a, b)) == 2


def test_dates_beyond_the_window_split() -> None:
    a = strike_report("Kyiv Post", "2024-10-05", "2024-10-04")
    b = strike_report("Reuters", "2024-10-12", "2024-10-11")
    assert len(fused(a, b)) == 2


def test_daily_strikes_on_one_town_do_not_chain_into_one_event() -> None:
    docs = [strike_report(f"Outlet {d}", f"2024-10-{d:02d}", f"2024-10-{d:02d}") for d in range(1, 11)]
    clusters = fused(*docs)
    assert len(clusters) >= 4  # each fused event spans at most a couple of days
    assert all(len(c) <= 3 for c in clusters)


def test_month_granularity_meets_a_day_inside_it() -> None:
    a = strike_report("Kyiv Post", "2024-10-20", "2024-10-14")
    b = Doc(source="Analyst", published="2024-11-02")
    b.event(
        "ASSAULT",
        b.actor("Russian armed forces", "armed_forces", "RUS"),
        b.actor("Ukraine", "state", "UKR"),
        b.place("Kharkiv", "city", "UKR", 49.99, 36.23),
        b.time("2024-10-01", "2024-10-31", "month"),
    )
    assert len(fused(a, b)) == 1


def test_planned_then_occurred_fuse_but_not_across_types() -> None:
    plan = Doc(source="Herald", published="2024-10-20")
    sender, receiver = plan.actor("North Korea", "state", "PRK"), plan.actor("Russia", "state", "RUS")
    plan.event("AID", sender, receiver, None, plan.time("2024-10-20"), status="planned")
    done = Doc(source="Wire", published="2024-10-28")
    done.event(
        "AID",
        done.actor("North Korea", "state", "PRK"),
        done.actor("Russia", "state", "RUS"),
        None,
        done.time("2024-10-27"),
        status="occurred",
    )
    other = Doc(source="Wire", published="2024-10-28")
    other.event(
        "CONSULT",
        other.actor("North Korea", "state", "PRK"),
        other.actor("Russia", "state", "RUS"),
        None,
        other.time("2024-10-27"),
    )
    clusters = fused(plan, done, other)
    assert sorted(len(c) for c in clusters) == [1, 2]


def test_denial_joins_the_event_and_marks_it_contested() -> None:
    claim = strike_report("Kyiv Post", "2024-10-05", "2024-10-04")
    denial = strike_report("TASS", "2024-10-05", "2024-10-04", status="denied")
    event = build_picture([claim.to_dict(), denial.to_dict()]).to_dict()["events"][0]
    assert event["reports"] == 2 and event["status"] == "contested"


def test_symmetric_types_match_with_swapped_roles() -> None:
    a, b = Doc(source="A"), Doc(source="B")
    a.event(
        "CONSULT", a.actor("Ukraine", "state", "UKR"), a.actor("Poland", "state", "POL"), None, a.time("2024-10-20")
    )
    b.event(
        "CONSULT", b.actor("Poland", "state", "POL"), b.actor("Ukraine", "state", "UKR"), None, b.time("2024-10-20")
    )
    assert len(fused(a, b)) == 1


def test_one_article_naming_two_similar_happenings_keeps_both() -> None:
    doc = Doc(source="Wire", published="2024-10-28")
    sender, receiver = doc.actor("North Korea", "state", "PRK"), doc.actor("Russia", "state", "RUS")
    doc.event("AID", sender, receiver, None, None, text="troops were deployed to the front", span=[0, 10])
    doc.event("AID", sender, receiver, None, None, text="Pyongyang supplied shells and missiles", span=[300, 310])
    assert len(fused(doc)) == 2


def test_reports_without_actors_fuse_on_wording_and_date() -> None:
    a, b = Doc(source="A", published="2024-10-05"), Doc(source="B", published="2024-10-05")
    a.event("ASSAULT", text="drone attack on the Dori fuel depot", time=a.time("2024-10-04"))
    b.event("ASSAULT", text="the fuel depot attack in Dori killed 20", time=b.time("2024-10-04"))
    c = Doc(source="C", published="2024-10-05")
    c.event("ASSAULT", text="gunmen ambushed a supply convoy", time=c.time("2024-10-04"))
    assert sorted(len(x) for x in fused(a, b, c)) == [1, 2]


def test_fused_event_records_first_and_last_report() -> None:
    docs = [
        strike_report("Kyiv Post", "2024-10-06", "2024-10-04"),
        strike_report("Reuters", "2024-10-04", "2024-10-04"),
        strike_report("BBC", "2024-10-05", "2024-10-04"),
    ]
    event = build_picture(d.to_dict() for d in docs).to_dict()["events"][0]
    assert event["first_reported"]["outlet"] == "Reuters" and event["first_reported"]["published"] == "2024-10-04"
    assert event["last_reported"]["outlet"] == "Kyiv Post"
    assert event["independent_sources"] == 3
    assert event["date"]["start"] == "2024-10-04"


def test_a_count_both_reports_cite_is_evidence_of_one_happening() -> None:
    def ambush(source: str, published: str, dead: float, text: str) -> Doc:
        doc = Doc(source=source, published=published)
        figure = doc.figure(dead, "killed", text=f"{dead} soldiers", noun="soldiers")
        army = doc.actor("Burkina Faso armed forces", "armed_forces", "BFA")  # the target: worth 1 alone
        doc.event("ASSAULT", target=army, time=doc.time("2026-03-02"), figures=[figure], text=text)
        return doc

    same = [
        ambush("Sahel Daily", "2026-03-02", 7, "gunmen ambushed a convoy, killing seven soldiers"),
        ambush("Volta Post", "2026-03-03", 7, "seven soldiers died when the column was attacked"),
    ]
    assert len(build_picture(d.to_dict() for d in same).to_dict()["events"]) == 1
    other = [same[0], ambush("Volta Post", "2026-03-03", 3, "three soldiers died when the column was attacked")]
    assert len(build_picture(d.to_dict() for d in other).to_dict()["events"]) == 2


def test_one_sentence_telling_one_happening_twice_is_one_event() -> None:
    text = (
        "Seven soldiers were killed after fighters attacked the convoy near Djibo yesterday, the ministry said. "
        "Separately, fighters attacked a market in Kaya."
    )
    doc = Doc(text=text, source="Volta Post", published="2026-03-03")
    day = doc.time("2026-03-02")
    first = text.index("Seven soldiers were killed")
    second = text.index("fighters attacked the convoy")
    third = text.index("fighters attacked a market")
    for start, words in (
        (first, "Seven soldiers were killed"),
        (second, "fighters attacked the convoy"),
        (third, "fighters attacked a market"),
    ):
        doc.event("ASSAULT", time=day, text=words, span=[start, start + len(words)])
    events = build_picture([doc.to_dict()]).to_dict()["events"]
    assert sorted(len(e["members"]) for e in events) == [1, 2]


def test_a_threatened_attack_is_a_threat_not_the_attack() -> None:
    def report(source: str, day: str, status: str, kind: str = "ASSAULT") -> Doc:
        doc = Doc(source=source, published=day)
        group = doc.actor("Azawad Front", "armed_group")
        town = doc.place("Gao", "city", "MLI", 16.27, -0.04)
        doc.event(kind, group, None, town, doc.time(day), status=status, text="the front attacked the garrison")
        return doc

    attack = report("Sahel Daily", "2026-03-05", "occurred")
    threats = [
        report("Bamako Post", "2026-03-06", "threatened"),
        report("Niger Courier", "2026-03-06", "occurred", kind="THREATEN"),
    ]
    events = build_picture(d.to_dict() for d in [attack, *threats]).to_dict()["events"]
    assert sorted(len(e["members"]) for e in events) == [1, 2]


def test_troops_sent_are_reported_from_either_end_of_their_journey() -> None:
    def deployment(source: str, town: str, lat: float, lon: float, kind: str = "AID") -> Doc:
        doc = Doc(source=source, published="2026-03-09")
        sender, receiver = doc.actor("Niger", "state", "NER"), doc.actor("Burkina Faso", "state", "BFA")
        doc.event(
            kind,
            sender,
            receiver,
            doc.place(town, "city", "NER", lat, lon),
            doc.time("2026-03-09"),
            text="troops crossed the border",
        )
        return doc

    sent = [deployment("Niamey Post", "Niamey", 13.51, 2.11), deployment("Tera Wire", "Tera", 14.01, 0.75)]
    assert len(build_picture(d.to_dict() for d in sent).to_dict()["events"]) == 1
    raids = [
        deployment("Niamey Post", "Niamey", 13.51, 2.11, "ASSAULT"),
        deployment("Tera Wire", "Tera", 14.01, 0.75, "ASSAULT"),
    ]
    assert len(build_picture(d.to_dict() for d in raids).to_dict()["events"]) == 2


def _article_with(sentences: list[str]) -> tuple[Doc, list[list[int]]]:
    text = " ".join(sentences)
    doc = Doc(text=text, source="Wire", published="2024-10-05")
    spans, start = [], 0
    for sentence in sentences:
        spans.append([start, start + len(sentence) - 1])
        start += len(sentence) + 1
    return doc, spans


def test_a_bare_follow_up_sentence_joins_the_happening_it_follows() -> None:
    doc, spans = _article_with(
        [
            "Gunmen attacked a police post in Tera on Friday, killing four officers.",
            "Six other people were wounded, a hospital official said.",
            "Elsewhere, a convoy was ambushed near Gao on Thursday.",
            "Three drivers were kidnapped in that attack, officials said later.",
        ]
    )
    tera, gao = doc.place("Tera", "city", "NER", 14.01, 0.75), doc.place("Gao", "city", "MLI", 16.27, -0.04)
    doc.event("ASSAULT", place=tera, time=doc.time("2024-10-04"), text="Gunmen attacked a police post", span=spans[0])
    doc.event("ASSAULT", text="Six other people were wounded", span=spans[1])
    doc.event("ASSAULT", place=gao, time=doc.time("2024-10-03"), text="a convoy was ambushed", span=spans[2])
    doc.event("COERCE", text="Three drivers were kidnapped", span=spans[3])
    groups = fused(doc)
    assert sorted(sorted(e for _, e in g) for g in groups) == [["E1", "E2"], ["E3", "E4"]]


def test_a_bare_report_far_from_any_happening_stays_apart() -> None:
    doc, spans = _article_with(
        [
            "Gunmen attacked a police post in Tera on Friday.",
            "The interior minister visited the town on Saturday.",
            "Schools stayed closed.",
            "Six people had been wounded, residents said.",
        ]
    )
    tera = doc.place("Tera", "city", "NER", 14.01, 0.75)
    doc.event("ASSAULT", place=tera, time=doc.time("2024-10-04"), text="Gunmen attacked a police post", span=spans[0])
    doc.event("ASSAULT", text="Six people had been wounded", span=spans[3])
    assert len(fused(doc)) == 2
