// Timeline: one row per event type, one mark per fused event at its date, sized by independent sources.

import { clear, dateLabel, dayNumber, el, isoDay, shortDate, svg } from "./dom.js";

let WIDTH = 1000;  // drawing units = CSS pixels of the container, so text stays readable
const LABEL_WIDTH = 96;
const ROW = 30;
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
  const ticks = Math.max(3, Math.floor((WIDTH - LABEL_WIDTH) / 70));
  return TICK_STEPS.find((step) => days / step <= ticks) || TICK_STEPS[TICK_STEPS.length - 1];
}

const STATUS_ORDER = ["occurred", "ongoing", "possible", "planned", "threatened", "contested", "denied", "not_occurred"];

/** Offsets [dx, dy] in px so marks of one lane on the same day sit side by side across the day's
 * width (`dayWidth` px), in as many rows as they need when the day is too narrow for all of them. */
export function spread(items, laneOf, dayOf, dayWidth, markWidth) {
  const slots = new Map();
  const place = items.map((item) => {
    const slot = `${laneOf(item)}|${dayOf(item)}`;
    const members = slots.get(slot) || [];
    members.push(item);
    slots.set(slot, members);
    return [slot, members.length - 1];
  });
  return place.map(([slot, index]) => {
    const count = slots.get(slot).length;
    const columns = Math.max(1, Math.min(count, Math.floor(dayWidth / markWidth)));
    const rows = Math.ceil(count / columns);
    const step = Math.min(markWidth, dayWidth / columns);
    const rowStep = Math.min(12, (ROW - 2) / rows);
    return [((index % columns) - (columns - 1) / 2) * step, (Math.floor(index / columns) - (rows - 1) / 2) * rowStep];
  });
}

function legend(statuses, hasSpans, cut) {
  const ordered = [...statuses].sort((a, b) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b));
  return el("div", { class: "legend", "aria-label": "timeline legend" },
    ordered.map((status) => el("span", { class: "key" }, el("span", { class: `swatch dot status-${status}` }), status)),
    hasSpans ? el("span", { class: "key" }, el("span", { class: "swatch bar" }), "dated to a span (month, year)") : null,
    cut ? el("span", { class: "key muted" }, `${cut} span(s) reach past the edge (dashed): their dates are in the title`) : null,
    el("span", { class: "muted" }, "size = independent sources"));
}

/** Drag across the plot to choose dates: onRange(since, until) with ISO days. */
function brush(chart, x0, x1, dayAt, height, onRange) {
  const band = svg("rect", { y: 0, height, class: "brush", width: 0, x: 0 });
  chart.append(band);
  let start = null;
  const point = (event) => {
    const box = chart.getBoundingClientRect();
    return Math.min(x1, Math.max(x0, ((event.clientX - box.left) / box.width) * WIDTH));
  };
  chart.addEventListener("pointerdown", (event) => {
    if (event.target.classList.contains("mark")) return;
    start = point(event);
    chart.setPointerCapture(event.pointerId);
  });
  chart.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const now = point(event);
    band.setAttribute("x", Math.min(start, now));
    band.setAttribute("width", Math.abs(now - start));
  });
  chart.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const end = point(event);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    band.setAttribute("width", 0);
    if (b - a > 6) onRange(isoDay(dayAt(a)), isoDay(dayAt(b)));
  });
}

/** Draw the events (picture.timeline entries or picture.events) into `container`. */
export function renderTimeline(container, events, onSelect, onRange = null) {
  WIDTH = Math.max(340, Math.round(container.clientWidth || 1000));
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
  const plot = WIDTH - LABEL_WIDTH - 20;
  const x = (day) => LABEL_WIDTH + ((clamp(day) - first) / Math.max(1, last - first)) * plot;
  const dayAt = (px) => Math.round(first + ((px - LABEL_WIDTH) / plot) * Math.max(1, last - first));
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
  const dayWidth = plot / Math.max(1, last - first);
  const offsets = spread(ordered, (d) => d.event.type, (d) => (d.span[1] - d.span[0] > 1 ? `span${d.span[0]}` : d.span[0]),
    Math.max(8, dayWidth - 4), 16);
  ordered.forEach(({ event, span: [start, end] }, index) => {
    const r = Math.min(radius(event.independent_sources), ROW / 2 - 1);
    const [dx, dy] = end - start > 1 ? [0, offsets[index][1]] : offsets[index];
    const y = AXIS + types.indexOf(event.type) * ROW + ROW / 2 + dy;
    const title = svg("title", {}, `${dateLabel(event.date)} · ${event.type} · ${event.summary || ""}` +
      ` · ${event.independent_sources || 0} independent source(s)`);
    const id = event.event || event.id;
    const select = () => onSelect(id);
    const mark = end - start > 1
      ? svg("rect", { x: x(start), y: y - r / 2, width: Math.max(2 * r, x(end) - x(start)), height: r,
        rx: r / 2, class: `mark span status-${event.status}${start < first || end > last ? " cut" : ""}`, tabindex: 0, onclick: select }, title)
      : svg("circle", { cx: x(start + 0.5) + dx, cy: y, r, class: `mark status-${event.status}`, tabindex: 0,
        onclick: select }, title);
    mark.setAttribute("role", "button");
    mark.setAttribute("aria-label", title.textContent);
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(); } });
    chart.append(mark);
  });
  if (onRange) brush(chart, LABEL_WIDTH, WIDTH - 20, dayAt, height, onRange);
  const hasSpans = dated.some((d) => d.span[1] - d.span[0] > 1);
  const cut = dated.filter((d) => d.span[1] - d.span[0] > 1 && (d.span[0] < first || d.span[1] > last)).length;
  clear(container, chart, legend(new Set(dated.map((d) => d.event.status)), hasSpans, cut),
    undated ? el("p", { class: "note" }, `${undated} undated event(s) are listed in the table only.`) : null);
}
