// Calls of the v1 API with the signed-in user's bearer token. Every failure becomes an ApiError with
// a sentence a person can act on; the service's problem details (RFC 9457) are kept for field errors.

import { storedToken } from './session.js';

let onUnauthorized = () => {};

/** Called with the ApiError whenever the service answers 401 (expired, invalid or missing token). */
export function whenUnauthorized(listener) {
  onUnauthorized = listener;
}

export class ApiError extends Error {
  constructor(status, message, problem = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** [{field, message}] of a validation problem, or []. */
  get fieldErrors() {
    return Array.isArray(this.problem?.errors) ? this.problem.errors : [];
  }
}

function messageFor(status, problem) {
  const detail = problem && typeof problem.detail === 'string' ? problem.detail : '';
  switch (status) {
    case 400:
      return 'The service did not accept the input' + (detail ? ': ' + detail : '.') ;
    case 401:
      return 'Your sign-in was not accepted: the token is missing, expired or invalid. Please sign in again.';
    case 403:
      return 'You do not have permission for this: your role or your sites do not allow it.';
    case 404:
      return 'Not found: it does not exist, or it belongs to a site you cannot see.';
    case 409:
      return 'This already exists' + (detail ? ': ' + detail : '.');
    case 412:
      return 'Someone else changed this record after you opened it.';
    case 413:
      return 'The request is too large for the service.';
    case 415:
      return 'The service could not read the request (unsupported content type).';
    case 503:
      return 'The service or its database is unavailable at the moment. Please try again in a few seconds.';
    default:
      return status >= 500
        ? 'The service failed to handle the request (HTTP ' + status + '). Please try again later.'
        : 'The request was refused (HTTP ' + status + ')' + (detail ? ': ' + detail : '.');
  }
}

function queryString(query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query || {})) {
    if (value === null || value === undefined || value === '' || value === false) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(name, String(item));
    }
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

/**
 * One request. Returns {status, data, etag, response}; data is parsed JSON (or text/blob when asked).
 * Throws ApiError for network errors (status 0) and for every non-2xx answer.
 */
export async function request(method, path, { query, body, headers = {}, as = 'json', token } = {}) {
  const bearer = token === undefined ? storedToken() : token;
  const init = { method, headers: { Accept: as === 'json' ? 'application/json' : '*/*', ...headers },
    cache: 'no-store', credentials: 'omit', redirect: 'error' };
  if (bearer) {
    init.headers.Authorization = 'Bearer ' + bearer;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path + queryString(query), init);
  } catch (e) {
    throw new ApiError(0, 'The service could not be reached (network error). Check the connection and try again.');
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    const error = new ApiError(response.status, messageFor(response.status, problem), problem);
    if (response.status === 401) {
      onUnauthorized(error);
    }
    throw error;
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = as === 'blob' ? await response.blob() : as === 'text' ? await response.text() : await response.json();
    } catch (e) {
      throw new ApiError(response.status, 'The service sent an answer this page could not read.');
    }
  }
  return { status: response.status, data, etag: response.headers.get('ETag'), response };
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options = {}) => request('POST', path, { ...options, body });
export const put = (path, body, options = {}) => request('PUT', path, { ...options, body });
