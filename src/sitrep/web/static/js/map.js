// Map: an equirectangular projection of event places (no tiles, no outlines), with a graticule.

import { clear, el, svg } from "./dom.js";

const WIDTH = 600;
const HEIGHT = 420;
const MARGIN = 24;
const GRID_STEPS = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 45];
const CHAR_WIDTH = 6.5;

/** Places of the events, one point per place key: its events and independent sources summed. */
export function eventPlaces(events) {
  const places = new Map();
  for (const event of events) {
    const place = event.place;
    if (!place || typeof place.lat !== "number" || typeof place.lon !== "number") continue;
    const point = places.get(place.key) || { place, events: 0, sources: 0 };
    point.events += 1;
    point.sources += event.independent_sources || 0;
    places.set(place.key, point);
  }
  return [...places.values()].sort((a, b) => b.events - a.events || a.place.key.localeCompare(b.place.key));
}

const FRAME_DEGREES = 25;

/** The points the map frames (those within FRAME_DEGREES of the median place) and those left off it. */
function framed(points) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const lat = median(points.map((p) => p.place.lat));
  const lon = median(points.map((p) => p.place.lon));
  const near = (p) => Math.abs(p.place.lat - lat) <= FRAME_DEGREES && Math.abs(p.place.lon - lon) <= FRAME_DEGREES;
  return [points.filter(near), points.filter((p) => !near(p))];
}

function extent(points) {
  const lats = points.map((p) => p.place.lat);
  const lons = points.map((p) => p.place.lon);
  const pad = (lo, hi, min) => {
    const middle = (lo + hi) / 2;
    const half = Math.max(min / 2, (hi - lo) / 2 + 1);
    return [middle - half, middle + half];
  };
  const [south, north] = pad(Math.min(...lats), Math.max(...lats), 3);
  const [west, east] = pad(Math.min(...lons), Math.max(...lons), 4);
  return { south: Math.max(-90, south), north: Math.min(90, north), west: Math.max(-180, west),
    east: Math.min(180, east) };
}

function projection(box) {
  const parallel = Math.cos((((box.north + box.south) / 2) * Math.PI) / 180);
  const widthUnits = (box.east - box.west) * parallel;
  const heightUnits = box.north - box.south;
  const scale = Math.min((WIDTH - 2 * MARGIN) / widthUnits, (HEIGHT - 2 * MARGIN) / heightUnits);
  const offsetX = (WIDTH - widthUnits * scale) / 2;
  const offsetY = (HEIGHT - heightUnits * scale) / 2;
  return {
    x: (lon) => offsetX + (lon - box.west) * parallel * scale,
    y: (lat) => offsetY + (box.north - lat) * scale,
    lon: (x) => box.west + (x - offsetX) / (parallel * scale),
    lat: (y) => box.north - (y - offsetY) / scale,
  };
}

/** What the whole drawing shows, in degrees. */
function visible(project) {
  return { west: project.lon(0), east: project.lon(WIDTH), north: project.lat(0), south: project.lat(HEIGHT) };
}

function graticule(chart, project) {
  const box = visible(project);
  const step = GRID_STEPS.find((s) => Math.max(box.east - box.west, box.north - box.south) / s <= 8) || 45;
  const degrees = (v, pos, neg) => `${Math.abs(v)}°${v >= 0 ? pos : neg}`;
  for (let lon = Math.ceil(box.west / step) * step; lon <= box.east; lon += step) {
    const x = project.x(lon);
    chart.append(svg("line", { x1: x, x2: x, y1: project.y(box.north), y2: project.y(box.south), class: "grid" }),
      svg("text", { x: x + 2, y: HEIGHT - 4, class: "tick" }, degrees(+lon.toFixed(2), "E", "W")));
  }
  for (let lat = Math.ceil(box.south / step) * step; lat <= box.north; lat += step) {
    const y = project.y(lat);
    chart.append(svg("line", { x1: project.x(box.west), x2: project.x(box.east), y1: y, y2: y, class: "grid" }),
      svg("text", { x: 2, y: y - 3, class: "tick" }, degrees(+lat.toFixed(2), "N", "S")));
  }
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Draw the places of `events`; clicking one calls onPlace(name). */
export function renderMap(container, events, onPlace) {
  const all = eventPlaces(events);
  if (!all.length) {
    clear(container, el("p", { class: "empty" }, "No event has a located place."));
    return;
  }
  const [points, away] = framed(all);
  const project = projection(extent(points));
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "img",
    "aria-label": `map of ${points.length} places` });
  chart.append(svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }));
  graticule(chart, project);
  const labels = [];
  for (const point of [...points].reverse()) {
    const { place } = point;
    const r = 4 + 3 * Math.sqrt(point.events);
    const cx = project.x(place.lon);
    const cy = project.y(place.lat);
    chart.append(svg("circle", { cx, cy, r, class: `place feature-${place.feature || "unknown"}`, tabindex: 0,
      onclick: () => onPlace(place.name) },
    svg("title", {}, `${place.name} (${place.feature || "place"}, ${place.country || "?"}): ` +
      `${point.events} event(s), ${point.sources} independent source(s)`)));
    labels.push({ point, cx, cy, r });
  }
  const placed = [];
  for (const { point, cx, cy, r } of labels.reverse()) {  // most events first get their label
    const name = point.place.name;
    const box2 = { x: cx + r + 2, y: cy - 7, w: name.length * CHAR_WIDTH, h: 14 };
    if (placed.some((b) => overlaps(b, box2))) continue;
    placed.push(box2);
    chart.append(svg("text", { x: box2.x, y: cy + 4, class: "place-label" }, name));
  }
  clear(container, chart, away.length ? el("p", { class: "note" }, "Off the map: ",
    away.map((p) => `${p.place.name} (${p.events})`).join(", ")) : null);
}
