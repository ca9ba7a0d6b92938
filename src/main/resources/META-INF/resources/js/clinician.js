// Clinician view: find or register a patient, add a procedure, see its time points, record or correct
// an assessment (If-Match with the ETag), and the follow-up worklist of the clinician's sites.

import { $, $$, h, replace, show, setMessage, definitions, formValues, numberOrNull, busy } from './dom.js';
import { ApiError, get, post, put } from './api.js';
import { clearProblems, showProblem } from './forms.js';
import { label, todayIso, daysBetween } from './format.js';
import { reference, applyScoreRanges } from './reference.js';
import { TIMEPOINTS, timepoint, describeWindow, statusOf, STATUS_LABELS, suggestedDate, dateLimits, windowOf }
  from './timepoints.js';

const REGIONS = { C: 'Cervical', T: 'Thoracic', L: 'Lumbar', S: 'Sacral' };

/** The service's levels grouped by region (the letter each starts with), in the service's order. */
function levelsByRegion() {
  const groups = {};
  for (const level of reference().levels) {
    const region = REGIONS[level[0]] || level[0];
    (groups[region] = groups[region] || []).push(level);
  }
  return groups;
}
const WORKLIST_PAGE_SIZE = 25;
const SCORE_FIELDS = ['painNrs', 'mobilityFac', 'odi', 'rmdq', 'eq5dIndex'];

const state = {
  patient: null,
  procedure: null,
  editing: null, // {procedure, point, etag}
  worklistPage: 0,
  worklistLoaded: false,
};

const encode = encodeURIComponent;

/** Wires the view's controls; once per page load. */
export function initClinician() {
  $('#find-form').addEventListener('submit', (event) => { event.preventDefault(); findPatient(); });
  $('#create-form').addEventListener('submit', (event) => { event.preventDefault(); createPatient(); });
  $('#procedure-form').addEventListener('submit', (event) => { event.preventDefault(); createProcedure(); });
  $('#procedure-type').addEventListener('change', toggleCement);
  $('#assessment-form').addEventListener('submit', (event) => { event.preventDefault(); saveAssessment(); });
  $('#assessment-form').addEventListener('input', describeChosenDate);
  $('#assessment-cancel').addEventListener('click', closeAssessment);
  $('#worklist-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.worklistPage = 0;
    loadWorklist();
  });
  $('#worklist-previous').addEventListener('click', () => { state.worklistPage -= 1; loadWorklist(); });
  $('#worklist-next').addEventListener('click', () => { state.worklistPage += 1; loadWorklist(); });
  $('#procedure-performed-on').max = todayIso();
  $('#procedure-fracture-onset').max = todayIso();
  $('#create-birth-year').max = String(new Date().getFullYear());
  toggleCement();
}

/** Builds what depends on the service's definitions: the level choices and the score ranges. */
export function useClinicianReference() {
  buildLevelCheckboxes();
  applyScoreRanges($('#clinician-view'));
  $('#create-birth-year').min = String(reference().earliestYear);
  toggleCement();
}

/** Sets the view up for a newly signed-in user. */
export function prepareClinician(identity) {
  resetClinician();
  fillSites(identity.sites);
}

/** Called whenever the view becomes visible. */
export function showClinician() {
  if (!state.worklistLoaded) {
    state.worklistLoaded = true;
    loadWorklist();
  }
}

/** Forgets everything shown, for the next user of this tab. */
export function resetClinician() {
  state.patient = null;
  state.procedure = null;
  state.editing = null;
  state.worklistPage = 0;
  state.worklistLoaded = false;
  for (const form of $$('#clinician-view form')) {
    form.reset();
    clearProblems(form);
  }
  for (const id of ['#patient-panel', '#procedure-panel', '#assessment-panel']) {
    show($(id), false);
  }
  for (const id of ['#find-result', '#create-result', '#procedure-result', '#procedure-message', '#assessment-result',
    '#worklist-status']) {
    setMessage($(id), '');
  }
  $('#worklist-table tbody').replaceChildren();
  show($('#worklist-table'), false);
  toggleCement();
}

function fillSites(sites) {
  replace($('#my-sites'), sites.map((site) => h('option', { value: site })));
  if (sites.length) {
    $('#find-site').value = sites[0];
    $('#create-site').value = sites[0];
  }
}

function buildLevelCheckboxes() {
  const container = $('#procedure-levels');
  container.replaceChildren();
  for (const [region, levels] of Object.entries(levelsByRegion())) {
    container.append(h('div', { class: 'level-group', role: 'group', 'aria-label': region },
      h('span', { class: 'level-region', 'aria-hidden': 'true' }, region),
      levels.map((level) => h('label', { class: 'level' },
        h('input', { type: 'checkbox', name: 'level', value: level, id: 'level-' + level }), level))));
  }
}

function toggleCement() {
  const nonSurgical = $('#procedure-type').value === 'NON_SURGICAL';
  const input = $('#procedure-cement');
  input.disabled = nonSurgical;
  if (nonSurgical) {
    input.value = '';
  }
  show($('#cement-field'), !nonSurgical);
}

// ---- patients -------------------------------------------------------------------------------------

async function findPatient() {
  const form = $('#find-form');
  const result = $('#find-result');
  clearProblems(form);
  setMessage(result, '');
  const { site, externalRef } = formValues(form);
  const button = $('#find-submit');
  busy(button, true);
  try {
    const { data } = await get('/api/v1/patients', { query: { site, externalRef } });
    if (!data.items.length) {
      setMessage(result, `No patient with reference “${externalRef}” at site ${site}. You can register them.`, 'warn');
      $('#create-site').value = site;
      $('#create-ref').value = externalRef;
      $('#create-birth-year').focus();
      return;
    }
    setMessage(result, `Found ${externalRef} at site ${site}.`, 'ok');
    await openPatient(data.items[0].id);
  } catch (error) {
    showProblem(form, error);
  } finally {
    busy(button, false);
  }
}

async function createPatient() {
  const form = $('#create-form');
  const result = $('#create-result');
  clearProblems(form);
  setMessage(result, '');
  const values = formValues(form);
  const body = { site: values.site, externalRef: values.externalRef, birthYear: numberOrNull(values.birthYear),
    sex: values.sex || null };
  const button = $('#create-submit');
  busy(button, true);
  try {
    const { data } = await post('/api/v1/patients', body);
    setMessage(result, `Registered ${data.externalRef} at site ${data.site}.`, 'ok');
    setMessage($('#find-result'), '');
    await openPatient(data.id);
  } catch (error) {
    const existing = error instanceof ApiError && error.status === 409 ? error.problem?.existing : null;
    if (existing && /^\/api\/v1\/patients\/[0-9a-fA-F-]{36}$/.test(existing)) {
      setMessage(result, 'This patient is already registered; their record is open below.', 'warn');
      await openPatient(existing.split('/').pop());
    } else {
      showProblem(form, error);
    }
  } finally {
    busy(button, false);
  }
}

async function openPatient(id) {
  const panel = $('#patient-panel');
  try {
    const { data } = await get('/api/v1/patients/' + encode(id));
    state.patient = data;
    renderPatient();
    show(panel, true);
    if (!state.procedure || state.procedure.patientId !== data.id) {
      show($('#procedure-panel'), false);
      closeAssessment();
    }
  } catch (error) {
    setMessage($('#create-result'), error.message, 'error');
  }
}

function renderPatient() {
  const patient = state.patient;
  $('#patient-title').textContent = `Patient ${patient.externalRef}`;
  definitions($('#patient-details'), [
    ['Site', patient.site], ['Reference', patient.externalRef], ['Birth year', String(patient.birthYear)],
    ['Sex', label(patient.sex)]]);
  const list = $('#procedure-list');
  const procedures = [...(patient.procedures || [])].sort((a, b) => b.performedOn.localeCompare(a.performedOn));
  replace(list, procedures.map((procedure) => h('li', {},
    h('button', { type: 'button', class: 'link', dataset: { procedureId: procedure.id },
      on: { click: () => openProcedure(procedure.id) } },
    `${label(procedure.type)} on ${procedure.performedOn}`))));
  show($('#procedure-list-empty'), procedures.length === 0);
}

// ---- procedures -----------------------------------------------------------------------------------

async function createProcedure() {
  const form = $('#procedure-form');
  const result = $('#procedure-result');
  clearProblems(form);
  setMessage(result, '');
  const values = formValues(form);
  const body = {
    type: values.type,
    performedOn: values.performedOn || null,
    indication: values.indication,
    levels: $$('input[name="level"]:checked', form).map((box) => box.value),
  };
  if (values.fractureOnset) {
    body.fractureOnset = values.fractureOnset;
  }
  if (values.type !== 'NON_SURGICAL' && values.cementVolumeMl) {
    body.cementVolumeMl = numberOrNull(values.cementVolumeMl);
  }
  if (!body.levels.length) {
    showProblem(form, { message: 'Choose at least one level.', fieldErrors: [{ field: 'levels', message: 'choose 1 to 10 levels' }] });
    return;
  }
  const button = $('#procedure-submit');
  busy(button, true);
  try {
    const { data } = await post(`/api/v1/patients/${encode(state.patient.id)}/procedures`, body);
    setMessage(result, `Added ${label(data.type)} on ${data.performedOn}.`, 'ok');
    form.reset();
    toggleCement();
    $('#procedure-details').open = false;
    await openPatient(state.patient.id);
    await openProcedure(data.id);
  } catch (error) {
    showProblem(form, error);
  } finally {
    busy(button, false);
  }
}

async function openProcedure(id) {
  const message = $('#procedure-message');
  try {
    const { data } = await get('/api/v1/procedures/' + encode(id));
    state.procedure = data;
    if (!state.patient || state.patient.id !== data.patientId) {
      await openPatient(data.patientId);
    }
    renderProcedure();
    show($('#procedure-panel'), true);
    setMessage(message, '');
    return data;
  } catch (error) {
    show($('#procedure-panel'), true);
    setMessage(message, error.message, 'error');
    return null;
  }
}

function scoresText(assessment) {
  const parts = [];
  if (assessment.painNrs !== null) parts.push(`pain ${assessment.painNrs}`);
  if (assessment.mobilityFac !== null) parts.push(`FAC ${assessment.mobilityFac}`);
  if (assessment.odi !== null) parts.push(`ODI ${assessment.odi}`);
  if (assessment.rmdq !== null) parts.push(`RMDQ ${assessment.rmdq}`);
  if (assessment.eq5dIndex !== null) parts.push(`EQ-5D ${assessment.eq5dIndex}`);
  return `${assessment.assessedOn}: ${parts.join(' · ')}`;
}

function renderProcedure() {
  const procedure = state.procedure;
  const today = todayIso();
  $('#procedure-title').textContent = `${label(procedure.type)} on ${procedure.performedOn}`;
  definitions($('#procedure-summary'), [
    ['Indication', label(procedure.indication)],
    ['Levels', procedure.levels.join(', ')],
    procedure.fractureOnset ? ['Fracture onset', procedure.fractureOnset] : null,
    procedure.cementVolumeMl !== undefined && procedure.cementVolumeMl !== null
      ? ['Cement', `${procedure.cementVolumeMl} ml`] : null,
    ['Day today', `day ${daysBetween(procedure.performedOn, today)} after the procedure`],
  ]);
  const byPoint = new Map((procedure.assessments || []).map((assessment) => [assessment.timepoint, assessment]));
  const rows = TIMEPOINTS.map((point) => {
    const assessment = byPoint.get(point.name) || null;
    const status = statusOf(point, procedure.performedOn, assessment, today);
    return h('tr', { dataset: { timepoint: point.name, status } },
      h('th', { scope: 'row' }, point.label),
      h('td', {}, describeWindow(point, procedure.performedOn)),
      h('td', {}, h('span', { class: 'badge status-' + status.toLowerCase() }, STATUS_LABELS[status]),
        assessment && !assessment.withinWindow ? h('span', { class: 'badge status-flag' }, 'outside window') : null),
      h('td', { class: 'scores-cell' }, assessment ? scoresText(assessment) : '–'),
      h('td', {}, h('button', { type: 'button', class: assessment ? 'secondary' : '',
        'aria-label': `${assessment ? 'Correct' : 'Record'} ${point.label}`,
        dataset: { action: assessment ? 'correct' : 'record', timepoint: point.name },
        on: { click: () => openAssessment(point.name) } }, assessment ? 'Correct' : 'Record')));
  });
  replace($('#timepoint-table tbody'), rows);
}

// ---- assessments ----------------------------------------------------------------------------------

const assessmentInputs = () => ({
  assessedOn: $('#assessment-assessed-on'), painNrs: $('#assessment-pain'), mobilityFac: $('#assessment-fac'),
  odi: $('#assessment-odi'), rmdq: $('#assessment-rmdq'), eq5dIndex: $('#assessment-eq5d'),
});

function fillAssessment(values) {
  const inputs = assessmentInputs();
  for (const field of ['assessedOn', ...SCORE_FIELDS]) {
    const value = values ? values[field] : null;
    inputs[field].value = value === null || value === undefined ? '' : String(value);
  }
}

/** Opens the entry form of one time point of the open procedure; an existing assessment is read afresh for its ETag. */
export async function openAssessment(pointName) {
  const procedure = state.procedure;
  const point = timepoint(pointName);
  const form = $('#assessment-form');
  const panel = $('#assessment-panel');
  clearProblems(form);
  setMessage($('#assessment-result'), '');
  const existing = (procedure.assessments || []).find((assessment) => assessment.timepoint === pointName);
  const today = todayIso();
  const limits = dateLimits(point, procedure.performedOn, today);
  const dateInput = $('#assessment-assessed-on');
  dateInput.min = limits.min || '';
  dateInput.max = limits.max || '';
  panel.dataset.procedureId = procedure.id;
  panel.dataset.timepoint = pointName;
  $('#assessment-window').textContent =
    `${label(procedure.type)} on ${procedure.performedOn} — ${point.label}: ${describeWindow(point, procedure.performedOn)}.`;
  state.editing = { procedure, point, etag: null };
  if (existing) {
    try {
      const { data, etag } = await get(`/api/v1/procedures/${encode(procedure.id)}/assessments/${pointName}`);
      state.editing.etag = etag;
      fillAssessment(data);
      panel.dataset.mode = 'correct';
      $('#assessment-title').textContent = `Correct ${point.label} (version ${data.version})`;
    } catch (error) {
      show(panel, true);
      setMessage($('#assessment-result'), error.message, 'error');
      return;
    }
  } else {
    fillAssessment({ assessedOn: suggestedDate(point, procedure.performedOn, today) });
    panel.dataset.mode = 'record';
    $('#assessment-title').textContent = `Record ${point.label}`;
  }
  describeChosenDate();
  show(panel, true);
  panel.scrollIntoView({ block: 'start' });
  $('#assessment-title').focus({ preventScroll: true });
}

function closeAssessment() {
  state.editing = null;
  show($('#assessment-panel'), false);
}

/** Says where the chosen date falls: an out-of-window follow-up is saved but left out of analyses. */
function describeChosenDate() {
  const hint = $('#assessment-assessed-on-hint');
  const editing = state.editing;
  const date = $('#assessment-assessed-on').value;
  if (!editing || !date) {
    hint.textContent = '';
    return;
  }
  const { point, procedure } = editing;
  const day = daysBetween(procedure.performedOn, date);
  if (!point.followUp) {
    hint.textContent = day === 0 ? 'The procedure date.' : `${-day} days before the procedure.`;
    return;
  }
  const window = windowOf(point, procedure.performedOn);
  const inside = date >= window.opens && date <= window.closes;
  hint.textContent = `Day ${day} after the procedure` + (inside ? ', inside the window.'
    : `, outside the window (days ${point.opens}–${point.closes}): it will be saved but flagged, and analyses leave it out.`);
}

async function saveAssessment() {
  const editing = state.editing;
  if (!editing) {
    return;
  }
  const form = $('#assessment-form');
  const result = $('#assessment-result');
  clearProblems(form);
  setMessage(result, '');
  const inputs = assessmentInputs();
  const body = { assessedOn: inputs.assessedOn.value || null };
  for (const field of SCORE_FIELDS) {
    body[field] = numberOrNull(inputs[field].value.trim());
  }
  const headers = editing.etag ? { 'If-Match': editing.etag } : {};
  const button = $('#assessment-submit');
  busy(button, true);
  try {
    const { status, data } = await put(
      `/api/v1/procedures/${encode(editing.procedure.id)}/assessments/${editing.point.name}`, body, { headers });
    const flag = data.withinWindow ? '' : ' It is outside the window, so analyses leave it out.';
    const message = `${status === 201 ? 'Recorded' : 'Corrected'} ${editing.point.label} (version ${data.version}).${flag}`;
    closeAssessment();
    await openProcedure(editing.procedure.id);
    setMessage($('#procedure-message'), message, 'ok');
    loadWorklist();
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      await reloadAfterConflict(editing);
    } else {
      showProblem(form, error);
    }
  } finally {
    busy(button, false);
  }
}

/** Someone else saved first: show their version, with its ETag, and let the user decide again. */
async function reloadAfterConflict(editing) {
  const form = $('#assessment-form');
  const text = 'Someone else changed this assessment after you opened it. The form now shows the saved version; '
    + 'check it, apply your change again if it is still needed, and save.';
  try {
    const { data, etag } = await get(
      `/api/v1/procedures/${encode(editing.procedure.id)}/assessments/${editing.point.name}`);
    editing.etag = etag;
    fillAssessment(data);
    $('#assessment-title').textContent = `Correct ${editing.point.label} (version ${data.version})`;
    $('#assessment-panel').dataset.mode = 'correct';
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      editing.etag = null;
      $('#assessment-panel').dataset.mode = 'record';
      $('#assessment-title').textContent = `Record ${editing.point.label}`;
    }
  }
  showProblem(form, { message: text, fieldErrors: [] });
  setMessage($('#assessment-result'), text, 'warn');
  openProcedureQuietly(editing.procedure.id);
}

async function openProcedureQuietly(id) {
  try {
    const { data } = await get('/api/v1/procedures/' + encode(id));
    if (state.procedure && state.procedure.id === id) {
      state.procedure = data;
      renderProcedure();
    }
  } catch (error) {
    // the form already says what happened
  }
}

// ---- worklist -------------------------------------------------------------------------------------

export async function loadWorklist() {
  const form = $('#worklist-form');
  const status = $('#worklist-status');
  const table = $('#worklist-table');
  clearProblems(form);
  const { site } = formValues(form);
  setMessage(status, 'Loading the worklist…');
  try {
    const { data } = await get('/api/v1/followups',
      { query: { site, page: state.worklistPage, size: WORKLIST_PAGE_SIZE } });
    const rows = data.items.map((item) => h('tr',
      { dataset: { procedureId: item.procedureId, timepoint: item.timepoint, status: item.status } },
      h('th', { scope: 'row' }, item.externalRef),
      h('td', {}, item.site || ''),
      h('td', {}, `${label(item.type)} on ${item.performedOn}`),
      h('td', {}, label(item.timepoint)),
      h('td', {}, `${item.windowOpens} to ${item.windowCloses}`),
      h('td', {}, h('span', { class: 'badge status-' + item.status.toLowerCase() }, STATUS_LABELS[item.status] || item.status)),
      h('td', {}, h('button', { type: 'button', 'aria-label': `Enter ${label(item.timepoint)} scores for ${item.externalRef}`,
        dataset: { action: 'enter' },
        on: { click: () => enterFromWorklist(item) } }, 'Enter scores'))));
    replace($('tbody', table), rows);
    show(table, rows.length > 0);
    const first = data.page * data.size + 1;
    const last = data.page * data.size + rows.length;
    setMessage(status, data.total === 0 ? 'Nothing is due or overdue.'
      : `${data.total} visit${data.total === 1 ? '' : 's'} to arrange; showing ${first}–${last}.`);
    status.dataset.total = String(data.total);
    show($('#worklist-previous'), data.page > 0);
    show($('#worklist-next'), last < data.total);
  } catch (error) {
    show(table, false);
    if ((error.fieldErrors || []).length) {
      showProblem(form, error);
    }
    setMessage(status, error.message, 'error');
  }
}

async function enterFromWorklist(item) {
  const procedure = await openProcedure(item.procedureId);
  if (procedure) {
    await openAssessment(item.timepoint);
  } else {
    $('#procedure-panel').scrollIntoView({ block: 'start' });
  }
}
