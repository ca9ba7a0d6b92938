// The signed-in user's token. Kept in sessionStorage only: it lives as long as the tab, is not shared
// with other tabs and is never written to localStorage or a cookie. The payload is decoded here for
// display only; the service verifies the signature on every request.

const KEY = 'kyphoplasty.token';
const ROLES = ['clinician', 'analyst', 'admin'];

export function storedToken() {
  try {
    return sessionStorage.getItem(KEY);
  } catch (e) {
    return null;
  }
}

export function storeToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function clearToken() {
  try {
    sessionStorage.removeItem(KEY);
  } catch (e) {
    // storage unavailable: nothing was kept
  }
}

function base64UrlDecode(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * What the token says about its holder: {user, groups, sites, roles, role (for display), admin, expiresAt,
 * audiences}. Throws an Error with a
 * readable message when the text is not a JWT.
 */
export function describeToken(token) {
  const parts = (token || '').trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part)) || !parts[1]) {
    throw new Error('This is not a JWT: expected three base64url parts separated by dots.');
  }
  let payload;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]));
  } catch (e) {
    throw new Error('The token\'s payload could not be read as JSON.');
  }
  if (payload === null || typeof payload !== 'object') {
    throw new Error('The token\'s payload is not a JSON object.');
  }
  const groups = Array.isArray(payload.groups) ? payload.groups.map(String)
    : typeof payload.groups === 'string' ? [payload.groups] : [];
  const sites = Array.isArray(payload.sites) ? payload.sites.map(String)
    : typeof payload.sites === 'string' ? [payload.sites] : [];
  const roles = ROLES.filter((candidate) => groups.includes(candidate));
  const audiences = Array.isArray(payload.aud) ? payload.aud.map(String)
    : typeof payload.aud === 'string' ? [payload.aud] : [];
  return {
    user: String(payload.upn || payload.preferred_username || payload.sub || 'unknown user'),
    groups,
    sites,
    roles,
    role: roles.length ? roles.join(' and ') : null,
    admin: roles.includes('admin'),
    expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
    audiences,
  };
}

/** The views a token's roles may use, as the service decides: an admin sees both. */
export function viewsFor(roles) {
  const views = [];
  if (roles.includes('clinician') || roles.includes('admin')) {
    views.push('clinician');
  }
  if (roles.includes('analyst') || roles.includes('admin')) {
    views.push('analyst');
  }
  return views;
}
