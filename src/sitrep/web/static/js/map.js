// Map: the vendored Natural Earth base map (world-atlas TopoJSON) with the events' places on it.
// Zoom (wheel, buttons, +/- keys) and pan (drag, arrow keys); nearby places cluster; the mark's
// outline tells the place's precision (town, region, country centroid); its size the independent
// sources or the fatalities (a toggle). First-level division borders appear once zoomed in.

import { clear, el, svg } from "./dom.js";
import { countryRings, divisionBorders } from "./topo.js";

let WIDTH = 600;  // drawing units = CSS pixels of the container, so text stays readable
let HEIGHT = 420;
const CLUSTER_PX = 18;
const DIVISION_SCALE = 30;  // px per degree from which the division borders are drawn
const DIVISION_LABEL_SCALE = 45;  // ... and their names
const SIZE_MEASURES = { sources: "independent sources", fatalities: "fatalities" };
let sizeBy = "sources";
const FRAME_DEGREES = 25;
const PRECISION = { city: "town", town: "town", village: "town", locality: "town", admin1: "region",
  admin2: "region", region: "region", country: "country" };

/** Places of the events, one point per place key: its events, independent sources and fatalities
 * (`fatalities`: event id → count) summed. */
export function eventPlaces(events, fatalities = new Map()) {
  const places = new Map();
  for (const event of events) {
    const place = event.place;
    if (!place || typeof place.lat !== "number" || typeof place.lon !== "number") continue;
    const point = places.get(place.key) || { place, events: 0, sources: 0, fatalities: 0 };
    point.events += 1;
    point.sources += event.independent_sources || 0;
    point.fatalities += fatalities.get(event.id) || 0;
    places.set(place.key, point);
  }
  return [...places.values()].sort((a, b) => b.events - a.events || a.place.key.localeCompare(b.place.key));
}

export function precisionOf(place) {
  return PRECISION[place.feature] || "town";
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** The first view: around the places within FRAME_DEGREES of the median place. */
function initialView(points) {
  const lat = median(points.map((p) => p.place.lat));
  const lon = median(points.map((p) => p.place.lon));
  const near = points.filter((p) => Math.abs(p.place.lat - lat) <= FRAME_DEGREES
    && Math.abs(p.place.lon - lon) <= FRAME_DEGREES);
  const lats = near.map((p) => p.place.lat);
  const lons = near.map((p) => p.place.lon);
  const centre = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  const parallel = Math.cos((centre[1] * Math.PI) / 180);
  const spanLon = Math.max(6, (Math.max(...lons) - Math.min(...lons)) * 1.5);
  const spanLat = Math.max(4, (Math.max(...lats) - Math.min(...lats)) * 1.5);
  const scale = Math.min(WIDTH / (spanLon * parallel), HEIGHT / spanLat);  // px per degree of latitude
  return { lon: centre[0], lat: centre[1], scale, parallel };
}

function projector(view) {
  return {
    x: (lon) => WIDTH / 2 + (lon - view.lon) * view.parallel * view.scale,
    y: (lat) => HEIGHT / 2 - (lat - view.lat) * view.scale,
    lon: (x) => view.lon + (x - WIDTH / 2) / (view.parallel * view.scale),
    lat: (y) => view.lat - (y - HEIGHT / 2) / view.scale,
  };
}

function basePaths(group, project, countries, highlight) {
  const west = project.lon(0);
  const east = project.lon(WIDTH);
  const north = project.lat(0);
  const south = project.lat(HEIGHT);
  for (const country of countries) {
    const [w, s, e, n] = country.bbox;
    if (e < west || w > east || n < south || s > north) continue;
    const d = country.rings.map((ring) => `M${ring.map(([lon, lat]) =>
      `${project.x(lon).toFixed(1)},${project.y(lat).toFixed(1)}`).join("L")}Z`).join("");
    group.append(svg("path", { d, class: `land${highlight && country.iso3 === highlight ? " chosen" : ""}` },
      svg("title", {}, country.name)));
  }
}

/** Points merged while closer than CLUSTER_PX on screen or while their marks would overlap; the
 * biggest first. */
export function clusters(points, project) {
  const groups = [];
  for (const point of points) {
    const x = project.x(point.place.lon);
    const y = project.y(point.place.lat);
    const near = groups.find((g) => Math.hypot(g.x - x, g.y - y) < Math.max(CLUSTER_PX, radius(g) + radius(point) + 5));
    if (near) {
      near.points.push(point);
      near.events += point.events;
      near.sources += point.sources;
      near.fatalities += point.fatalities;
    } else {
      groups.push({ x, y, points: [point], events: point.events, sources: point.sources, fatalities: point.fatalities });
    }
  }
  return groups;
}

/** The mark's radius: by independent sources (at least 1) or by fatalities (none: the smallest mark). */
export function radius(group, measure = sizeBy) {
  if (measure === "fatalities") return 4 + 1.6 * Math.sqrt(group.fatalities || 0);
  return 5 + 2.5 * Math.sqrt(Math.max(1, group.sources));
}

/** Division borders (and, closer in, their names) in view: drawn under the marks. */
function divisionPaths(group, project, divisions, scale, taken) {
  if (!divisions || scale < DIVISION_SCALE) return;
  const west = project.lon(0);
  const east = project.lon(WIDTH);
  const north = project.lat(0);
  const south = project.lat(HEIGHT);
  const inView = ([w, s, e, n]) => !(e < west || w > east || n < south || s > north);
  for (const line of divisions.lines) {
    if (!inView(line.bbox)) continue;
    const d = `M${line.points.map(([lon, lat]) => `${project.x(lon).toFixed(1)},${project.y(lat).toFixed(1)}`).join("L")}`;
    group.append(svg("path", { d, class: `division${line.major ? " major" : ""}` }));
  }
  if (scale < DIVISION_LABEL_SCALE) return;
  for (const label of divisions.labels) {
    if (!inView([label.lon, label.lat, label.lon, label.lat])) continue;
    const box = { x: project.x(label.lon) - label.name.length * 2.7, y: project.y(label.lat) - 9, w: label.name.length * 5.4, h: 11 };
    if (overlaps(box, taken)) continue;
    taken.push(box);
    group.append(svg("text", { x: project.x(label.lon), y: project.y(label.lat), class: "division-label",
      "text-anchor": "middle" }, label.name));
  }
}

function overlaps(box, boxes) {
  return boxes.some((b) => b.x < box.x + box.w && box.x < b.x + b.w && b.y < box.y + box.h && box.y < b.y + b.h);
}

function amounts(group) {
  const fatalities = group.fatalities ? `, ${group.fatalities} killed (lowest figure reported)` : "";
  return `${group.events} event(s), ${group.sources} independent source(s)${fatalities}`;
}

function activate(node, action) {
  node.addEventListener("click", action);
  node.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); action(); }
  });
}

function drawMarks(group, groups, onPlace, zoomTo) {
  const labelled = [];
  for (const g of [...groups].sort((a, b) => radius(b) - radius(a))) {  // big marks under small ones
    const r = radius(g);
    if (g.points.length > 1) {
      const names = g.points.map((p) => `${p.place.name} (${p.events})`).join(", ");
      const mark = svg("g", { class: "cluster", tabindex: 0, role: "button",
        "aria-label": `${g.points.length} places, ${amounts(g)}: ${names}; Enter zooms in` },
      svg("circle", { cx: g.x, cy: g.y, r: Math.max(r + 3, 9) }), svg("text", { x: g.x, y: g.y + 4, "text-anchor": "middle" },
        String(g.events)), svg("title", {}, `${names}. Click to zoom in.`));
      activate(mark, () => zoomTo(g.points));
      group.append(mark);
      continue;
    }
    const { place } = g.points[0];
    const precision = precisionOf(place);
    const region = place.admin1 && place.admin1.name !== place.name ? `${place.admin1.name}, ` : "";
    const label = `${place.name} (${place.feature || "place"}, ${region}${place.country || "?"}): ${amounts(g)}`;
    const mark = precision === "country"
      ? svg("rect", { x: g.x - r, y: g.y - r, width: 2 * r, height: 2 * r, transform: `rotate(45 ${g.x} ${g.y})` })
      : svg("circle", { cx: g.x, cy: g.y, r });
    mark.setAttribute("class", `place precision-${precision}`);
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "button");
    mark.setAttribute("aria-label", `${label}; Enter filters to this place`);
    mark.append(svg("title", {}, label));
    activate(mark, () => onPlace(place.name));
    group.append(mark);
    const width = place.name.length * 6.5;
    const fits = g.x + r + 3 + width < WIDTH - 44;  // clear of the zoom buttons and the edge
    labelled.push({ x: g.x, y: g.y + 4, r, name: place.name, width, sides: fits ? ["start", "end"] : ["end"], group: g });
  }
  const box = (g) => ({ x: g.x - radius(g), y: g.y - radius(g), w: 2 * radius(g), h: 2 * radius(g), group: g });
  const markBoxes = groups.map(box);
  const placed = [];
  for (const label of labelled) {  // right of the mark, else left of it, else no label
    const others = markBoxes.filter((b) => b.group !== label.group);
    for (const side of label.sides) {
      const x = side === "start" ? label.x + label.r + 3 : label.x - label.r - 3;
      const area = { x: side === "start" ? x : x - label.width, y: label.y - 11, w: label.width, h: 14 };
      if (overlaps(area, placed) || overlaps(area, others)) continue;
      placed.push(area);
      group.append(svg("text", { x, y: label.y, class: "place-label", "text-anchor": side }, label.name));
      break;
    }
  }
  return [...placed, ...markBoxes];  // where division names must not go
}

function sizeToggle(onChange) {
  const select = el("select", { name: "map-size", "aria-label": "size the marks by" },
    Object.entries(SIZE_MEASURES).map(([value, label]) => el("option", { value }, label)));
  select.value = sizeBy;
  select.addEventListener("change", () => {
    sizeBy = select.value;
    onChange();
  });
  return el("label", { class: "key size-toggle" }, "size = ", select);
}

function legend(unplaced, onSize) {
  const key = (cls, shape, text) => el("span", { class: "key" }, el("span", { class: `swatch ${cls} ${shape}` }), text);
  return el("div", { class: "legend", "aria-label": "map legend" },
    key("precision-town", "dot", "town or city"), key("precision-region", "dot", "region (centroid)"),
    key("precision-country", "diamond", "country (centroid)"), key("cluster", "dot", "several places: click to zoom"),
    key("division", "line", "first-level division border (zoomed in)"),
    onSize ? sizeToggle(onSize) : null,
    el("span", { class: unplaced ? "unplaced" : "muted", "data-unplaced": unplaced },
      `${unplaced} event(s) without a located place`));
}

/** Draw the places of `events`; choosing one calls onPlace(name). `highlight` is an ISO3 to shade;
 * `fatalities` maps event ids to their killed counts (for sizing the marks by fatalities). */
export async function renderMap(container, events, onPlace, { highlight = null, fatalities = new Map() } = {}) {
  WIDTH = Math.min(900, Math.max(300, Math.round(container.clientWidth || 600)));
  HEIGHT = Math.round(WIDTH * 0.7);
  const points = eventPlaces(events, fatalities);
  const unplaced = events.filter((e) => !e.place || typeof e.place.lat !== "number").length;
  if (!points.length) {
    clear(container, el("p", { class: "empty" }, "No event has a located place."), legend(unplaced));
    return;
  }
  let countries = [];
  try {
    countries = await countryRings();
  } catch (error) {
    countries = [];
  }
  let divisions = null;
  const home = initialView(points);
  let view = { ...home };
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "group", tabindex: 0,
    "aria-label": `map of ${points.length} places; drag or arrow keys pan, wheel or +/- zoom` });
  const draw = () => {
    const project = projector(view);
    const base = svg("g", { class: "base" });
    const marks = svg("g", { class: "marks" });
    basePaths(base, project, countries, highlight);
    if (view.scale >= DIVISION_SCALE && !divisions) {
      divisionBorders().then((loaded) => { divisions = loaded; draw(); }).catch(() => { divisions = { lines: [], labels: [] }; });
    }
    const zoomTo = (members) => {
      const lats = members.map((p) => p.place.lat);
      const lons = members.map((p) => p.place.lon);
      const span = Math.max(0.4, Math.max(...lats) - Math.min(...lats), (Math.max(...lons) - Math.min(...lons)) * view.parallel);
      view = { ...view, lon: (Math.min(...lons) + Math.max(...lons)) / 2, lat: (Math.min(...lats) + Math.max(...lats)) / 2,
        scale: Math.max(view.scale * 2, Math.min(HEIGHT, WIDTH) / (span * 2.5)) };
      draw();
    };
    const taken = drawMarks(marks, clusters(points, project), onPlace, zoomTo);
    const lines = svg("g", { class: "divisions" });
    divisionPaths(lines, project, divisions, view.scale, taken);
    chart.dataset.divisions = String(lines.querySelectorAll("path").length);
    clear(chart, svg("rect", { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: "sea" }), base, lines, marks);
  };
  const zoom = (factor, x = WIDTH / 2, y = HEIGHT / 2) => {
    const project = projector(view);
    const lon = project.lon(x);
    const lat = project.lat(y);
    const scale = Math.min(4000, Math.max(2, view.scale * factor));
    view = { ...view, scale, lon: lon - (x - WIDTH / 2) / (view.parallel * scale), lat: lat + (y - HEIGHT / 2) / scale };
    draw();
  };
  const pan = (dx, dy) => {
    view = { ...view, lon: view.lon - dx / (view.parallel * view.scale), lat: view.lat + dy / view.scale };
    draw();
  };
  wireGestures(chart, zoom, pan);
  chart.addEventListener("keydown", (e) => {
    if (e.target !== chart) return;
    const moves = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
    if (moves[e.key]) { e.preventDefault(); pan(...moves[e.key]); }
    if (e.key === "+" || e.key === "=") zoom(1.5);
    if (e.key === "-") zoom(1 / 1.5);
  });
  draw();
  const controls = el("div", { class: "map-controls" },
    el("button", { type: "button", "aria-label": "zoom in", onclick: () => zoom(1.5) }, "+"),
    el("button", { type: "button", "aria-label": "zoom out", onclick: () => zoom(1 / 1.5) }, "−"),
    el("button", { type: "button", "aria-label": "reset the map view", onclick: () => { view = { ...home }; draw(); } },
      "fit"));
  clear(container, el("div", { class: "map-frame" }, chart, controls), legend(unplaced, draw),
    el("p", { class: "credit muted" }, "Base map: Natural Earth (world-atlas; admin-1 borders simplified)."));
}

/** Wheel zooms at the pointer; a drag pans (a click without movement still reaches the marks). */
function wireGestures(chart, zoom, pan) {
  const toViewBox = (event) => {
    const box = chart.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * WIDTH, ((event.clientY - box.top) / box.height) * HEIGHT,
      WIDTH / box.width];
  };
  chart.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [x, y] = toViewBox(event);
    zoom(event.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  let drag = null;
  chart.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, y: event.clientY, moved: false };
  });
  chart.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const [, , unit] = toViewBox(event);
    const dx = (event.clientX - drag.x) * unit;
    const dy = (event.clientY - drag.y) * unit;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) chart.setPointerCapture(event.pointerId);
    drag = { x: event.clientX, y: event.clientY, moved: true };
    chart.classList.add("dragging");
    pan(dx, dy);
  });
  const end = () => {
    drag = null;
    chart.classList.remove("dragging");
  };
  chart.addEventListener("pointerup", end);
  chart.addEventListener("pointercancel", end);
}
