// Timeline: one row per event type, one mark per fused event at its date, sized by independent sources.

import { clear, dateLabel, dayNumber, el, isoDay, shortDate, svg } from "./dom.js";

const WIDTH = 1000;
const LABEL_WIDTH = 110;
const ROW = 26;
const AXIS = 28;
const TICK_STEPS = [1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652];
const PRECISE = new Set(["day", "week"]);

function radius(independent) {
  return 3 + 3 * Math.sqrt(Math.max(1, independent || 1));
}

function span(event) {
  const start = dayNumber(event.date && event.date.start);
  if (start === null) return null;
  const end = dayNumber(event.date.end);
  return [start, end === null ? start : Math.max(start, end)];
}

function tickStep(days) {
  return TICK_STEPS.find((step) => days / step <= 12) || TICK_STEPS[TICK_STEPS.length - 1];
}

/** Draw the events (picture.timeline entries or picture.events) into `container`. */
export function renderTimeline(container, events, onSelect) {
  const dated = events.map((event) => ({ event, span: span(event) })).filter((d) => d.span);
  const undated = events.length - dated.length;
  if (!dated.length) {
    clear(container, el("p", { class: "empty" }, "No dated events."));
    return;
  }
  const types = [...new Set(dated.map((d) => d.event.type))].sort();
  // the axis covers the precisely dated events; a month- or year-long span reaching further is cut at the edge
  const precise = dated.filter((d) => PRECISE.has(d.event.date.granularity));
  const framing = precise.length ? precise : dated;
  const first = Math.min(...framing.map((d) => d.span[0])) - 1;
  const last = Math.max(...framing.map((d) => d.span[1])) + 1;
  const clamp = (day) => Math.min(last, Math.max(first, day));
  const x = (day) => LABEL_WIDTH + ((clamp(day) - first) / Math.max(1, last - first)) * (WIDTH - LABEL_WIDTH - 20);
  const height = AXIS + types.length * ROW + 10;
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "timeline", role: "img",
    "aria-label": `timeline of ${dated.length} dated events` });

  const step = tickStep(last - first);
  for (let day = Math.ceil(first / step) * step; day <= last; day += step) {
    chart.append(svg("line", { x1: x(day), x2: x(day), y1: AXIS - 6, y2: height - 6, class: "grid" }),
      svg("text", { x: x(day), y: AXIS - 10, class: "tick", "text-anchor": "middle" }, shortDate(isoDay(day))));
  }
  types.forEach((type, row) => {
    const y = AXIS + row * ROW + ROW / 2;
    chart.append(svg("line", { x1: LABEL_WIDTH, x2: WIDTH - 10, y1: y, y2: y, class: "lane" }),
      svg("text", { x: LABEL_WIDTH - 8, y: y + 4, class: "lane-label", "text-anchor": "end" }, type));
  });

  // the largest marks first, so smaller ones stay on top and clickable
  const ordered = [...dated].sort((a, b) => (b.event.independent_sources || 0) - (a.event.independent_sources || 0));
  for (const { event, span: [start, end] } of ordered) {
    const y = AXIS + types.indexOf(event.type) * ROW + ROW / 2;
    const r = radius(event.independent_sources);
    const title = svg("title", {}, `${dateLabel(event.date)} · ${event.type} · ${event.summary || ""}` +
      ` · ${event.independent_sources || 0} independent source(s)`);
    const id = event.event || event.id;
    const select = () => onSelect(id);
    const mark = end - start > 1
      ? svg("rect", { x: x(start), y: y - r / 2, width: Math.max(2 * r, x(end) - x(start)), height: r,
        rx: r / 2, class: `mark span status-${event.status}${start < first || end > last ? " cut" : ""}`, tabindex: 0, onclick: select }, title)
      : svg("circle", { cx: x(start + 0.5), cy: y, r, class: `mark status-${event.status}`, tabindex: 0,
        onclick: select }, title);
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter") select(); });
    chart.append(mark);
  }
  clear(container, chart,
    undated ? el("p", { class: "note" }, `${undated} undated event(s) are listed in the table only.`) : null);
}
