// Figure series: each subject's figures in time order, contradictions spelt out side against side.

import { actorName, clear, el, figureValue, shortDate, svg } from "./dom.js";

const SHOWN = 12;

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

const CHART_WIDTH = 360;
const CHART_ROW = 16;

function bounds(item) {
  const [low, high] = item.interval || [];
  const value = item.value ?? null;
  const lo = item.low ?? (value !== null ? value : low);
  const hi = item.high ?? (value !== null ? value : high);
  return [lo ?? hi ?? null, hi ?? lo ?? null];
}

/** A small chart: one row per stated figure, a dot for a value, a bar for a range, on a shared axis. */
export function seriesChart(series) {
  const rows = series.entries.map((item) => ({ item, range: bounds(item) })).filter((r) => r.range[0] !== null);
  if (!rows.length) return null;
  const max = Math.max(...rows.map((r) => r.range[1]));
  const min = Math.min(0, ...rows.map((r) => r.range[0]));
  const left = 140;
  const right = CHART_WIDTH - 8;
  const x = (v) => left + ((v - min) / Math.max(1, max - min)) * (right - left - 90);
  const height = rows.length * CHART_ROW + 18;
  const chart = svg("svg", { viewBox: `0 0 ${CHART_WIDTH} ${height + 12}`, class: "series-chart", role: "img",
    "aria-label": `${rows.length} figures from ${min} to ${max}` });
  rows.forEach(({ item, range: [lo, hi] }, i) => {
    const y = i * CHART_ROW + 10;
    const who = actorName(item.speaker) || (item.reports[0] && item.reports[0].outlet) || "?";
    chart.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", class: "tick" },
      who.length > 22 ? `${who.slice(0, 21)}…` : who));
    chart.append(hi > lo
      ? svg("rect", { x: x(lo), y: y - 3, width: Math.max(3, x(hi) - x(lo)), height: 6, rx: 3, class: "range" },
        svg("title", {}, `${figureValue(item)} · ${who}`))
      : svg("circle", { cx: x(lo), cy: y, r: 4, class: `point${item.qualifier === "exact" ? "" : " open"}` },
        svg("title", {}, `${figureValue(item)} · ${who}`)));
    chart.append(svg("text", { x: x(hi) + 7, y: y + 4, class: "tick" }, figureValue(item)));
  });
  chart.append(svg("line", { x1: left, x2: right - 90, y1: height - 4, y2: height - 4, class: "grid" }),
    svg("text", { x: left, y: height + 8, class: "tick" }, String(min)),
    svg("text", { x: right - 90, y: height + 8, class: "tick", "text-anchor": "middle" }, max.toLocaleString("en")));
  return chart;
}

function entry(item, openDocument) {
  const report = item.reports[0];
  return el("li", {}, el("span", { class: "value" }, figureValue(item)), " ",
    el("span", { class: "muted" }, `${item.date ? shortDate(item.date.start) : "undated"} · ` +
      `${actorName(item.speaker) || "unattributed"} · `),
    el("button", { type: "button", class: "link", onclick: (e) => openDocument(report.document, report.span, e.currentTarget) },
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
    seriesChart(series),
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
    ? el("button", { type: "button" }, `show all ${blocks.length}`)
    : null;
  const grid = el("div", { class: "series-grid" }, ...blocks.slice(0, SHOWN));
  if (more) more.addEventListener("click", () => clear(container, el("div", { class: "series-grid" }, ...blocks)));
  clear(container, grid, more);
}

/** The contradictions of every series, for the summary at the top of the page. */
export function renderContradictions(container, seriesList, openDocument) {
  const items = [];
  for (const series of seriesList) {
    for (const found of series.contradictions) {
      const [a, b] = found.sides;
      const open = (side) => {
        const item = series.entries[side.entries[0]];
        const report = item && item.reports[0];
        return report ? (e) => openDocument(report.document, report.span, e.currentTarget) : null;
      };
      items.push(el("li", { class: "contradiction" }, el("strong", {}, subjectLabel(series.subject)), ": ",
        el("button", { type: "button", class: "link", onclick: open(a) }, sideLabel(a)), " vs ",
        el("button", { type: "button", class: "link", onclick: open(b) }, sideLabel(b))));
    }
  }
  clear(container, el("h3", {}, `Contradictions (${items.length})`),
    items.length ? el("ul", { class: "contradictions" }, items) : el("p", { class: "empty" }, "No figures contradict."));
}

/** Fatalities per fused event id: the lowest killed figure linked to it in each series (a range counts
 * its low end), the largest of those over the series (different victims are not added up). */
export function eventFatalities(figures) {
  const perEvent = new Map();
  for (const series of figures) {
    if (series.subject.category !== "killed" || series.subject.unit !== "person") continue;
    const lowest = new Map();
    for (const entry of series.entries) {
      const count = entry.value ?? entry.low ?? (entry.interval || [])[0];
      if (typeof count !== "number") continue;
      for (const id of entry.events || []) lowest.set(id, Math.min(lowest.get(id) ?? Infinity, count));
    }
    for (const [id, count] of lowest) perEvent.set(id, Math.max(perEvent.get(id) || 0, Math.round(count)));
  }
  return perEvent;
}
