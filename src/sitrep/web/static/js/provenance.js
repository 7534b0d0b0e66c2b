// Provenance of a document: how it arrived (file, URL, feed, API) and from which outlet.

import { getJSON } from "./api.js";
import { clear, el, safeLink } from "./dom.js";

const ARRIVAL = { file: "from a file", url: "fetched from its URL", feed: "from a feed", api: "posted to the API" };

/** Provenance of several documents at once: {id: {arrival, origin, outlet, feed, url}}. */
export async function provenanceOf(ids) {
  if (!ids.length) return {};
  const query = new URLSearchParams();
  for (const id of ids) query.append("document", id);
  const response = await fetch(`/api/provenance?${query}`, { headers: { Accept: "application/json" } });
  return response.ok ? response.json() : {};
}

/** "Outlet · how it arrived · origin" for one document's provenance record. */
export function provenanceText(record) {
  if (!record) return el("span", { class: "muted" }, "provenance unknown");
  const how = ARRIVAL[record.arrival] || record.arrival;
  return el("span", { class: "provenance" },
    record.outlet || el("em", {}, "unknown outlet (counted with other unknown outlets as one source)"),
    ` · ${how}`,
    record.feed ? [" ", safeLink(record.feed, "(feed)")] : null,
    record.origin && record.arrival === "file" ? [" · ", el("code", {}, record.origin)] : null);
}

/** A line that fills itself with a document's provenance (for the reader or a list). */
export function provenanceLine(docId) {
  const line = el("p", { class: "muted provenance-line" }, "…");
  getJSON("provenance", { document: docId })
    .then((found) => clear(line, provenanceText(found[docId])))
    .catch(() => clear(line, "provenance unavailable"));
  return line;
}
