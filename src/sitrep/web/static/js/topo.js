// The vendored base map: world-atlas TopoJSON (Natural Earth 1:50m) decoded to lon/lat rings, the
// first-level division borders (Natural Earth admin-1, simplified) decoded to lines,
// and country names mapped to ISO3 codes for the place filter. Each fetched once, same origin.

let countriesPromise = null;
let codesPromise = null;

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

function ring(arcs, indexes) {
  const points = [];
  for (const index of indexes) {
    const arc = index >= 0 ? arcs[index] : [...arcs[~index]].reverse();
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

function bbox(rings) {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const r of rings) {
    for (const [lon, lat] of r) {
      w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
    }
  }
  return [w, s, e, n];
}

/** Name → ISO3 (lower-case names), from /static/vendor/country-codes.json. */
export function countryCodes() {
  codesPromise = codesPromise || fetch("/static/vendor/country-codes.json").then((r) => {
    if (!r.ok) throw new Error(`country codes: HTTP ${r.status}`);
    return r.json();
  });
  return codesPromise;
}

/** Every country: {name, iso3, rings, bbox}. */
export function countryRings() {
  countriesPromise = countriesPromise || Promise.all([
    fetch("/static/vendor/countries-50m.json").then((r) => {
      if (!r.ok) throw new Error(`base map: HTTP ${r.status}`);
      return r.json();
    }),
    countryCodes().catch(() => ({})),
  ]).then(([topology, codes]) => {
    const arcs = decodeArcs(topology);
    return topology.objects.countries.geometries.map((geometry) => {
      const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs || [];
      const rings = polygons.flatMap((polygon) => polygon.map((indexes) => ring(arcs, indexes)));
      const name = (geometry.properties && geometry.properties.name) || "";
      return { name, iso3: codes[name.toLowerCase()] || null, rings, bbox: bbox(rings) };
    });
  });
  return countriesPromise;
}

/** The ISO3 code a typed place means when it is a country's name ("Niger" → "NER"), else null. */
export async function countryCode(text) {
  if (!text) return null;
  if (/^[A-Za-z]{3}$/.test(text) && text === text.toUpperCase()) return text;
  try {
    const codes = await countryCodes();
    return codes[text.trim().toLowerCase()] || null;
  } catch {
    return null;
  }
}

let divisionsPromise = null;

function decodePoint(topology, [x, y]) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return [x * sx + tx, y * sy + ty];
}

/** First-level division borders inside each country (Natural Earth admin-1, vendored, see NOTICE.txt):
 * {lines: [{iso3, major, points, bbox}], labels: [{iso3, name, lon, lat}], groups: [{iso3, name}]} (groups: what
 * Natural Earth's provinces belong to, e.g. Burkina Faso's regions); fetched once, when first asked. */
export function divisionBorders() {
  divisionsPromise = divisionsPromise || fetch("/static/vendor/admin1-borders.json").then((r) => {
    if (!r.ok) throw new Error(`division borders: HTTP ${r.status}`);
    return r.json();
  }).then((topology) => {
    const arcs = decodeArcs(topology);
    const lines = topology.objects.borders.geometries.flatMap((geometry) => geometry.arcs.map((indexes) => {
      const points = ring(arcs, indexes);
      return { iso3: geometry.properties.iso3, major: Boolean(geometry.properties.major), points, bbox: bbox([points]) };
    }));
    const labels = topology.objects.divisions.geometries.flatMap((geometry) => geometry.coordinates.map((at, i) => {
      const [lon, lat] = decodePoint(topology, at);
      return { iso3: geometry.properties.iso3, name: geometry.properties.names[i], lon, lat };
    }));
    const groups = topology.objects.divisions.geometries.flatMap((geometry) =>
      (geometry.properties.groups || []).map((name) => ({ iso3: geometry.properties.iso3, name })));
    return { lines, labels, groups };
  });
  return divisionsPromise;
}
