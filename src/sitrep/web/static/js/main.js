// The page: filters (in the URL), fetch the picture, draw every view; wire the reader and the add form.

import { getJSON, postJSON } from "./api.js";
import { clear, el, formatNumber } from "./dom.js";
import { openDocument, renderDocuments } from "./documents.js";
import { renderEvents, showEvent } from "./events.js";
import { fillSelect, fromURL, pageFilter, pushState, readForm, SERVER_FILTERS, writeForm } from "./filters.js";
import { eventFatalities, renderContradictions, renderFigures } from "./figures.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { keepRegion, placeNames, regionQuery } from "./regions.js";
import { renderTimeline } from "./timeline.js";
import { countryCode } from "./topo.js";

const STATS = [["documents", "documents"], ["stories", "stories"], ["events", "events"],
  ["event_reports", "reports"], ["claims", "claims"], ["series", "figure series"],
  ["contradictions", "contradictions"]];

const form = document.getElementById("filters");
const status = document.getElementById("status");
let state = fromURL();
let search = state.q || "";

function renderStats(stats, shown) {
  clear(document.getElementById("stats"), STATS.map(([key, label]) => el("div", { class: "stat" },
    el("dt", {}, label), el("dd", { class: key === "contradictions" && stats[key] ? "alert" : null },
      key === "events" && shown !== stats[key] ? `${formatNumber(shown)}/${formatNumber(stats[key] ?? 0)}`
        : formatNumber(stats[key] ?? 0)))));
}

function claimOpener(claim) {
  const carrier = claim && (claim.carriers || [])[0];
  return carrier ? (e) => openDocument(carrier.document, carrier.span, e.currentTarget) : null;
}

function renderDevelopments(container, developments, kept, claims) {
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const events = developments.events.filter((e) => kept.has(e.id)).slice(0, 8);
  const items = [
    ...events.map((e) => el("li", {}, el("button", { type: "button", class: "link", onclick: () => showEvent(e.id) },
      e.type), ` ${e.summary} `, el("span", { class: "muted" },
      `(${e.first_reported.outlet || "?"}, ${e.first_reported.published || "?"})`))),
    ...developments.claims.slice(0, 4).map((c) => el("li", {}, el("strong", {}, c.speaker.name || "?"), ": ",
      el("button", { type: "button", class: "link quote", onclick: claimOpener(claimById.get(c.id)),
        title: "open the article at this claim" }, `“${c.content}”`))),
  ];
  clear(container, el("h3", {}, "New developments",
    developments.since ? el("span", { class: "muted" }, ` since ${developments.since}`) : null),
  items.length ? el("ul", { class: "developments" }, items) : el("p", { class: "empty" }, "Nothing new."));
}

function setFilters(changes) {
  state = { ...state, ...changes };
  writeForm(form, state);
  pushState(state);
  load();
}

/** The picture for the filters: a country's name means its ISO3 ("Niger": everything in NER); a
 * first-level division's name means everything inside it (asked of the server by its country). */
async function fetchPicture() {
  const params = Object.fromEntries(SERVER_FILTERS.map((name) => [name, state[name]]));
  const code = await countryCode(state.place);
  if (code) return getJSON("picture", { ...params, place: code });
  const region = await regionQuery(state.place);
  if (region) {
    const inside = keepRegion(await getJSON("picture", { ...params, place: region.country }), state.place);
    if (inside.events.length || inside.claims.length || inside.figures.length) return inside;
  }
  return getJSON("picture", params);
}

async function load() {
  status.textContent = "loading…";
  status.className = "status";
  let picture;
  try {
    picture = await fetchPicture();
  } catch (error) {
    status.textContent = error.message;
    status.className = "status error";
    return;
  }
  if (!state.place) {  // suggestions from the whole picture, kept while a place narrows it
    clear(document.getElementById("place-names"), placeNames(picture.events).map((name) => el("option", { value: name })));
  }
  fillSelect(form.elements.namedItem("type"), picture.events.map((e) => e.type), "all types");
  fillSelect(form.elements.namedItem("status"), picture.events.map((e) => e.status), "all statuses");
  const events = pageFilter(picture.events, state);
  const kept = new Set(events.map((e) => e.id));
  const timeline = picture.timeline.filter((t) => kept.has(t.event));
  renderStats(picture.stats, events.length);
  renderContradictions(document.getElementById("contradictions"), picture.figures, openDocument);
  renderDevelopments(document.getElementById("developments"), picture.developments, kept, picture.claims);
  const selectEvent = (id) => {
    showEvent(id);
    const entry = timeline.find((t) => t.event === id);
    const evidence = entry && entry.evidence && entry.evidence[0];
    if (evidence) openDocument(evidence.document, evidence.span, document.activeElement);
  };
  renderTimeline(document.getElementById("timeline"), timeline, selectEvent,
    (since, until) => setFilters({ since, until }));
  renderNetwork(document.getElementById("network"), events, (name) => setFilters({ actor: name }));
  renderEvents(document.getElementById("events"), events, openDocument, search, (q) => {
    search = q;
    state = { ...state, q };
    pushState(state, true);
  });
  renderFigures(document.getElementById("figures"), picture.figures, openDocument);
  const code = await countryCode(state.place);
  await renderMap(document.getElementById("map"), events, (name) => setFilters({ place: name }),
    { highlight: code, fatalities: eventFatalities(picture.figures) });
  const filtered = Object.values(state).some(Boolean);
  status.textContent = `${events.length} of ${picture.stats.events} events shown${filtered ? " (filtered)" : ""}`;
}

async function addArticle(event) {
  event.preventDefault();
  const addForm = event.target;
  const addStatus = document.getElementById("add-status");
  const data = Object.fromEntries([...new FormData(addForm).entries()].filter(([, v]) => v !== ""));
  addStatus.textContent = "extracting…";
  try {
    const saved = await postJSON("documents", data);
    addStatus.textContent = saved.new ? `added (${saved.id.slice(0, 12)})` : "already stored";
    addForm.reset();
    await Promise.all([load(), renderDocuments(document.getElementById("documents"))]);
  } catch (error) {
    addStatus.textContent = error.message;
  }
}

function closeReader() {
  const reader = document.getElementById("reader");
  if (reader.hidden) return;
  reader.hidden = true;
  if (reader.opener && document.body.contains(reader.opener)) reader.opener.focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  setFilters(readForm(form));
});
form.addEventListener("change", (event) => {
  if (event.target.tagName === "SELECT") setFilters(readForm(form));
});
document.getElementById("clear-filters").addEventListener("click", () => {
  search = "";
  setFilters(Object.fromEntries(Object.keys(state).map((k) => [k, ""])));
});
window.addEventListener("popstate", () => {
  state = fromURL();
  search = state.q || "";
  writeForm(form, state);
  load();
});
document.getElementById("reader-close").addEventListener("click", closeReader);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeReader();
});
document.getElementById("add-article").addEventListener("submit", addArticle);

writeForm(form, state);
load();
renderDocuments(document.getElementById("documents")).catch((error) => {
  clear(document.getElementById("documents"), el("p", { class: "error" }, error.message));
});
