// The page: read the filters, fetch the picture, draw every view; wire the reader and the add form.

import { getJSON, postJSON } from "./api.js";
import { clear, el, figureValue, formatNumber } from "./dom.js";
import { openDocument, renderDocuments } from "./documents.js";
import { renderEvents, showEvent } from "./events.js";
import { renderFigures } from "./figures.js";
import { renderMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";

const FILTERS = ["since", "until", "place", "actor"];
const STATS = [["documents", "documents"], ["stories", "stories"], ["events", "events"],
  ["event_reports", "reports"], ["claims", "claims"], ["series", "figure series"],
  ["contradictions", "contradictions"]];

const form = document.getElementById("filters");
const status = document.getElementById("status");

function filters() {
  const data = new FormData(form);
  return Object.fromEntries(FILTERS.map((name) => [name, (data.get(name) || "").trim()]));
}

function setFilter(name, value) {
  form.elements[name].value = value;
  load();
}

function renderStats(stats) {
  clear(document.getElementById("stats"), STATS.map(([key, label]) => el("div", { class: "stat" },
    el("dt", {}, label), el("dd", { class: key === "contradictions" && stats[key] ? "alert" : null },
      formatNumber(stats[key] ?? 0)))));
}

function renderDevelopments(container, developments) {
  const items = [
    ...developments.events.map((e) => el("li", {}, el("strong", {}, e.type), ` ${e.summary} `,
      el("span", { class: "muted" }, `(${e.first_reported.outlet || "?"}, ${e.first_reported.published || "?"})`))),
    ...developments.claims.slice(0, 10).map((c) => el("li", {}, el("strong", {}, c.speaker.name || "?"), ": ",
      el("q", {}, c.content))),
    ...developments.contradictions.map((c) => el("li", { class: "contradiction" }, `${c.subject}: `,
      el("strong", {}, figureValue(c.a)), " vs ", el("strong", {}, figureValue(c.b)))),
  ];
  clear(container, developments.since ? el("p", { class: "muted" }, `since ${developments.since}`) : null,
    items.length ? el("ul", { class: "developments" }, items) : el("p", { class: "empty" }, "Nothing new."));
}

async function load() {
  status.textContent = "loading…";
  status.className = "status";
  let picture;
  try {
    picture = await getJSON("picture", filters());
  } catch (error) {
    status.textContent = error.message;
    status.className = "status error";
    return;
  }
  renderStats(picture.stats);
  renderTimeline(document.getElementById("timeline"), picture.timeline, showEvent);
  renderMap(document.getElementById("map"), picture.events, (name) => setFilter("place", name));
  renderNetwork(document.getElementById("network"), picture.events, (name) => setFilter("actor", name));
  renderEvents(document.getElementById("events"), picture.events, openDocument);
  renderFigures(document.getElementById("figures"), picture.figures, openDocument);
  renderDevelopments(document.getElementById("developments"), picture.developments);
  status.textContent = `${picture.events.length} events shown`;
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

form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
document.getElementById("reset").addEventListener("click", () => { form.reset(); load(); });
document.getElementById("reader-close").addEventListener("click", () => {
  document.getElementById("reader").hidden = true;
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") document.getElementById("reader").hidden = true;
});
document.getElementById("add-article").addEventListener("submit", addArticle);

load();
renderDocuments(document.getElementById("documents")).catch((error) => {
  clear(document.getElementById("documents"), el("p", { class: "error" }, error.message));
});
