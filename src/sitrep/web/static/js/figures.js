// Figure series: each subject's figures in time order, contradictions spelt out side against side.

import { actorName, clear, el, figureValue, shortDate } from "./dom.js";

const SHOWN = 25;

function subjectLabel(subject) {
  return subject.label;  // the server's name for it (picture.schema.json), the one the CLI shows
}

/** "12 (ministry, Mar 5)": one side of a contradiction. */
export function sideLabel(side) {
  const speakers = (side.speakers || []).map(actorName).filter(Boolean);
  const who = speakers.length ? speakers.join(", ") : (side.sources || []).join(", ") || "unattributed";
  const when = (side.dates || []).map(shortDate).join(", ");
  return `${figureValue(side)} (${who}${when ? `, ${when}` : ""})`;
}

function contradiction(item) {
  const [a, b] = item.sides;
  const kind = item.kind === "disagree" ? "" : ` [${item.kind}]`;
  return el("li", { class: "contradiction" }, el("strong", {}, sideLabel(a)), " vs ", el("strong", {}, sideLabel(b)),
    kind, el("div", { class: "muted" }, `outlets: ${a.sources.join(", ") || "?"} | ${b.sources.join(", ") || "?"}`));
}

function entry(item, openDocument) {
  const report = item.reports[0];
  return el("li", {}, el("span", { class: "value" }, figureValue(item)), " ",
    el("span", { class: "muted" }, `${item.date ? shortDate(item.date.start) : "undated"} · ` +
      `${actorName(item.speaker) || "unattributed"} · `),
    el("button", { type: "button", class: "link", onclick: () => openDocument(report.document, report.span) },
      item.reports.map((r) => r.outlet || "?").join(", ")),
    el("q", { class: "muted" }, item.text));
}

function currentRange(range) {
  if (!range) return null;
  const low = range.low === null || range.low === undefined ? "?" : range.low.toLocaleString("en");
  const high = range.high === null || range.high === undefined ? "?" : range.high.toLocaleString("en");
  return el("div", { class: "muted" }, `current range: ${low}–${high}${range.contested ? " (contested)" : ""}`);
}

function seriesBlock(series, openDocument) {
  return el("article", { class: `series${series.contradictions.length ? " contested" : ""}` },
    el("h3", {}, subjectLabel(series.subject)),
    series.contradictions.length ? el("ul", { class: "contradictions" }, series.contradictions.map(contradiction)) : null,
    currentRange(series.current_range),
    el("details", {}, el("summary", {}, `${series.entries.length} figure(s)`),
      el("ol", { class: "entries" }, series.entries.map((item) => entry(item, openDocument)))));
}

/** Fill `container` with the series, the first SHOWN of them until asked for all. */
export function renderFigures(container, seriesList, openDocument) {
  if (!seriesList.length) {
    clear(container, el("p", { class: "empty" }, "No figure series match."));
    return;
  }
  const blocks = seriesList.map((s) => seriesBlock(s, openDocument));
  const more = blocks.length > SHOWN
    ? el("button", { type: "button", onclick: () => { clear(container, ...blocks); } }, `show all ${blocks.length}`)
    : null;
  clear(container, ...blocks.slice(0, SHOWN), more);
}
