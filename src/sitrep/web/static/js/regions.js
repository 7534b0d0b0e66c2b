// A place filter naming a first-level division ("Sahel", "Tillabéri", or its "CC.code" key): the
// picture's places carry their admin1 (sitrep.fuse.regions), so the page keeps every item with a
// place inside it. The server is asked for the division's country only.

import { divisionBorders } from "./topo.js";

/** Folded for comparison: no diacritics, apostrophes or hyphens, lower case, single spaces. */
export function fold(text) {
  return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/['’‘`ʻʼ]/g, "")
    .replace(/[-–—‐]/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
}

const REGION_CODE = /^[a-z]{2}\.[a-z0-9]{1,8}$/i;  // GeoNames admin1 key: "NE.09", "BF.12"

/** Whether a place dict lies in the division `wanted` names (folded name or code), or matches it as
 * the server's place filter would (a substring of its name or key). */
export function inRegion(place, wanted) {
  if (!place) return false;
  const region = place.admin1;
  return (Boolean(region) && (fold(region.name) === wanted || region.code.toLowerCase() === wanted))
    || fold(place.name).includes(wanted) || String(place.key || "").toLowerCase().includes(wanted);
}

/** When `text` names a first-level division (or a group of them, Burkina Faso's regions), the
 * country to ask the server for ({country: ISO3}, or {country: null} when several or unknown);
 * else null. From the vendored Natural Earth names. */
export async function regionQuery(text) {
  const wanted = fold(text);
  if (!wanted) return null;
  if (REGION_CODE.test(wanted)) return { country: null };
  let divisions;
  try {
    divisions = await divisionBorders();
  } catch {
    return null;
  }
  const countries = new Set([...divisions.labels, ...divisions.groups].filter((d) => fold(d.name) === wanted)
    .map((d) => d.iso3));
  if (!countries.size) return null;
  return { country: countries.size === 1 ? [...countries][0] : null };
}

/** The picture with only the events, claims and figure series that have a place in the division
 * (or one whose name or key contains `text`, as the server's filter keeps). */
export function keepRegion(picture, text) {
  const wanted = fold(text);
  const events = picture.events.filter((e) => inRegion(e.place, wanted)
    || (e.members || []).some((m) => inRegion(m.place, wanted)));
  const eventIds = new Set(events.map((e) => e.id));
  const claims = picture.claims.filter((c) => (c.places || []).some((p) => inRegion(p, wanted)));
  const claimIds = new Set(claims.map((c) => c.id));
  const figures = picture.figures.filter((s) => inRegion(s.subject.place, wanted)
    || s.entries.some((e) => inRegion(e.place, wanted) || (e.events || []).some((id) => eventIds.has(id))));
  const seriesIds = new Set(figures.map((s) => s.id));
  const developments = {
    ...picture.developments,
    events: picture.developments.events.filter((e) => eventIds.has(e.id)),
    claims: picture.developments.claims.filter((c) => claimIds.has(c.id)),
    contradictions: picture.developments.contradictions.filter((c) => seriesIds.has(c.series)),
  };
  const stats = { ...picture.stats, events: events.length, event_reports: events.reduce((n, e) => n + e.reports, 0),
    claims: claims.length, series: figures.length,
    contradictions: figures.reduce((n, s) => n + (s.contradictions || []).length, 0) };
  return { ...picture, events, claims, figures, developments, stats,
    timeline: picture.timeline.filter((t) => eventIds.has(t.event)) };
}

/** The names a place filter can take among these events: their places, their places' divisions and
 * countries' codes, sorted. */
export function placeNames(events) {
  const names = new Set();
  for (const event of events) {
    for (const place of [event.place, ...(event.members || []).map((m) => m.place)]) {
      if (!place) continue;
      if (place.name) names.add(place.name);
      if (place.admin1) names.add(place.admin1.name);
      if (place.country) names.add(place.country);
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
