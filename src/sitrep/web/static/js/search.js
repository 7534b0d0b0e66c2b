// The search box: GET /api/search, hits with their matches marked, outlet and origin shown.

import { getJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { openDocument } from "./documents.js";
import { provenanceOf, provenanceText } from "./provenance.js";

const PAGE = 20;

/** The snippet as text nodes, each match inside <mark> (offsets from the server, never markup). */
function markedSnippet(snippet, highlights) {
  const parts = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at || end > snippet.length) continue;
    parts.push(snippet.slice(at, start), el("mark", {}, snippet.slice(start, end)));
    at = end;
  }
  parts.push(snippet.slice(at));
  return el("p", { class: "snippet" }, parts);
}

function hitItem(hit, record) {
  const open = (event) => openDocument(hit.document, null, event.currentTarget);
  const heading = hit.kind === "claim" ? `${hit.speaker || "unnamed speaker"} (${hit.stance || "?"})` : hit.title || "(untitled)";
  return el("li", { class: "hit" },
    el("button", { type: "button", class: "link", onclick: open }, heading),
    el("span", { class: "muted" }, ` ${hit.published || "undated"} · `, provenanceText(record)),
    markedSnippet(hit.snippet, hit.highlights));
}

async function run(form, results, offset = 0) {
  const data = new FormData(form);
  const params = { q: (data.get("q") || "").trim(), kind: data.get("kind"), since: data.get("since"), until: data.get("until"), limit: PAGE, offset };
  if (!params.q) { clear(results); return; }
  clear(results, el("p", { class: "muted" }, "searching…"));
  try {
    const page = await getJSON("search", params);
    const provenance = await provenanceOf([...new Set(page.hits.map((h) => h.document))]);
    const pager = el("p", { class: "pager" }, `${page.total ? offset + 1 : 0}–${offset + page.hits.length} of ${page.total} `,
      offset > 0 ? el("button", { type: "button", onclick: () => run(form, results, offset - PAGE) }, "previous") : null,
      offset + PAGE < page.total ? el("button", { type: "button", onclick: () => run(form, results, offset + PAGE) }, "next") : null);
    clear(results, el("ol", { class: "hits" }, page.hits.map((hit) => hitItem(hit, provenance[hit.document]))), pager);
  } catch (error) {
    clear(results, el("p", { class: "error" }, error.message));
  }
}

function start() {
  const form = document.getElementById("search-form");
  const results = document.getElementById("search-results");
  if (!form || !results) return;
  form.addEventListener("submit", (event) => { event.preventDefault(); run(form, results); });
}

start();
