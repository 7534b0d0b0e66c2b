// Filter state: read from and written to the form and the page URL (shareable; Back restores it).
// since/until/place/actor go to the server; type/status/min_sources and the table search are
// applied here, to the events the server returned.

export const SERVER_FILTERS = ["since", "until", "place", "actor"];
export const PAGE_FILTERS = ["type", "status", "min_sources"];
export const ALL_FILTERS = [...SERVER_FILTERS, ...PAGE_FILTERS, "q"];

/** The filters in the URL's query string. */
export function fromURL(search = window.location.search) {
  const params = new URLSearchParams(search);
  return Object.fromEntries(ALL_FILTERS.map((name) => [name, (params.get(name) || "").trim()]));
}

/** A query string of the non-empty filters ("" when none). */
export function toQuery(state) {
  const params = new URLSearchParams();
  for (const name of ALL_FILTERS) if (state[name]) params.set(name, state[name]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Record `state` in the history (a new entry unless it is the current one). */
export function pushState(state, replace = false) {
  const query = toQuery(state);
  if (query === window.location.search) return;
  const url = `${window.location.pathname}${query}`;
  if (replace) window.history.replaceState(state, "", url);
  else window.history.pushState(state, "", url);
}

export function readForm(form) {
  const data = new FormData(form);
  return Object.fromEntries(ALL_FILTERS.filter((n) => n !== "q").map((n) => [n, String(data.get(n) || "").trim()]));
}

export function writeForm(form, state) {
  for (const name of ALL_FILTERS) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    if (field.tagName === "SELECT" && state[name] && ![...field.options].some((o) => o.value === state[name])) {
      field.append(new Option(state[name], state[name]));
    }
    field.value = state[name] || "";
  }
}

/** Replace a select's options by "all …" and these values, keeping the chosen one. */
export function fillSelect(select, values, allLabel) {
  const chosen = select.value;
  const options = [new Option(allLabel, ""), ...[...new Set([...values, chosen].filter(Boolean))].sort()
    .map((v) => new Option(v, v))];
  select.replaceChildren(...options);
  select.value = chosen;
}

/** The events kept by the page's own filters (type, status, minimum independent sources). */
export function pageFilter(events, state) {
  const min = Number.parseInt(state.min_sources, 10) || 0;
  return events.filter((e) => (!state.type || e.type === state.type)
    && (!state.status || e.status === state.status)
    && (e.independent_sources || 0) >= min);
}
