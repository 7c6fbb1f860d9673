// The /v1 API: the token from sessionStorage goes out as a Bearer token; errors come back as
// problem+json and are thrown as ApiError.

const TOKEN_KEY = "drafter.token";

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  // the API's details are in English, for operators; the reviewer gets a Russian sentence
  get russian() {
    const known = {
      0: "сервер недоступен, проверьте соединение и повторите",
      401: "сеанс завершён, войдите снова",
      403: "у вашей роли нет прав на это действие",
      404: "черновик не найден или недоступен вам",
      409: "черновик изменён другим пользователем",
      412: "черновик изменён другим пользователем",
      422: "сервер отклонил данные",
      429: "слишком много запросов, повторите позже",
    };
    const base = known[this.status] || (this.status >= 500 ? "ошибка сервера" : "запрос отклонён");
    return this.status && this.status !== 404 ? `${base} (${this.message})` : base;
  }

  get isConflict() {
    return this.status === 409 || this.status === 412;
  }
}

// `version` goes out as If-Match (412 on mismatch) and, for JSON bodies, in the body (409):
// the server never overwrites a newer version with an edit made on an older one.
export async function api(method, path, { body, query, version, secret } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const headers = { Accept: "application/json" };
  const bearer = secret || token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (version !== undefined && version !== null) headers["If-Match"] = `"${version}"`;
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    const payload = version !== undefined && version !== null ? { ...body, version } : body;
    init.body = JSON.stringify(payload);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, { detail: "Сервер недоступен. Проверьте соединение и повторите." });
  }
  const type = res.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (res.status === 401 && !secret) window.dispatchEvent(new CustomEvent("drafter:logout"));
    throw error;
  }
  return data;
}

export const drafts = {
  list: (query) => api("GET", "/v1/drafts", { query }),
  get: (id) => api("GET", `/v1/drafts/${encodeURIComponent(id)}`),
  history: (id) => api("GET", `/v1/drafts/${encodeURIComponent(id)}/history`),
  saveText: (id, text, version) =>
    api("PUT", `/v1/drafts/${encodeURIComponent(id)}/text`, { body: { text }, version }),
  submit: (id, version) =>
    api("POST", `/v1/drafts/${encodeURIComponent(id)}/submit`, { body: {}, version }),
  review: (id, decision, version) =>
    api("POST", `/v1/drafts/${encodeURIComponent(id)}/review`, { body: decision, version }),
  redraft: (id, version) =>
    api("POST", `/v1/drafts/${encodeURIComponent(id)}/redraft`, { version }),
  setFacts: (id, facts, version) =>
    api("PUT", `/v1/drafts/${encodeURIComponent(id)}/facts`, { body: { facts }, version }),
  // a new appeal; the draft is written in the background (202), the page follows it
  create: (appeal, facts = null) =>
    api("POST", "/v1/drafts", { body: facts ? { appeal, facts } : { appeal } }),
  timeline: (id) => api("GET", `/v1/drafts/${encodeURIComponent(id)}/timeline`),
  markSent: (id, version) =>
    api("POST", `/v1/drafts/${encodeURIComponent(id)}/sent`, { version }),
};

// The draft as it is written: Server-Sent Events over fetch (EventSource cannot send the
// Bearer token). Calls onToken(piece) for each piece and resolves when the draft is done.
export async function streamDraft(id, onToken, signal) {
  const headers = { Accept: "text/event-stream", Authorization: `Bearer ${token.get()}` };
  const res = await fetch(`/v1/drafts/${encodeURIComponent(id)}/stream`, { headers, signal });
  if (!res.ok || !res.body) throw new ApiError(res.status, null);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0 || (cut = buffer.indexOf("\r\n\r\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + (buffer.startsWith("\r\n", cut) ? 4 : 2));
      const event = (block.match(/^event: ?(.*)$/m) || [])[1];
      const data = block.split(/\r?\n/).filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, "")).join("\n");
      if (event === "token" && data) onToken(JSON.parse(data).text || "");
      if (event === "done") { reader.cancel(); return; }
    }
  }
}

// an appeal record (imported history or a live draft's), for examples and search hits
export const appeals = {
  get: (id) => api("GET", `/v1/appeals/${encodeURIComponent(id)}`),
};

export const search = (q, query = {}) => api("GET", "/v1/search", { query: { q, ...query } });

export const analytics = {
  agencies: (query) => api("GET", "/v1/analytics/agencies", { query }),
  painPoints: (query) => api("GET", "/v1/analytics/pain-points", { query }),
};

// the coach: an appeal and someone's own reply, checked like a draft
export const check = (appeal, reply) => api("POST", "/v1/check", { body: { appeal, reply } });

export const me = (secret) => api("GET", "/v1/me", { secret });
export const reasonCodes = () => api("GET", "/v1/meta/reason-codes");
