// The page's only way to the server: same-origin JSON calls to /api.

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : `HTTP ${response.status}`;
    throw new Error(detail);
  }
  return body;
}

/** GET /api/<path>?<params>, leaving out empty parameters. */
export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, String(value));
  }
  const suffix = query.toString() ? `?${query}` : "";
  return answer(await fetch(`/api/${path}${suffix}`, { headers: { Accept: "application/json" } }));
}

export async function postJSON(path, body) {
  return answer(await fetch(`/api/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  }));
}
