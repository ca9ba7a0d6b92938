// Start-up, sign-in and sign-out, and switching between the clinician and the analyst view.

import { $, $$, show, setMessage } from './dom.js';
import { request, whenUnauthorized } from './api.js';
import { storedToken, storeToken, clearToken, describeToken, viewsFor } from './session.js';
import { dateTime } from './format.js';
import { initClinician, prepareClinician, showClinician, resetClinician, useClinicianReference } from './clinician.js';
import { loadReference, fillSelects } from './reference.js';
import { useReference } from './timepoints.js';
import { initAnalyst, showAnalyst, resetAnalyst } from './analyst.js';

const VIEWS = {
  clinician: { section: '#clinician-view', button: '#show-clinician', show: showClinician },
  analyst: { section: '#analyst-view', button: '#show-analyst', show: showAnalyst },
};

let identity = null;

function tokenFieldError(text) {
  const error = $('#token-error');
  error.textContent = text || '';
  error.hidden = !text;
  const input = $('#token-input');
  if (text) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } else {
    input.removeAttribute('aria-invalid');
  }
}

function showBanner(text, offerSignIn) {
  $('#banner-text').textContent = text;
  show($('#banner-sign-in'), offerSignIn);
  show($('#banner'), true);
}

function hideBanner() {
  show($('#banner'), false);
}

/** Signs in with a token; returns false (and says why next to the field) when it cannot be used. */
function signIn(token) {
  let described;
  try {
    described = describeToken(token);
  } catch (error) {
    tokenFieldError(error.message);
    return false;
  }
  if (!described.role) {
    tokenFieldError('This token carries none of the roles this page knows (clinician, analyst, admin) in its '
      + '"groups" claim.');
    return false;
  }
  if (!described.audiences.length) {
    tokenFieldError('This token names no audience (its "aud" claim is missing); the service accepts only tokens '
      + 'issued for it. Ask your identity provider for a token for the kyphoplasty outcomes service.');
    return false;
  }
  if (described.expiresAt && described.expiresAt.getTime() <= Date.now()) {
    tokenFieldError(`This token expired on ${dateTime(described.expiresAt)}. Get a new one and sign in again.`);
    return false;
  }
  tokenFieldError('');
  storeToken(token.trim());
  identity = described;
  hideBanner();
  renderIdentity();
  prepareClinician(identity);
  resetAnalyst();
  const views = viewsFor(identity.roles);
  show($('#signin'), false);
  show($('#views'), views.length > 1);
  for (const [name, view] of Object.entries(VIEWS)) {
    show($(view.button), views.includes(name));
  }
  // every form and window is built from the service's definitions, so the views open once they are here
  loadReference().then((data) => {
    useReference(data);
    fillSelects();
    useClinicianReference();
    selectView(views[0]);
  }).catch((error) => showBanner(`The service's definitions could not be loaded: ${error.message}`, false));
  $('#main').focus({ preventScroll: true });
  return true;
}

function renderIdentity() {
  $('#whoami-user').textContent = identity.user;
  const otherGroups = identity.groups.filter((group) => !identity.roles.includes(group));
  $('#whoami-role').textContent = identity.role + (otherGroups.length ? ` (other groups: ${otherGroups.join(', ')})` : '');
  $('#whoami-sites').textContent = identity.admin ? 'all sites'
    : identity.sites.length ? identity.sites.join(', ')
      : identity.roles.includes('clinician') ? 'none' : 'not needed (aggregates)';
  $('#whoami-expires').textContent = dateTime(identity.expiresAt);
  show($('#whoami'), true);
}

function selectView(name) {
  for (const [viewName, view] of Object.entries(VIEWS)) {
    const selected = viewName === name;
    show($(view.section), selected);
    $(view.button).setAttribute('aria-pressed', String(selected));
  }
  VIEWS[name].show();
}

function signOut(message = 'Signed out. The token has been forgotten.', kind = 'ok') {
  clearToken();
  identity = null;
  resetClinician();
  resetAnalyst();
  for (const view of Object.values(VIEWS)) {
    show($(view.section), false);
  }
  show($('#views'), false);
  show($('#whoami'), false);
  $('#token-input').value = '';
  tokenFieldError('');
  show($('#signin'), true);
  setMessage($('#signin-message'), message, kind);
  $('#token-input').focus();
}

/** The dev-token buttons appear only when the service answers /dev/token (dev mode); 404 elsewhere. */
async function offerDevTokens() {
  try {
    await request('GET', '/dev/token', { query: { role: 'analyst' }, as: 'text', token: null });
    show($('#dev-tokens'), true);
  } catch (error) {
    show($('#dev-tokens'), false);
  }
}

/** Dev mode: imports the synthetic demo cohort (2,000 patients, SYN- references) so the analyst view has figures. */
async function loadDemoCohort() {
  const button = $('#dev-demo-cohort');
  button.disabled = true;
  setMessage($('#dev-demo-status'), 'Loading the synthetic demo cohort…');
  try {
    const { data } = await request('POST', '/dev/demo-cohort', { token: null });
    setMessage($('#dev-demo-status'), `Demo cohort loaded: ${data.rows} rows, ${data.patientsCreated} new patients. `
      + 'Sign in as analyst to see the figures.', 'ok');
  } catch (error) {
    setMessage($('#dev-demo-status'), error.message, 'error');
  } finally {
    button.disabled = false;
  }
}

async function signInWithDevToken(role) {
  const sites = role === 'clinician' ? $('#dev-sites').value.replace(/\s+/g, '') : '';
  const buttons = $$('[data-dev-role]');
  buttons.forEach((button) => { button.disabled = true; });
  try {
    const { data } = await request('GET', '/dev/token', { query: { role, sites }, as: 'text', token: null });
    setMessage($('#signin-message'), '');
    signIn(data);
  } catch (error) {
    setMessage($('#signin-message'), error.message, 'error');
  } finally {
    buttons.forEach((button) => { button.disabled = false; });
  }
}

function start() {
  initClinician();
  initAnalyst();
  whenUnauthorized((error) => showBanner(error.message, true));
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setMessage($('#signin-message'), '');
    signIn($('#token-input').value);
  });
  for (const button of $$('[data-dev-role]')) {
    button.addEventListener('click', () => signInWithDevToken(button.dataset.devRole));
  }
  $('#sign-out').addEventListener('click', () => signOut());
  $('#banner-sign-in').addEventListener('click', () => {
    hideBanner();
    signOut('Please sign in again with a valid token.', 'warn');
  });
  $('#banner-close').addEventListener('click', hideBanner);
  for (const [name, view] of Object.entries(VIEWS)) {
    $(view.button).addEventListener('click', () => selectView(name));
  }
  offerDevTokens();
  $('#dev-demo-cohort').addEventListener('click', loadDemoCohort);
  const token = storedToken();
  if (!token || !signIn(token)) {
    if (token) {
      clearToken();
    }
    show($('#signin'), true);
  }
  document.body.dataset.ready = 'true';
}

start();
