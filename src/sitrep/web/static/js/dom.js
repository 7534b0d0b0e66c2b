// DOM helpers. Data is never parsed as markup: text becomes text nodes, always.

const SVG_NS = "http://www.w3.org/2000/svg";

// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) could make an
// outlet's name pass for another's: they are shown as visible escapes, never applied.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function neutralised(text) {
  return String(text).replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(neutralised(child)));
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, name === "title" || name.startsWith("aria-") ? neutralised(value) : String(value));
  }
}

/** An HTML element: el("td", {class: "num"}, "12"). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  return append(node, children);
}

/** An SVG element; a string child becomes text (e.g. inside <text> or <title>). */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  return append(node, children);
}

export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A link only for http(s) addresses; anything else is shown as text. */
export function safeLink(url, label) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, label || url);
  }
  return url ? el("span", {}, label || url) : null;
}

const DAY_MS = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Days since 1970 of an ISO date (its first 10 characters), or null. */
export function dayNumber(iso) {
  if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function isoDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "Mar 5" for an ISO date. */
export function shortDate(iso) {
  const day = dayNumber(iso);
  if (day === null) return iso || "undated";
  const date = new Date(day * DAY_MS);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

/** A fused date {start, end, granularity}: "2026-03-09", or "2026-03-01 – 2026-03-31 (month)". */
export function dateLabel(date) {
  if (!date || !date.start) return "undated";
  const span = date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  return date.granularity && date.granularity !== "day" ? `${span} (${date.granularity})` : span;
}

const number = new Intl.NumberFormat("en");
const QUALIFIERS = {
  exact: "", approx: "about ", at_least: "at least ", more_than: "more than ",
  at_most: "at most ", up_to: "up to ", less_than: "less than ",
};

/** A stated figure: "12", "at least 20", "300–999". */
export function figureValue(item) {
  if (item.qualifier === "range" || (item.value === null && item.low !== null)) {
    const low = item.low === null ? "?" : number.format(item.low);
    const high = item.high === null ? "?" : number.format(item.high);
    return `${low}–${high}`;
  }
  if (item.value === null || item.value === undefined) return item.text || "?";
  return `${QUALIFIERS[item.qualifier] ?? ""}${number.format(item.value)}`;
}

export function formatNumber(n) {
  return number.format(n);
}

export function actorName(ref) {
  return ref ? ref.name || ref.key || "?" : null;
}
