// The stylefleet HTTP API as the page uses it (docs/api.md). Every /v1 call carries the API key as
// `Authorization: Bearer <key>`; images behind /v1 are therefore fetched as blobs and shown through
// object URLs (an <img src> cannot send the header).

/** An error answer from the API: {"error":{"code","message","field"}}, or a network failure. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export class Api {
  /** @param {() => string} keyProvider returns the API key currently typed in the page */
  constructor(keyProvider) {
    this.keyProvider = keyProvider;
  }

  headers(extra = {}) {
    return { Authorization: `Bearer ${this.keyProvider()}`, ...extra };
  }

  /** fetch() with the key; throws ApiError for non-2xx answers and for network failures. */
  async request(path, init = {}) {
    let response;
    try {
      response = await fetch(path, { ...init, headers: this.headers(init.headers) });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', `The server could not be reached (${e.message}).`);
    }
    if (!response.ok) {
      throw await ApiError.from(response);
    }
    return response;
  }

  async json(path, init) {
    return (await this.request(path, init)).json();
  }

  /** An image behind the key as an object URL (revoke it when replaced). */
  async imageUrl(path) {
    const blob = await (await this.request(path)).blob();
    return URL.createObjectURL(blob);
  }

  submitJob(form) {
    return this.json('/v1/jobs', { method: 'POST', body: form });
  }

  submitStyle(form) {
    return this.json('/v1/styles', { method: 'POST', body: form });
  }

  job(id) {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}`);
  }

  cancel(id) {
    return this.request(`/v1/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  models() {
    return this.json('/v1/models');
  }

  styles() {
    return this.json('/v1/styles');
  }

  datasets() {
    return this.json('/v1/datasets');
  }
}

ApiError.from = async function from(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    // a bare status (for example a 413 cut off by the HTTP layer): described by its status below
  }
  const e = body && body.error ? body.error : {};
  return new ApiError(response.status, e.code || `HTTP_${response.status}`,
    e.message || `${response.status} ${response.statusText}`, e.field);
};
