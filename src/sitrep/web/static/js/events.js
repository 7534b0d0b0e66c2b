// Events table: one row per fused event, sortable (date order first), searchable and paged;
// a row opens its member reports, a report opens its article at the sentence.

import { actorName, clear, dateLabel, el } from "./dom.js";

const PAGE = 20;
const COLUMNS = [
  { key: "date", label: "date", value: (e) => (e.date && e.date.start) || "9999" },
  { key: "type", label: "type", value: (e) => `${e.type} ${e.status}` },
  { key: "who", label: "who → whom", value: (e) => `${party(e.source)} ${party(e.target)}`.toLowerCase() },
  { key: "place", label: "where", value: (e) => (e.place ? e.place.name : "~") },
  { key: "sources", label: "reports / indep.", value: (e) => e.independent_sources * 1000 + e.reports, numeric: true },
  { key: "first", label: "first reported", value: (e) => (e.first_reported && e.first_reported.published) || "" },
];
const view = { sort: "date", ascending: true, page: 0 };
let openIds = new Set();
let current = null;  // the drawn table: reveal(id) pages to an event

function party(ref) {
  return actorName(ref) || "—";
}

function memberList(event, openDocument) {
  return el("ul", { class: "members" }, event.members.map((member) => el("li", {},
    el("button", { type: "button", class: "link", title: "open the article at this report",
      onclick: (e) => openDocument(member.document, member.span, e.currentTarget) }, member.outlet || "unknown outlet"),
    el("span", { class: "muted" }, ` ${member.published || "undated"} · ${member.type} · ${member.status} · `),
    el("q", {}, member.text))));
}

function speakers(side) {
  return side.speakers.map((s) => s.name || "unnamed").join(", ") || "unnamed sources";
}

function contestSide(label, side, openDocument) {
  return el("li", {}, el("strong", {}, `${label} by ${speakers(side)}: `),
    side.claims.map((claim) => el("span", { class: "claim" },
      el("q", {}, claim.content), " ",
      el("button", { type: "button", class: "link", title: "open the article at this claim",
        onclick: () => openDocument(claim.document, claim.span) }, claim.outlet || "unknown outlet"),
      el("span", { class: "muted" }, ` (${claim.stance}) `))));
}

/** Who asserts and who denies a contested event, each claim opening its article. */
function contestBlock(event, openDocument) {
  if (!event.contested) return null;
  return el("div", { class: "contest" }, el("p", { class: "contest-title" }, "Contested"),
    el("ul", {}, contestSide("asserted", event.contested.asserted, openDocument),
      contestSide("denied", event.contested.denied, openDocument)));
}

function eventRow(event, openDocument) {
  const expanded = openIds.has(event.id);
  const detail = el("tr", { class: "detail", hidden: !expanded },
    el("td", { colspan: 6 }, contestBlock(event, openDocument), memberList(event, openDocument)));
  const toggle = () => {
    detail.hidden = !detail.hidden;
    if (detail.hidden) openIds.delete(event.id); else openIds.add(event.id);
    row.setAttribute("aria-expanded", String(!detail.hidden));
  };
  const first = event.first_reported || {};
  const contested = event.contested || event.status === "contested";
  const row = el("tr", { class: `event status-${event.status}${contested ? " contested" : ""}`, id: `row-${event.id}`,
    tabindex: 0, "aria-expanded": String(expanded), onclick: toggle,
    onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } } },
  el("td", { class: "nowrap", "data-label": "date" }, dateLabel(event.date)),
  el("td", { "data-label": "type" }, el("strong", {}, event.type), el("div", { class: "muted" }, event.status,
    event.contested ? el("span", { class: "badge contested", title: `asserted by ${speakers(event.contested.asserted)}; `
      + `denied by ${speakers(event.contested.denied)}` }, "contested") : null)),
  el("td", { "data-label": "who" }, `${party(event.source)} → ${party(event.target)}`,
    el("div", { class: "summary" }, event.summary)),
  el("td", { "data-label": "where" }, event.place ? event.place.name : "—"),
  el("td", { class: "num", title: "reports / independent sources", "data-label": "reports / indep." },
    `${event.reports} / `, el("strong", {}, String(event.independent_sources))),
  el("td", { "data-label": "first" }, `${first.outlet || "?"}`, el("div", { class: "muted" }, first.published || "")));
  return [row, detail];
}

function matches(event, words) {
  if (!words.length) return true;
  const text = [event.type, event.status, event.summary, party(event.source), party(event.target),
    event.place && event.place.name, ...(event.outlets || [])].join(" ").toLowerCase();
  return words.every((w) => text.includes(w));
}

function sorted(events) {
  const column = COLUMNS.find((c) => c.key === view.sort) || COLUMNS[0];
  const direction = view.ascending ? 1 : -1;
  return [...events].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    const order = column.numeric ? x - y : String(x).localeCompare(String(y));
    return direction * order || a.id.localeCompare(b.id);
  });
}

function header(rerender) {
  return el("thead", {}, el("tr", {}, COLUMNS.map((column) => {
    const active = view.sort === column.key;
    const sortState = active ? (view.ascending ? "ascending" : "descending") : "none";
    return el("th", { "aria-sort": sortState, scope: "col" }, el("button", { type: "button", class: "sort",
      onclick: () => {
        view.ascending = active ? !view.ascending : !column.numeric;
        view.sort = column.key;
        view.page = 0;
        rerender();
      } }, column.label, el("span", { class: "arrow", "aria-hidden": "true" },
      active ? (view.ascending ? " ▲" : " ▼") : "")));
  })));
}

/** Fill `container` with the events table; `query` is the search text, onSearch(text) records it. */
export function renderEvents(container, events, openDocument, query = "", onSearch = () => {}) {
  let text = query;
  const box = el("input", { type: "search", class: "table-search", placeholder: "search events", value: text,
    "aria-label": "search the events", maxlength: 200 });
  const body = el("div");
  const listed = () => sorted(events.filter((e) => matches(e, text.toLowerCase().split(/\s+/).filter(Boolean))));
  const rerender = () => {
    const found = listed();
    const pages = Math.max(1, Math.ceil(found.length / PAGE));
    view.page = Math.min(view.page, pages - 1);
    const shown = found.slice(view.page * PAGE, (view.page + 1) * PAGE);
    const go = (page) => { view.page = page; rerender(); };
    const pager = el("p", { class: "pager" },
      found.length ? `${view.page * PAGE + 1}–${view.page * PAGE + shown.length} of ${found.length} events ` : "",
      view.page > 0 ? el("button", { type: "button", onclick: () => go(view.page - 1) }, "previous") : null, " ",
      view.page < pages - 1 ? el("button", { type: "button", onclick: () => go(view.page + 1) }, "next") : null);
    clear(body, found.length ? el("div", { class: "table-wrap" }, el("table", { class: "events" }, header(rerender),
      el("tbody", {}, shown.map((event) => eventRow(event, openDocument))))) : el("p", { class: "empty" },
      "No events match."), pager);
  };
  box.addEventListener("input", () => {
    text = box.value;
    view.page = 0;
    onSearch(text.trim());
    rerender();
  });
  rerender();
  clear(container, box, body);
  current = {
    reveal(id) {
      if (!listed().some((e) => e.id === id)) {
        text = "";
        box.value = "";
        onSearch("");
      }
      const index = listed().findIndex((e) => e.id === id);
      if (index < 0) return;
      view.page = Math.floor(index / PAGE);
      rerender();
    },
  };
}

/** Open and show one event's row (from the timeline or the summary), paging to it. */
export function showEvent(id) {
  if (!document.getElementById(`row-${id}`) && current) current.reveal(id);
  const row = document.getElementById(`row-${id}`);
  if (!row) return;
  const detail = row.nextElementSibling;
  if (detail && detail.hidden) row.click();
  row.scrollIntoView({ behavior: "smooth", block: "center" });
  row.focus({ preventScroll: true });
  row.classList.add("flash");
  setTimeout(() => row.classList.remove("flash"), 1500);
}

export function resetTableView() {
  openIds = new Set();
  view.page = 0;
}
