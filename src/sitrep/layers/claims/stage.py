"""The claims layer: who says what, through whom, and how surely.

``find_claims(parse)`` finds every attribution (pure; see attribution.py for the cue
frames and quotes.py for quotations) and settles how they relate: a first-person cue
inside a quotation belongs to the quotation, a claim reported inside another is nested
in it, a quotation or a sentence that continues someone's speech inherits its speaker,
a headline that restates the lead is the lead's claim. ``run(analysis)`` then resolves
speakers and intermediaries to actors, reads stance and factuality, finds when each
claim was made, and writes the claims into the extraction.
"""

from __future__ import annotations

import re

from sitrep.analysis import Analysis, contains, overlaps
from sitrep.layers.claims.attitudes import find_attitudes
from sitrep.layers.claims.attribution import find_verbal
from sitrep.layers.claims.cues import ClaimWords, Cue, CueLexicon, load_claim_words, load_cues
from sitrep.layers.claims.fallback import find_misparsed
from sitrep.layers.claims.parts import Found, child, cue_span_of, is_verb, mention_span, subject_of, trimmed
from sitrep.layers.claims.pull_quotes import find_pull_quotes, sign_unmarked
from sitrep.layers.claims.quote_speakers import attribute_quotes, is_speech
from sitrep.layers.claims.quotes import Quote, find_quotes, has_quoted_words, quote_at
from sitrep.layers.claims.sourcing import find_labelled, find_nominal, find_phrasal
from sitrep.layers.claims.speakers import SpeakerResolver, classify
from sitrep.layers.claims.stance import Clause, factuality_of, main_clause, stance_of
from sitrep.model import Claim, Span
from sitrep.nlp import Parse, Sentence

__all__ = ["find_claims", "run", "write_claims"]

PRIORITY = {  # which frame wins when two find the same content
    "colon": 0,
    "that": 0,
    "label": 1,
    "quote": 1,
    "np": 2,
    "obj_to": 2,
    "to": 2,
    "obj_as": 2,
    "prep": 2,
    "passive": 2,
    "attitude": 2,
    "parenthetical": 3,
    "noun": 4,
    "phrase": 5,
    "adverb": 6,
    "continuation": 7,
}
SAME_CONTENT = 0.8
UNSAID_STANCES = frozenset({"report", "assert", "allege", "confirm"})  # a negated cue of these says nothing
NESTED_STANCES = frozenset({"report", "confirm", "deny", "allege", "warn"})
RESTATEMENT_F1 = 0.5
LEAD_SENTENCES = 4
STOP_WORDS = frozenset({"the", "a", "an", "of", "s", "that", "to", "in", "on", "and"})


def run(analysis: Analysis) -> None:
    """Find the document's claims and write them into ``analysis.extraction``."""
    write_claims(analysis, find_claims(analysis.parse))


# ---------------------------------------------------------------- finding


def find_claims(parse: Parse, lexicon: CueLexicon | None = None, words: ClaimWords | None = None) -> list[Found]:
    """Every claim of a parsed text, in text order, with nesting and continuation settled."""
    lexicon = lexicon or load_cues()
    words = words or load_claim_words()
    quotes = find_quotes(parse.text)
    found = find_verbal(parse, lexicon, words) + find_attitudes(parse, lexicon, words)
    found += find_nominal(parse, lexicon) + find_labelled(parse, words)
    found += find_misparsed(parse, lexicon, found)
    found = _merge_elaborations(parse, found)
    found += attribute_quotes(parse, quotes, found, lexicon)
    found += find_pull_quotes(parse, quotes, found)
    found = _continue_quotations(parse, quotes, found)
    found = _apply_source_phrases(parse, found, find_phrasal(parse, lexicon))
    found = _colon_blocks(parse, found, lexicon)
    found = _settle_nesting(parse, found, words)
    found = _sorted(_drop_duplicates(_drop_unsaid(parse, found, words)))
    found = _continue_speech(parse, found, words)
    found = _drop_headline_restatements(parse, found)
    found = _sorted(found + sign_unmarked(parse, found, words))
    for claim in found:
        if claim.kind == "indirect" and has_quoted_words(parse.text[claim.content[0] : claim.content[1]]):
            claim.kind = "mixed"
    return found


def _drop_unsaid(parse: Parse, found: list[Found], words: ClaimWords) -> list[Found]:
    """ "Hezbollah did not claim the rocket fire", "No group has claimed the bombing": a negated claim of
    responsibility or a negative speaker says nothing, so there is no claim (and no speaker for the happening)."""
    return [f for f in found if not _negated_cue(parse, f, words)]


def _negated_cue(parse: Parse, claim: Found, words: ClaimWords) -> bool:
    if claim.cue_token is None or parse.tokens[claim.cue_token].pos not in ("VERB", "AUX"):
        return False
    cue = parse.tokens[claim.cue_token]
    if (
        cue.lemma.lower() in words["responsibility_cues"]
        and claim.frame not in ("that", "quote")
        and _cue_negated(parse, claim)
    ):
        return True  # "did not claim the attack" (a negated "said" is still reported speech: "did not say that")
    speaker = parse.tokens[claim.speaker_token] if claim.speaker_token is not None else None
    if speaker is None:
        return False
    return speaker.lower in words["negative_speakers"] or any(
        k.dep == "det" and k.lower in words["negative_speakers"] for k in parse.children(speaker.i)
    )


def _cue_negated(parse: Parse, claim: Found) -> bool:
    """ "did not say", "never claimed": the cue verb carries a negation."""
    if claim.cue_token is None:
        return False
    return any(k.dep == "neg" for k in parse.children(claim.cue_token))


def _factuality(parse: Parse, item: Found, act: Cue | None, clause: Clause, stance: str, words: ClaimWords) -> str:
    """The content's factuality; "did not say that X", "never claimed that X" leave X unknown."""
    if item.cue is not None and item.cue.stance in UNSAID_STANCES and _cue_negated(parse, item):
        return "unknown"
    return factuality_of(act, clause, stance, words)


def _sorted(found: list[Found]) -> list[Found]:
    return sorted(found, key=lambda f: (f.content[0], f.content[1]))


def _merge_elaborations(parse: Parse, found: list[Found]) -> list[Found]:
    """ "confirmed X, calling it a 'serious escalation'": the participle extends the claim it follows."""
    by_cue = {f.cue_token: f for f in found if f.cue_token is not None}
    kept = []
    for claim in found:
        host = by_cue.get(claim.elaborates) if claim.elaborates is not None else None
        if host is None:
            kept.append(claim)
            continue
        if has_quoted_words(parse.text[claim.content[0] : claim.content[1]]) and host.kind == "indirect":
            host.kind = "mixed"
    return kept


def _apply_source_phrases(parse: Parse, found: list[Found], phrases: list[Found]) -> list[Found]:
    """ "according to X": X is the source of a clause without a cue, an intermediary for one with a cue."""
    kept = list(found)
    for phrase in phrases:
        inner = [f for f in found if f.cue_span and contains(phrase.content, f.cue_span)]
        if phrase.cue is not None and phrase.cue.allows("via"):
            if phrase.speaker is not None:
                for claim in inner:
                    claim.via.append(phrase.speaker)
                    if phrase.cue_span is not None:
                        claim.content = _without_trailing(parse, claim.content, phrase.cue_span[0])
            continue
        if inner:
            for claim in inner:
                if phrase.speaker is not None and claim.speaker is not None:
                    claim.via.append(phrase.speaker)
                elif phrase.speaker is not None:
                    claim.speaker, claim.speaker_token = phrase.speaker, phrase.speaker_token
            continue
        cue_span = phrase.cue_span or phrase.content
        if any(f.content != phrase.content and contains(f.content, cue_span) for f in found):
            continue  # the speaker's own sourcing inside a claim
        kept.append(phrase)
    return kept


def _colon_blocks(parse: Parse, found: list[Found], lexicon: CueLexicon) -> list[Found]:
    """ "The ministry denied the reports:" followed by an unquoted paragraph: that paragraph is the claim."""
    result = list(found)
    text = parse.text
    for sentence in parse.sentences[:-1]:
        if not text[sentence.start : sentence.end].rstrip().endswith(":"):
            continue
        following = text[sentence.end : sentence.end + 4].lstrip()
        if not following or following[0] in "\"“'‘«":
            continue
        block = _block_after(parse, sentence, result)
        if block is None:
            continue
        cues = [(t, lexicon.verb_cue(parse, t)) for t in parse.sentence_tokens(sentence) if is_verb(t)]
        cues = [(verb, cue) for verb, cue in cues if cue is not None]
        if not cues:
            continue
        verb, cue = cues[-1]
        claim = next((f for f in result if f.cue_token == verb.i), None)
        if claim is None:
            claim = Found(content=block, cue=cue, cue_token=verb.i, cue_span=cue_span_of(parse, verb, cue))
            subject = subject_of(parse, verb.i)
            if subject is not None:
                claim.speaker, claim.speaker_token = mention_span(parse, subject.i), subject.i
            result.append(claim)
        claim.content, claim.kind, claim.frame = block, "direct", "colon"
    return result


def _block_after(parse: Parse, sentence: Sentence, found: list[Found]) -> Span | None:
    """The sentences of the paragraph after ``sentence`` up to the next one with its own cue."""
    text = parse.text
    chosen: list[Sentence] = []
    for later in parse.sentences[sentence.index + 1 :]:
        if chosen and "\n" in text[chosen[-1].end - 1 : later.start]:
            break
        if chosen and any(f.cue_span and later.start <= f.cue_span[0] < later.end for f in found):
            break
        chosen.append(later)
    if not chosen:
        return None
    return trimmed(parse, chosen[0].first, chosen[-1].last)


def _without_trailing(parse: Parse, content: Span, phrase_start: int) -> Span:
    """A content cut before a source phrase that ends it ("the dam held, as reported by X")."""
    if not content[0] < phrase_start < content[1]:
        return content
    first = parse.token_at(content[0])
    cut = parse.token_at(phrase_start)
    if first is None or cut is None:
        return content
    return trimmed(parse, first.i, cut.i) or content


def _settle_nesting(parse: Parse, found: list[Found], words: ClaimWords) -> list[Found]:
    """Decide for each claim whose cue lies inside another claim's content what it is to that claim."""
    kept = []
    for claim in found:
        if claim.cue_span is None:
            kept.append(claim)
            continue
        host = _host_of(claim, found)
        if host is None or claim.frame == "label":  # a transcript's "NAME:" inside a quotation still names its turn
            kept.append(claim)
            continue
        if _is_sibling(parse, claim, host):
            host.content = _cut_before(parse, host.content, claim)
            claim.source = host
            if host.speaker is not None:
                claim.speaker, claim.speaker_token = host.speaker, host.speaker_token
            kept.append(claim)
            continue
        inside_quote = host.quote is not None and host.quote.start <= claim.cue_span[0] < host.quote.end
        if inside_quote and _speaks_for_quote(parse, claim, words):
            if claim.cue is not None and host.quote is not None and _opens_quote(parse, claim, host.quote):
                host.hints.append(claim.cue)
                host.hint_spans.append(claim.cue_span)
            continue
        if claim.frame in ("phrase", "adverb"):
            continue
        if _worth_nesting(parse, claim, words):
            claim.parent = host
            kept.append(claim)
    return kept


def _host_of(claim: Found, found: list[Found]) -> Found | None:
    cue_span = claim.cue_span or claim.content
    hosts = [f for f in found if f is not claim and contains(f.content, cue_span) and f.content != claim.content]
    return min(hosts, key=lambda f: f.content[1] - f.content[0], default=None)


def _is_sibling(parse: Parse, claim: Found, host: Found) -> bool:
    """A cue parsed inside the claim before it but reporting beside it.

    "He said X, adding that Y" and "They claimed X and claim Y" are two claims of one speaker.
    """
    if claim.cue_token is None or host.quote is not None:
        return False
    verb = parse.tokens[claim.cue_token]
    participle = verb.tag == "VBG" and verb.dep in ("advcl", "conj", "xcomp")
    host_verb = parse.tokens[host.cue_token] if host.cue_token is not None else None
    coordinated = (
        verb.dep == "conj"
        and host_verb is not None
        and child(parse, verb.i, "nsubj", "nsubjpass") is None
        and (
            verb.tag == host_verb.tag
            or (claim.cue is not None and host.cue is not None and claim.cue.words[0] == host.cue.words[0])
        )
    )
    if not (participle or coordinated):
        return False
    start = parse.subtree(verb.i)[0]
    return host.content[0] < parse.tokens[start].start and claim.content[1] >= host.content[1] - 2


def _cut_before(parse: Parse, span: Span, claim: Found) -> Span:
    if claim.cue_token is None:
        return span
    start = parse.subtree(claim.cue_token)[0]
    first = parse.token_at(span[0])
    cut = trimmed(parse, first.i, start) if first is not None else None
    return cut or span


def _speaks_for_quote(parse: Parse, claim: Found, words: ClaimWords) -> bool:
    """A cue inside a quotation voiced by the quoted speaker ("Today, I can confirm that ...")."""
    if claim.speaker_token is None:
        return True
    subject = parse.tokens[claim.speaker_token]
    return words.has("first_person", subject.lower) or subject.lower == "you"


def _opens_quote(parse: Parse, claim: Found, quote: Quote) -> bool:
    sentence = parse.sentence_of(quote.inner[0])
    return sentence is not None and claim.cue_span is not None and claim.cue_span[0] < sentence.end


def _worth_nesting(parse: Parse, claim: Found, words: ClaimWords) -> bool:
    """A claim reported inside another one is kept when a named source makes a statement."""
    if claim.frame not in ("that", "quote") or claim.speaker_token is None or claim.speaker is None:
        return False
    subject = parse.tokens[claim.speaker_token]
    mention = classify(parse, claim.speaker, subject, words)
    return mention.kind in ("named", "anonymous") and claim.cue is not None and claim.cue.stance in NESTED_STANCES


def _drop_duplicates(found: list[Found]) -> list[Found]:
    """Keep one claim per content: the one whose frame is most telling."""
    ordered = sorted(found, key=lambda f: PRIORITY.get(f.frame, 9))
    kept: list[Found] = []
    for claim in ordered:
        if any(_same_content(claim.content, other.content) for other in kept):
            continue
        kept.append(claim)
    return kept


def _same_content(a: Span, b: Span) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return False
    return inter >= SAME_CONTENT * (a[1] - a[0]) and inter >= SAME_CONTENT * (b[1] - b[0])


def _continue_quotations(parse: Parse, quotes: list[Quote], found: list[Found]) -> list[Found]:
    """A quotation right after a quoted claim, with no cue of its own, continues that speaker."""
    outer = [f for f in found if not _cue_inside_quote(f, quotes)]
    result = list(found)
    for quote in quotes:
        if any(overlaps(f.content, quote.inner) for f in outer) or not is_speech(parse, quote):
            continue
        previous = [f for f in outer if _end_of(f) <= quote.start]
        if not previous:
            continue
        last = max(previous, key=_end_of)
        if last.kind not in ("direct", "mixed") or not _follows(parse, last, quote.start):
            continue
        claim = Found(content=quote.inner, kind="direct", frame="continuation", source=last, quote=quote)
        if last.cue_span is not None and last.content[1] <= last.cue_span[0] and _end_of(last) <= quote.start:
            # "A," he said. "B." is one quotation interrupted by its attribution: same speaker and cue
            claim.speaker, claim.speaker_token, claim.cue, claim.cue_span = (
                last.speaker,
                last.speaker_token,
                last.cue,
                last.cue_span,
            )
        result.append(claim)
        outer.append(claim)
    return result


def _cue_inside_quote(claim: Found, quotes: list[Quote]) -> bool:
    if claim.cue_span is None:
        return False
    return quote_at(quotes, claim.cue_span[0]) is not None


def _end_of(claim: Found) -> int:
    ends = [claim.content[1]]
    ends += [span[1] for span in (claim.cue_span, claim.speaker) if span is not None]
    return max(ends)


def _follows(parse: Parse, claim: Found, start: int) -> bool:
    """Nothing but white space lies between the claim's sentence and ``start``."""
    sentence = parse.sentence_of(_end_of(claim) - 1)
    if sentence is None:
        return False
    between = parse.text[sentence.end : start]
    return between.strip() == "" and between.count("\n") <= 2


def _continue_speech(parse: Parse, found: list[Found], words: ClaimWords) -> list[Found]:
    """ "Rutte reminded that X. In exchange, Y.": a sentence opened by a continuing connective."""
    result = list(found)
    openers = sorted(words["continuation"], key=len, reverse=True)
    for sentence in parse.sentences[1:]:
        span = (sentence.start, sentence.end)
        if any(overlaps(f.content, span) or (f.cue_span and overlaps(f.cue_span, span)) for f in result):
            continue
        previous = parse.sentences[sentence.index - 1]
        if "\n" in parse.text[previous.start : sentence.start]:
            continue
        last = next((f for f in result if previous.start <= f.content[1] <= previous.end + 1), None)
        if last is None or last.kind == "direct" or last.frame not in ("that", "continuation"):
            continue
        opener = _opener(parse.text[sentence.start : sentence.end], openers)
        if opener is None:
            continue
        rest = parse.tokens_in(sentence.start + opener, sentence.end)
        if not rest:
            continue
        content = trimmed(parse, rest[0].i, sentence.last)
        if content is not None:
            result.append(Found(content=content, frame="continuation", source=last))
            result = _sorted(result)
    return result


def _opener(sentence: str, openers: list[str]) -> int | None:
    lowered = sentence.lower()
    for opener in openers:
        if lowered.startswith(opener + ","):
            return len(opener) + 1
    return None


def _drop_headline_restatements(parse: Parse, found: list[Found]) -> list[Found]:
    """A headline claim that the lead restates (same cue, same content) is the lead's claim."""
    line_end = parse.text.find("\n")
    if line_end < 0 or not parse.sentences:
        return found
    after = parse.sentence_of(line_end + 1) or parse.sentences[-1]
    lead_end = parse.sentences[min(len(parse.sentences) - 1, after.index + LEAD_SENTENCES)].end
    kept = []
    for claim in found:
        if claim.cue_span is None or claim.cue_span[1] > line_end:
            kept.append(claim)
            continue
        restated = claim.cue is not None and any(
            other is not claim
            and other.cue is claim.cue
            and line_end < other.content[0] < lead_end
            and _token_f1(parse.text[slice(*claim.content)], parse.text[slice(*other.content)]) >= RESTATEMENT_F1
            for other in found
        )
        if not restated:
            kept.append(claim)
    return kept


def _token_f1(a: str, b: str) -> float:
    ta = [w for w in re.findall(r"\w+", a.lower()) if w not in STOP_WORDS]
    tb = [w for w in re.findall(r"\w+", b.lower()) if w not in STOP_WORDS]
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


# ---------------------------------------------------------------- writing


def write_claims(analysis: Analysis, found: list[Found]) -> None:
    """Resolve speakers and intermediaries, read stance, factuality and time, append the claims."""
    parse, text, extraction = analysis.parse, analysis.text, analysis.extraction
    words = load_claim_words()
    resolver = SpeakerResolver(analysis, words)
    actor_of: dict[int, str | None] = {}
    for item in found:
        speaker = _speaker_of(analysis, resolver, item, actor_of)
        actor_of[id(item)] = speaker
        clause = main_clause(parse, *item.content)
        act = item.cue or (item.source.cue if item.source is not None else None)  # a continuation goes on
        stance = stance_of(act, clause, item.kind, words, item.hints)  # in the manner of its source
        shown = item.speaker
        claim = Claim(
            id=extraction.next_id("claims"),
            content=text[item.content[0] : item.content[1]],
            content_span=item.content,
            speaker=speaker,
            speaker_text=text[shown[0] : shown[1]] if shown else None,
            speaker_span=shown,
            cue=text[item.cue_span[0] : item.cue_span[1]] if item.cue_span else None,
            cue_span=item.cue_span,
            kind=item.kind,
            via=_via_of(analysis, item, speaker, actor_of, words),
            stance=stance,
            factuality=_factuality(parse, item, act, clause, stance, words),
            time=_time_of(analysis, item, found),
        )
        extraction.claims.append(claim)


def _speaker_of(
    analysis: Analysis, resolver: SpeakerResolver, item: Found, actor_of: dict[int, str | None]
) -> str | None:
    if item.source is not None and (item.frame == "continuation" or item.speaker == item.source.speaker):
        actor = actor_of.get(id(item.source))
        if actor is not None:
            resolver.remember(item.content, actor, _sentence(analysis, item))
        return actor
    if item.speaker is None or item.speaker_token is None:
        return None
    return resolver.resolve(item.speaker, analysis.parse.tokens[item.speaker_token])


def _sentence(analysis: Analysis, item: Found) -> int:
    sentence = analysis.parse.sentence_of(item.content[0])
    return sentence.index if sentence is not None else 0


def _via_of(
    analysis: Analysis, item: Found, speaker: str | None, actor_of: dict[int, str | None], words: ClaimWords
) -> list[str]:
    via: list[str] = []
    relay = actor_of.get(id(item.parent)) if item.parent is not None else None
    if relay is not None:
        via.append(relay)
    for span in item.via:
        outlet = _is_outlet(analysis, span, words)
        if not outlet and span not in item.relayed:
            continue  # "told reporters", "informed NATO": an addressee, not a channel
        actor = analysis.actor_for(span, "media" if outlet else "organization")
        if actor not in via and actor != speaker:
            via.append(actor)
    return [v for v in via if v and v != speaker]


def _is_outlet(analysis: Analysis, span: Span, words: ClaimWords) -> bool:
    """A news outlet (by its words or an existing media actor), not "reporters" or "NATO"."""
    found = analysis.resolve_actor(span)
    if found is not None:
        actor = analysis.extraction.get(found)
        if actor is not None and actor.type == "media":
            return True
    tokens = analysis.parse.tokens_in(*span)
    named = any(t.ent_type in ("ORG", "PERSON", "GPE", "WORK_OF_ART") or t.pos == "PROPN" for t in tokens)
    return named and any(t.lower in words["media"] or t.lower in words["platforms"] for t in tokens)


def _time_of(analysis: Analysis, item: Found, found: list[Found]) -> str | None:
    """When the claim was made: a time expression beside the cue, outside every claim's content."""
    times = analysis.extraction.times
    if not times or item.cue_span is None:
        return None
    parse = analysis.parse
    sentence = parse.sentence_of(item.cue_span[0])
    if sentence is None:
        return None
    cue_span = item.cue_span
    blocked = [f.content for f in found if f is item or not contains(f.content, cue_span)]  # a host's content may
    blocked += [item.speaker] if item.speaker else []  # hold the time of a claim nested in it
    cue = item.cue_span[0]
    candidates = [
        t
        for t in times
        if sentence.start <= t.span[0] and t.span[1] <= sentence.end and not any(overlaps(t.span, b) for b in blocked)
    ]
    for hint in item.hint_spans:
        hint_sentence = parse.sentence_of(hint[0])
        if hint_sentence is None:
            continue
        candidates += [t for t in times if hint_sentence.start <= t.span[0] and t.span[1] <= hint[0]]
        cue = hint[0]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.span[0] - cue), abs(t.span[1] - cue))).id
