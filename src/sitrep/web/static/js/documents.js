// Documents: the stored list, and the reader that shows an article with an evidence span marked.

import { getJSON } from "./api.js";
import { clear, el, safeLink } from "./dom.js";

const PAGE = 50;

const LAYERS = ["event", "claim", "actor", "place", "time", "figure"];

function valid(span, length) {
  return Array.isArray(span) && span.length === 2 && span[0] >= 0 && span[1] <= length && span[0] < span[1];
}

/** Every extracted item's character span, by layer. */
export function layerSpans(extraction) {
  const spans = [];
  const add = (layer, span, label) => spans.push({ layer, span, label });
  for (const a of extraction.actors || []) for (const m of a.mentions || []) add("actor", m, `actor: ${a.name}`);
  for (const p of extraction.places || []) for (const m of p.mentions || []) add("place", m, `place: ${p.name}`);
  for (const t of extraction.times || []) add("time", t.span, `time: ${t.start || t.text}`);
  for (const f of extraction.figures || []) add("figure", f.span, `figure: ${f.category}`);
  for (const c of extraction.claims || []) add("claim", c.content_span, `claim (${c.stance})`);
  for (const e of extraction.events || []) add("event", e.span, `event: ${e.type} (${e.status})`);
  return spans;
}

/** The text as segments, each a text node in a <span> whose classes name every layer covering it;
 * segments inside `target` are <mark>ed. Text is never parsed as HTML. */
export function markedText(text, target, spans = []) {
  const body = el("div", { class: "article-text" });
  const usable = spans.filter((s) => valid(s.span, text.length));
  const chosen = valid(target, text.length) ? target : null;
  const cuts = new Set([0, text.length]);
  for (const { span } of usable) { cuts.add(span[0]); cuts.add(span[1]); }
  if (chosen) { cuts.add(chosen[0]); cuts.add(chosen[1]); }
  const points = [...cuts].sort((a, b) => a - b);
  let mark = null;
  for (let i = 0; i < points.length - 1; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = usable.filter((s) => s.span[0] <= from && s.span[1] >= to);
    const piece = text.slice(from, to);
    const inTarget = chosen && chosen[0] <= from && chosen[1] >= to;
    if (!covering.length && !inTarget) {
      body.append(piece);
      continue;
    }
    const layers = [...new Set(covering.map((s) => s.layer))];
    const node = el(inTarget ? "mark" : "span", { class: layers.map((l) => `layer-${l}`).join(" ") || null,
      title: covering.map((s) => s.label).join(" · ") || null }, piece);
    if (inTarget && !mark) mark = node;
    body.append(node);
  }
  return { body, mark };
}

function evidenceList(extraction, show) {
  const items = [
    ...extraction.events.map((e) => ({ label: `${e.type} (${e.status})`, text: e.text, span: e.span, layer: "event" })),
    ...extraction.claims.map((c) => ({ label: `claim: ${c.speaker_text || "?"}`, text: c.content, span: c.content_span,
      layer: "claim" })),
    ...extraction.figures.map((f) => ({ label: `figure: ${f.category}`, text: f.text, span: f.span, layer: "figure" })),
  ].filter((item) => Array.isArray(item.span)).sort((a, b) => a.span[0] - b.span[0]);
  return el("details", { class: "evidence" }, el("summary", {}, `${items.length} events, claims and figures in this article`),
    el("ul", {}, items.map((item) => el("li", {},
      el("button", { type: "button", class: `link layer-${item.layer}-key`, onclick: () => show(item.span) }, item.label),
      " ", el("q", { class: "muted" }, item.text)))));
}

function layerKey(textHolder) {
  return el("fieldset", { class: "layer-key" }, el("legend", {}, "highlight"), LAYERS.map((layer) => {
    const box = el("input", { type: "checkbox", checked: true, onchange: (e) => {
      textHolder.classList.toggle(`hide-${layer}`, !e.target.checked);
    } });
    return el("label", { class: `key layer-${layer}-key` }, box, ` ${layer}s`);
  }));
}

/** Open the reader on a stored document, its `span` marked and scrolled into view; `opener` gets focus back. */
export async function openDocument(docId, span, opener = null) {
  const reader = document.getElementById("reader");
  const target = document.getElementById("reader-body");
  reader.hidden = false;
  reader.opener = opener || document.activeElement;
  clear(target, el("p", { class: "muted" }, "loading…"));
  let extraction;
  try {
    extraction = await getJSON(`documents/${encodeURIComponent(docId)}`);
  } catch (error) {
    clear(target, el("p", { class: "error" }, error.message));
    return;
  }
  const doc = extraction.document;
  const spans = layerSpans(extraction);
  const textHolder = el("div", { class: "text-holder" });
  const show = (chosen) => {
    const { body, mark } = markedText(doc.text, chosen, spans);
    clear(textHolder, body);
    if (mark) {
      mark.setAttribute("tabindex", "-1");
      mark.scrollIntoView({ block: "center" });
    }
  };
  clear(target,
    el("h2", { id: "reader-title" }, doc.title || "(untitled)"),
    el("p", { class: "muted" }, `${doc.source || "unknown outlet"} · ${doc.published || "undated"} · `,
      safeLink(doc.url, "original"), " · ", el("code", {}, doc.id.slice(0, 12))),
    layerKey(textHolder),
    evidenceList(extraction, show),
    textHolder);
  show(span);
  reader.focus({ preventScroll: true });
}

/** The stored documents, a page at a time. */
export async function renderDocuments(container, offset = 0) {
  const page = await getJSON("documents", { limit: PAGE, offset });
  const rows = page.documents.map((d) => el("tr", { tabindex: 0, onclick: (e) => openDocument(d.id, null, e.currentTarget),
    onkeydown: (e) => { if (e.key === "Enter") openDocument(d.id, null, e.currentTarget); } },
  el("td", { class: "nowrap" }, d.published || "undated"),
  el("td", {}, d.source || "?"),
  el("td", {}, d.title || "(untitled)", d.status !== "extracted" ? el("span", { class: "muted" }, ` (${d.status})`) : null)));
  const pager = el("p", { class: "pager" },
    `${page.total ? offset + 1 : 0}–${offset + page.documents.length} of ${page.total} `,
    offset > 0 ? el("button", { type: "button", onclick: () => renderDocuments(container, offset - PAGE) }, "previous") : null,
    offset + PAGE < page.total
      ? el("button", { type: "button", onclick: () => renderDocuments(container, offset + PAGE) }, "next") : null);
  clear(container, el("table", { class: "documents" },
    el("thead", {}, el("tr", {}, ["published", "outlet", "title"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows)), pager);
}
