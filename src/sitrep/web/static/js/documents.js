// Documents: the stored list, and the reader that shows an article with an evidence span marked.

import { getJSON } from "./api.js";
import { clear, el, safeLink } from "./dom.js";

const PAGE = 50;

/** The article's text as three text nodes around a <mark>; the text is never parsed as HTML. */
export function markedText(text, span) {
  const body = el("div", { class: "article-text" });
  if (!span || span.length !== 2 || !(span[0] >= 0 && span[1] <= text.length && span[0] < span[1])) {
    body.append(text);
    return { body, mark: null };
  }
  const mark = el("mark", {}, text.slice(span[0], span[1]));
  body.append(text.slice(0, span[0]), mark, text.slice(span[1]));
  return { body, mark };
}

function evidenceList(extraction, show) {
  const items = [
    ...extraction.events.map((e) => ({ label: `${e.type} (${e.status})`, text: e.text, span: e.span })),
    ...extraction.figures.map((f) => ({ label: `figure: ${f.category}`, text: f.text, span: f.span })),
  ].sort((a, b) => a.span[0] - b.span[0]);
  return el("details", { class: "evidence" }, el("summary", {}, `${items.length} events and figures in this article`),
    el("ul", {}, items.map((item) => el("li", {},
      el("button", { type: "button", class: "link", onclick: () => show(item.span) }, item.label), " ",
      el("q", { class: "muted" }, item.text)))));
}

/** Open the reader on a stored document, its `span` marked and scrolled into view. */
export async function openDocument(docId, span) {
  const reader = document.getElementById("reader");
  const target = document.getElementById("reader-body");
  reader.hidden = false;
  clear(target, el("p", { class: "muted" }, "loading…"));
  let extraction;
  try {
    extraction = await getJSON(`documents/${encodeURIComponent(docId)}`);
  } catch (error) {
    clear(target, el("p", { class: "error" }, error.message));
    return;
  }
  const doc = extraction.document;
  const textHolder = el("div");
  const show = (chosen) => {
    const { body, mark } = markedText(doc.text, chosen);
    clear(textHolder, body);
    if (mark) mark.scrollIntoView({ block: "center" });
  };
  clear(target,
    el("h2", {}, doc.title || "(untitled)"),
    el("p", { class: "muted" }, `${doc.source || "unknown outlet"} · ${doc.published || "undated"} · `,
      safeLink(doc.url, "original"), " · ", el("code", {}, doc.id.slice(0, 12))),
    evidenceList(extraction, show),
    textHolder);
  show(span);
}

/** The stored documents, a page at a time. */
export async function renderDocuments(container, offset = 0) {
  const page = await getJSON("documents", { limit: PAGE, offset });
  const rows = page.documents.map((d) => el("tr", { tabindex: 0, onclick: () => openDocument(d.id, null),
    onkeydown: (e) => { if (e.key === "Enter") openDocument(d.id, null); } },
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
