// Actor network: actors as nodes, fused events as edges source → target, laid out on a circle.

import { clear, el, svg } from "./dom.js";

const SIZE = 520;
const LABEL_ROOM = 120;

/** Nodes (by actor key) and edges (one per source→target pair, with the events' types) of the events. */
export function actorGraph(events) {
  const nodes = new Map();
  const edges = new Map();
  const node = (ref) => {
    const found = nodes.get(ref.key) || { key: ref.key, name: ref.name || ref.key, degree: 0 };
    nodes.set(ref.key, found);
    return found;
  };
  for (const event of events) {
    if (!event.source || !event.target || !event.source.key || !event.target.key) continue;
    if (event.source.key === event.target.key) continue;
    node(event.source).degree += 1;
    node(event.target).degree += 1;
    const id = `${event.source.key}\u0000${event.target.key}`;
    const edge = edges.get(id) || { from: event.source.key, to: event.target.key, events: 0, types: new Set() };
    edge.events += 1;
    edge.types.add(event.type);
    edges.set(id, edge);
  }
  const ordered = [...nodes.values()].sort((a, b) => b.degree - a.degree || a.key.localeCompare(b.key));
  return { nodes: ordered, edges: [...edges.values()] };
}

/** Draw the graph; choosing an actor calls onActor(key): the entity key filters exactly. */
export function renderNetwork(container, events, onActor) {
  const { nodes, edges } = actorGraph(events);
  if (!nodes.length) {
    clear(container, el("p", { class: "empty" }, "No event names both a source and a target actor."));
    return;
  }
  // Text keeps a readable size on screen whatever the width the chart is shown at (a phone shrinks it).
  const shown = Math.max(280, container.clientWidth || SIZE + 2 * LABEL_ROOM);
  const namePixels = shown < 500 ? 80 : 110;  // screen room for the names on each side
  const room = Math.max(LABEL_ROOM, (namePixels * (SIZE + 2 * LABEL_ROOM)) / shown);
  const unit = (SIZE + 2 * room) / shown;  // drawing units per screen pixel
  const nodeFont = Math.max(11, 10 * unit);
  const maxChars = Math.max(8, Math.floor((room + 16) / (nodeFont * 0.55)));
  const centre = SIZE / 2;
  const ring = centre - LABEL_ROOM / 2 - 20;
  const position = new Map(nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    return [n.key, { x: centre + ring * Math.cos(angle), y: centre + ring * Math.sin(angle), angle }];
  }));
  const chart = svg("svg", { viewBox: `${-room} 0 ${SIZE + 2 * room} ${SIZE}`, class: "network",
    role: "img", "aria-label": `network of ${nodes.length} actors` });
  chart.style.setProperty("--node-font", `${nodeFont.toFixed(1)}px`);
  chart.style.setProperty("--edge-font", `${Math.max(10, 9 * unit).toFixed(1)}px`);
  chart.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0 L10,5 L0,10 z",
    class: "arrow" }))));
  const radius = (n) => 5 + 2 * Math.sqrt(n.degree);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const labels = [];
  for (const edge of edges) {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    const gap = radius(byKey.get(edge.to)) + 2;
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const types = [...edge.types].sort().join(", ");
    const mx = a.x + (b.x - a.x) * 0.55;
    const my = a.y + (b.y - a.y) * 0.55;
    labels.push(svg("text", { x: mx, y: my - 3, class: "edge-label", "text-anchor": "middle" },
      types.length > 26 ? `${types.slice(0, 25)}…` : types));
    chart.append(svg("line", { x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) / length) * gap,
      y2: b.y - ((b.y - a.y) / length) * gap, class: "edge", "stroke-width": 1 + Math.sqrt(edge.events),
      "marker-end": "url(#arrow)" },
    svg("title", {}, `${byKey.get(edge.from).name} → ${byKey.get(edge.to).name}: ${edge.events} event(s), ` +
      [...edge.types].sort().join(", "))));
  }
  chart.append(...labels);
  for (const n of nodes) {
    const { x, y, angle } = position.get(n.key);
    const right = Math.cos(angle) >= 0;
    chart.append(svg("circle", { cx: x, cy: y, r: radius(n), class: "node", tabindex: 0, role: "button",
      "aria-label": `${n.name}: ${n.degree} event end(s); Enter filters to this actor`,
      onclick: () => onActor(n.key),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onActor(n.key); } } },
    svg("title", {}, `${n.name} (${n.key}): ${n.degree} event end(s)`)),
    svg("text", { x: x + (right ? 1 : -1) * (radius(n) + 4), y: y + 4, class: "node-label",
      "text-anchor": right ? "start" : "end" }, n.name.length > maxChars ? `${n.name.slice(0, maxChars - 1)}…` : n.name));
  }
  clear(container, chart);
}
