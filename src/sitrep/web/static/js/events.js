// Events table: one row per fused event; a row opens its member reports, a report opens its article.

import { actorName, clear, dateLabel, el } from "./dom.js";

function party(ref) {
  return actorName(ref) || "—";
}

function memberList(event, openDocument) {
  return el("ul", { class: "members" }, event.members.map((member) => el("li", {},
    el("button", { type: "button", class: "link", title: "open the article at this report",
      onclick: () => openDocument(member.document, member.span) }, member.outlet || "unknown outlet"),
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
  const detail = el("tr", { class: "detail", hidden: true },
    el("td", { colspan: 6 }, contestBlock(event, openDocument), memberList(event, openDocument)));
  const toggle = () => {
    detail.hidden = !detail.hidden;
    row.setAttribute("aria-expanded", String(!detail.hidden));
  };
  const first = event.first_reported || {};
  const row = el("tr", { class: `event status-${event.status}`, id: `row-${event.id}`, tabindex: 0,
    "aria-expanded": "false", onclick: toggle, onkeydown: (e) => { if (e.key === "Enter") toggle(); } },
  el("td", { class: "nowrap" }, dateLabel(event.date)),
  el("td", {}, el("strong", {}, event.type), el("div", { class: "muted" }, event.status),
    event.contested ? el("span", { class: "badge contested", title: `asserted by ${speakers(event.contested.asserted)}; `
      + `denied by ${speakers(event.contested.denied)}` }, "contested") : null),
  el("td", {}, `${party(event.source)} → ${party(event.target)}`, el("div", { class: "summary" }, event.summary)),
  el("td", {}, event.place ? event.place.name : "—"),
  el("td", { class: "num", title: "reports / independent sources" },
    `${event.reports} / `, el("strong", {}, String(event.independent_sources))),
  el("td", {}, `${first.outlet || "?"}`, el("div", { class: "muted" }, first.published || "")));
  return [row, detail];
}

/** Fill `container` with the events table. */
export function renderEvents(container, events, openDocument) {
  if (!events.length) {
    clear(container, el("p", { class: "empty" }, "No events match."));
    return;
  }
  const head = el("thead", {}, el("tr", {}, ["date", "type", "who → whom", "where", "reports / indep.",
    "first reported"].map((name) => el("th", {}, name))));
  clear(container, el("table", { class: "events" }, head,
    el("tbody", {}, events.map((event) => eventRow(event, openDocument)))));
}

/** Open and show one event's row (from the timeline). */
export function showEvent(id) {
  const row = document.getElementById(`row-${id}`);
  if (!row) return;
  const detail = row.nextElementSibling;
  if (detail && detail.hidden) row.click();
  row.scrollIntoView({ behavior: "smooth", block: "center" });
  row.classList.add("flash");
  setTimeout(() => row.classList.remove("flash"), 1500);
}
