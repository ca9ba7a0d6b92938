// Analyst view: mobility recovery against the claim, a breakdown with disclosure control, the
// comparison with non-surgical care, the trajectory of mean scores, and the de-identified CSV.

import { $, $$, h, replace, setMessage, formValues, busy } from './dom.js';
import { get, request } from './api.js';
import { loadReference } from './reference.js';
import { clearProblems, showProblem } from './forms.js';
import { percent, pValue, decimal, count, label, todayIso } from './format.js';
import { intervalChart, differenceChart, lineChart, tippingChart, heatMap } from './charts.js';
import { initPlanner, resetPlanner } from './planner.js';

let minCellSize = 11;
let minCellKnown = false;
let loaded = false;
// each section remembers its latest request, so a slow earlier answer never overwrites a newer one
const latest = { recovery: 0, tipping: 0, breakdown: 0, comparison: 0, trajectory: 0 };

const GROUP_LABELS = { site: 'site', indication: 'indication', procedureType: 'procedure type', sex: 'sex',
  ageBand: 'age band' };

export function initAnalyst() {
  $('#filters-form').addEventListener('submit', (event) => { event.preventDefault(); loadAll(); });
  $('#breakdown-form').addEventListener('submit', (event) => { event.preventDefault(); loadBreakdown(); });
  $('#comparison-form').addEventListener('submit', (event) => { event.preventDefault(); loadComparison(); });
  $('#tipping-form').addEventListener('submit', (event) => { event.preventDefault(); loadTipping(); });
  initPlanner();
  $('#export-csv').addEventListener('click', downloadCsv);
}

export function showAnalyst() {
  if (!loaded) {
    loaded = true;
    loadMinCellSize().then(loadAll);
  }
}

export function resetAnalyst() {
  loaded = false;
  for (const form of $$('#analyst-view form')) {
    form.reset();
    clearProblems(form);
  }
  resetPlanner();
  for (const id of ['#recovery-body', '#tipping-body', '#breakdown-body', '#comparison-body', '#trajectory-body']) {
    const body = $(id);
    body.replaceChildren();
    delete body.dataset.state;
  }
  setMessage($('#export-status'), '');
}

const suppressedText = () => `suppressed (fewer than ${minCellSize})`;

async function loadMinCellSize() {
  if (minCellKnown) {
    return;
  }
  try {
    const data = await loadReference();
    if (Number.isInteger(data.minCellSize)) {
      minCellSize = data.minCellSize;
      minCellKnown = true;
      $('#min-cell-note').textContent = `fewer than ${minCellSize}`;
    }
  } catch (error) {
    // keep the documented default; the sections report their own failures
  }
}

/** "2026-03" -> "2026-03-01"; anything else is sent as it is, for the service to name. */
function firstDay(month) {
  return /^\d{4}-\d{2}$/.test(month) ? `${month}-01` : month;
}

/** "2026-02" -> "2026-02-28": analysts' date filters cover whole months. */
function lastDay(month) {
  if (!/^\d{4}-\d{2}$/.test(month)) {
    return month;
  }
  const [year, number] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, number, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The common outcome filters from the form (empty values left out). */
function filters() {
  const values = formValues($('#filters-form'));
  return {
    procedureType: values.procedureType, site: values.site, indication: values.indication, sex: values.sex,
    ageBand: values.ageBand, performedFrom: firstDay(values.performedFrom), performedTo: lastDay(values.performedTo),
    asOf: values.asOf, includeOutOfWindow: values.includeOutOfWindow ? 'true' : '', confidence: values.confidence,
    interval: values.interval,
  };
}

function question() {
  const values = formValues($('#filters-form'));
  return { timepoint: values.timepoint, definition: values.definition, claim: values.claim };
}

function loadAll() {
  clearProblems($('#filters-form'));
  return Promise.all([loadRecovery(), loadTipping(), loadBreakdown(), loadComparison(), loadTrajectory()]);
}

/** Runs one section's request; the body shows loading, then the result or the failure in words. */
async function section(name, body, load, render) {
  const ticket = ++latest[name];
  body.dataset.state = 'loading';
  body.setAttribute('aria-busy', 'true');
  const query = filters();
  try {
    const data = await load(query);
    if (ticket !== latest[name]) {
      return;
    }
    replace(body, render(data));
    body.dataset.state = 'ready';
    body.dataset.site = query.site || '';
  } catch (error) {
    if (ticket !== latest[name]) {
      return;
    }
    replace(body, h('p', { class: 'message error', role: 'alert' }, error.message));
    body.dataset.state = 'error';
    if (name === 'recovery' && (error.fieldErrors || []).length) {
      showProblem($('#filters-form'), error);
    }
  } finally {
    if (ticket === latest[name]) {
      body.removeAttribute('aria-busy');
    }
  }
}

// ---- mobility recovery ----------------------------------------------------------------------------

function loadRecovery() {
  return section('recovery', $('#recovery-body'),
    async (query) => (await get('/api/v1/outcomes/mobility-recovery', { query: { ...query, ...question() } })).data,
    renderRecovery);
}

function verdictWords(claim, ci) {
  const claimed = percent(claim.value);
  switch (claim.verdict) {
    case 'BELOW':
      return ['Below the claim.', `Even the top of the ${percent(ci.level, 0)} interval (${percent(ci.upper)}) is under the `
        + `claimed ${claimed}: these data contradict the claim.`];
    case 'ABOVE':
      return ['Above the claim.', `Even the bottom of the ${percent(ci.level, 0)} interval (${percent(ci.lower)}) is over the `
        + `claimed ${claimed}: these data support at least the claimed share.`];
    case 'CONSISTENT':
      return ['Consistent with the claim.', `The claimed ${claimed} lies inside the ${percent(ci.level, 0)} interval `
        + `(${percent(ci.lower)} to ${percent(ci.upper)}): these data can neither confirm nor rule it out.`];
    case 'INSUFFICIENT_DATA':
      return ['Not enough data.', 'Nobody who lost mobility was followed up at this time point, so no share can be '
        + 'estimated and the claim cannot be checked.'];
    default:
      return [String(claim.verdict), ''];
  }
}

function suppressedNotice(what) {
  return h('p', { class: 'message warn suppressed-notice', dataset: { suppressed: 'true' } },
    `${what} ${suppressedText()}: at least one of its categories (followed up, regained, not regained, pending, `
    + `lost, …) has 1 to ${minCellSize - 1} people, so the figures are hidden to protect privacy. Widen the filters `
    + 'or choose an earlier “as of” date to see them.');
}

function countsTable(data) {
  const rows = [
    ['Incomplete baseline', data.incompleteBaseline, 'FAC missing before the fracture or at baseline: left out'],
    ['No loss', data.noLoss, 'baseline FAC already at the pre-fracture level: nothing to regain'],
    ['Eligible', data.eligible, 'lost mobility (baseline FAC below pre-fracture)'],
    ['Followed up', data.followedUp, 'eligible, with FAC at the time point'],
    ['Pending', data.pending, 'eligible, no FAC yet, window still open: not counted as lost'],
    ['Lost to follow-up', data.lostToFollowUp, 'eligible, no FAC, window closed'],
    ['Regained', data.regained, 'followed up and regained mobility'],
  ];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'counts', id: 'recovery-counts' },
    h('caption', {}, 'Counts'),
    h('tbody', {}, rows.map(([name, value, meaning]) => h('tr', { dataset: { count: name } },
      h('th', { scope: 'row' }, name), h('td', { class: 'number' }, count(value)), h('td', { class: 'hint' }, meaning))))));
}

function renderRecovery(data) {
  const timepointText = label(data.timepoint);
  if (data.suppressed) {
    return suppressedNotice(`Mobility recovery at ${timepointText} is`);
  }
  const parts = [];
  if (data.share === null) {
    parts.push(h('p', { class: 'headline' }, `Nobody was followed up at ${timepointText}.`));
  } else {
    parts.push(h('p', { class: 'headline' },
      h('span', { id: 'recovery-share', class: 'big-number', dataset: { share: data.share } }, percent(data.share)),
      ` of ${data.followedUp} patients followed up at ${timepointText} regained mobility (${label(data.definition)}).`));
    parts.push(h('p', { id: 'recovery-ci', dataset: { lower: data.ci.lower, upper: data.ci.upper } },
      `${percent(data.ci.level, 0)} confidence interval (${label(data.ci.method)}): ${percent(data.ci.lower)} to `
      + `${percent(data.ci.upper)}.`));
  }
  const [verdictTitle, verdictText] = verdictWords(data.claim, data.ci || {});
  parts.push(h('p', { id: 'recovery-verdict', class: 'verdict verdict-' + String(data.claim.verdict).toLowerCase(),
    dataset: { verdict: data.claim.verdict } }, h('strong', {}, verdictTitle), ' ', verdictText));
  if (data.claim.pValue !== null) {
    parts.push(h('p', { class: 'hint' }, `Exact binomial test against ${percent(data.claim.value)}: p = `
      + `${pValue(data.claim.pValue)}.`));
  }
  if (data.share !== null) {
    parts.push(intervalChart({
      rows: [{ label: 'This selection', share: data.share, lower: data.ci.lower, upper: data.ci.upper,
        bounds: data.bounds }],
      claim: data.claim.value, suppressedText: suppressedText(),
      title: 'Share who regained mobility, with its confidence interval and the claim',
      description: `Share ${percent(data.share)}, interval ${percent(data.ci.lower)} to ${percent(data.ci.upper)}, `
        + `loss-to-follow-up bounds ${percent(data.bounds.worstCase)} to ${percent(data.bounds.bestCase)}, claim `
        + `${percent(data.claim.value)}.`,
    }));
    parts.push(h('ul', { class: 'legend' },
      h('li', { class: 'legend-point' }, 'dot: share of those followed up'),
      h('li', { class: 'legend-ci' }, `line: ${percent(data.ci.level, 0)} confidence interval`),
      h('li', { class: 'legend-bounds' }, 'band: worst to best case for those lost to follow-up'),
      h('li', { class: 'legend-claim' }, 'dashed: the claim')));
  }
  if (data.bounds && data.bounds.worstCase !== null) {
    const lost = data.lostToFollowUp;
    const settled = data.followedUp + lost;
    parts.push(h('p', { id: 'recovery-bounds', dataset: { worst: data.bounds.worstCase, best: data.bounds.bestCase } },
      lost === 0
        ? `Nobody who lost mobility was lost to follow-up: over all ${settled} whose window has closed or who were `
          + `seen the share is ${percent(data.bounds.worstCase)} too.`
        : `Counting the ${lost} patient${lost === 1 ? '' : 's'} lost to follow-up, the share over the `
          + `${settled} whose outcome is settled lies between ${percent(data.bounds.worstCase)} (none of them `
          + `regained: worst case) and ${percent(data.bounds.bestCase)} (all of them regained: best case).`));
  }
  if (data.pending > 0) {
    parts.push(h('p', { id: 'recovery-pending', class: 'hint', dataset: { pending: data.pending } },
      `${data.pending} patient${data.pending === 1 ? ' is' : 's are'} pending: their ${timepointText} window has not `
      + 'closed yet, so they are neither followed up nor lost and are left out of the share and the bounds.'));
  }
  parts.push(countsTable(data));
  return parts;
}

// ---- tipping point -------------------------------------------------------------------------------

function loadTipping() {
  const { control } = formValues($('#tipping-form'));
  return section('tipping', $('#tipping-body'),
    async (query) => {
      const params = { ...query, ...question() };
      if (control) {
        delete params.procedureType;
        params.treatment = formValues($('#comparison-form')).treatment;
        params.control = control;
      }
      return (await get('/api/v1/outcomes/tipping-point', { query: params })).data;
    },
    renderTipping);
}

function renderTipping(data) {
  if (data.suppressed) {
    return suppressedNotice('The tipping-point analysis is');
  }
  if (data.grid) {
    if (!data.grid.length) {
      return h('p', { class: 'hint' }, 'One of the groups has nobody followed up or lost: there is no grid to draw.');
    }
    return [
      h('p', { id: 'tipping-statement', dataset: { excludesZero: String(data.completeCaseExcludesZero) } },
        data.gridStatement),
      heatMap({ grid: data.grid, title: 'Difference between the groups for every outcome of the lost patients',
        description: data.gridStatement }),
      h('ul', { class: 'legend' },
        h('li', { class: 'legend-heat-above' }, `interval above 0: more regained with ${label(data.treatment.type)}`),
        h('li', { class: 'legend-heat-contains' }, 'interval contains 0: no clear difference'),
        h('li', { class: 'legend-heat-below' }, `interval below 0: more regained with ${label(data.control.type)}`)),
    ];
  }
  const parts = [h('p', { id: 'tipping-statement', dataset: { tippingPoint: data.tippingPoint ?? '' } },
    data.statement)];
  if (data.points && data.points.length > 1) {
    parts.push(tippingChart({ points: data.points, claim: data.claim, tippingPoint: data.tippingPoint,
      title: 'Share if k of the lost patients had regained, with its interval and the claim',
      description: data.statement }));
  }
  return parts;
}

// ---- breakdown ------------------------------------------------------------------------------------

function loadBreakdown() {
  const groupBy = $('#breakdown-group-by').value;
  return section('breakdown', $('#breakdown-body'),
    async (query) => (await get('/api/v1/outcomes/mobility-recovery',
      { query: { ...query, ...question(), groupBy } })).data,
    (data) => renderBreakdown(data, groupBy));
}

function groupLabel(groupBy, key) {
  return groupBy === 'ageBand' || groupBy === 'site' ? String(key) : label(key);
}

function renderBreakdown(data, groupBy) {
  const groups = data.groups || [];
  $('#breakdown-body').dataset.groupBy = groupBy;
  if (!groups.length) {
    return h('p', { class: 'hint' }, 'No group has any data for this selection.');
  }
  const chart = intervalChart({
    rows: groups.map((group) => ({ label: groupLabel(groupBy, group.key), share: group.share,
      lower: group.ci ? group.ci.lower : null, upper: group.ci ? group.ci.upper : null,
      suppressed: group.suppressed, emptyText: 'nobody followed up' })),
    claim: data.claim ? data.claim.value : Number(question().claim || 0.75),
    suppressedText: suppressedText(),
    title: `Share who regained mobility by ${GROUP_LABELS[groupBy]}`,
    description: groups.map((group) => `${group.key}: ${group.suppressed ? suppressedText()
      : group.share === null ? 'nobody followed up' : percent(group.share)}`).join('; '),
  });
  const rows = groups.map((group) => {
    const cells = group.suppressed
      ? [h('td', { colspan: 4, class: 'suppressed-cell' }, suppressedText())]
      : [h('td', { class: 'number' }, count(group.followedUp)), h('td', { class: 'number' }, count(group.regained)),
        h('td', { class: 'number' }, percent(group.share)),
        h('td', {}, group.ci ? `${percent(group.ci.lower)} to ${percent(group.ci.upper)}` : '–')];
    return h('tr', { dataset: { key: group.key, suppressed: String(group.suppressed) } },
      h('th', { scope: 'row' }, groupLabel(groupBy, group.key)), cells);
  });
  return [chart, h('div', { class: 'table-wrap' }, h('table', { id: 'breakdown-table' },
    h('caption', { class: 'visually-hidden' }, `Mobility recovery by ${GROUP_LABELS[groupBy]}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Group'),
      h('th', { scope: 'col', class: 'number' }, 'Followed up'), h('th', { scope: 'col', class: 'number' }, 'Regained'),
      h('th', { scope: 'col', class: 'number' }, 'Share'),
      h('th', { scope: 'col' }, `${percent(data.ci ? data.ci.level : Number(filters().confidence), 0)} interval`))),
    h('tbody', {}, rows))),
  h('p', { class: 'hint' }, `Groups with 1 to ${minCellSize - 1} people in any category are suppressed; further `
    + 'groups are suppressed, smallest first, until no hidden figure can be worked out from the total.')];
}

// ---- comparison -----------------------------------------------------------------------------------

function loadComparison() {
  const values = formValues($('#comparison-form'));
  const { timepoint, definition } = question();
  return section('comparison', $('#comparison-body'),
    async (query) => {
      const { procedureType, ...rest } = query; // the arms replace the procedure type filter
      return (await get('/api/v1/outcomes/comparison', { query: { ...rest, treatment: values.treatment,
        control: values.control, timepoint, definition } })).data;
    },
    renderComparison);
}

function renderComparison(data) {
  const arms = [data.treatment, data.control];
  const parts = [intervalChart({
    rows: arms.map((arm) => ({ label: label(arm.type), share: arm.share, lower: arm.ci ? arm.ci.lower : null,
      upper: arm.ci ? arm.ci.upper : null, suppressed: arm.suppressed, emptyText: 'nobody followed up' })),
    claim: null, suppressedText: suppressedText(),
    title: 'Share who regained mobility in each group',
    description: arms.map((arm) => `${label(arm.type)}: ${arm.suppressed ? suppressedText() : percent(arm.share)}`)
      .join('; '),
  })];
  const difference = data.difference;
  const names = `${label(data.treatment.type)} − ${label(data.control.type)}`;
  if (difference.estimate === null) {
    const reason = data.suppressed
      ? `Not shown: at least one group has fewer than ${minCellSize} people followed up.`
      : 'Not computed: one of the groups has nobody followed up.';
    parts.push(h('p', { id: 'comparison-difference', class: 'message warn', dataset: { suppressed: String(data.suppressed) } },
      `Difference (${names}): ${reason}`));
    return parts;
  }
  const signed = (value) => (value > 0 ? '+' : '') + (value * 100).toFixed(1);
  parts.push(h('p', { id: 'comparison-difference', dataset: { estimate: difference.estimate } },
    h('strong', {}, `${names}: ${signed(difference.estimate)} percentage points`),
    `, ${percent(difference.level, 0)} Newcombe interval ${signed(difference.lower)} to ${signed(difference.upper)}; `
    + `Fisher's exact test p = ${pValue(data.fisherPValue)}.`));
  parts.push(differenceChart({ estimate: difference.estimate, lower: difference.lower, upper: difference.upper,
    title: `Difference in share who regained mobility, ${names}`,
    description: `${signed(difference.estimate)} points, interval ${signed(difference.lower)} to ${signed(difference.upper)}.`,
    leftLabel: `← ${label(data.control.type)} better`, rightLabel: `${label(data.treatment.type)} better →` }));
  let meaning;
  if (difference.lower > 0) {
    meaning = `The whole interval is above zero: more patients regained mobility after ${label(data.treatment.type).toLowerCase()}.`;
  } else if (difference.upper < 0) {
    meaning = `The whole interval is below zero: more patients regained mobility with ${label(data.control.type).toLowerCase()}.`;
  } else {
    meaning = 'The interval includes zero: these data show no clear difference between the groups.';
  }
  parts.push(h('p', {}, meaning));
  return parts;
}

// ---- trajectory -----------------------------------------------------------------------------------

function loadTrajectory() {
  return section('trajectory', $('#trajectory-body'),
    async (query) => (await get('/api/v1/outcomes/trajectory', { query })).data,
    renderTrajectory);
}

const SHORT = { PRE_FRACTURE: 'Pre', BASELINE: 'Base', WEEK_1: 'W1', MONTH_1: 'M1', MONTH_3: 'M3', MONTH_6: 'M6',
  MONTH_12: 'M12', MONTH_24: 'M24' };

function renderTrajectory(data) {
  const points = data.points || [];
  const note = (point) => (point.suppressed ? `n<${minCellSize}` : `n=${point.n}`);
  const series = (field) => points.map((point) => ({ label: SHORT[point.timepoint] || point.timepoint,
    value: point[field], note: note(point) }));
  const describe = (field, digits) => points.map((point) => `${label(point.timepoint)}: `
    + (point.suppressed ? suppressedText() : decimal(point[field], digits))).join('; ');
  const table = h('details', {}, h('summary', {}, 'Show the numbers'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'trajectory-table' },
      h('thead', {}, h('tr', {}, ['Time point', 'Assessments', 'Pain (NRS)', 'FAC', 'ODI', 'RMDQ', 'EQ-5D']
        .map((text, index) => h('th', { scope: 'col', class: index ? 'number' : null }, text)))),
      h('tbody', {}, points.map((point) => h('tr', { dataset: { timepoint: point.timepoint } },
        h('th', { scope: 'row' }, label(point.timepoint)),
        point.suppressed ? h('td', { colspan: 6, class: 'suppressed-cell' }, suppressedText())
          : [count(point.n), decimal(point.meanPainNrs), decimal(point.meanMobilityFac), decimal(point.meanOdi),
            decimal(point.meanRmdq), decimal(point.meanEq5dIndex, 3)].map((text) => h('td', { class: 'number' }, text))))))));
  return [
    h('div', { class: 'grid two' },
      h('figure', {}, lineChart({ points: series('meanPainNrs'), yMax: 10, yTicks: [0, 2, 4, 6, 8, 10],
        seriesClass: 'series-pain', title: 'Mean back pain (NRS 0–10, lower is better) by time point',
        description: describe('meanPainNrs', 1) }),
      h('figcaption', {}, 'Mean back pain, NRS 0–10 (lower is better)')),
      h('figure', {}, lineChart({ points: series('meanMobilityFac'), yMax: 5, yTicks: [0, 1, 2, 3, 4, 5],
        seriesClass: 'series-fac', title: 'Mean mobility (FAC 0–5, higher is better) by time point',
        description: describe('meanMobilityFac', 1) }),
      h('figcaption', {}, 'Mean mobility, FAC 0–5 (higher is better)'))),
    h('p', { class: 'hint' }, 'Means of the assessments present at each time point (n = assessments). A time point '
      + `without a dot has no data, or fewer than ${minCellSize} values. Pre = pre-fracture, Base = baseline, `
      + 'W = week, M = month.'),
    table,
  ];
}

// ---- export ---------------------------------------------------------------------------------------

async function downloadCsv() {
  const button = $('#export-csv');
  const status = $('#export-status');
  busy(button, true);
  setMessage(status, 'Preparing the CSV…');
  try {
    const { data } = await request('GET', '/api/v1/exports/outcomes.csv', { query: filters(), as: 'blob' });
    const url = URL.createObjectURL(data);
    const link = h('a', { href: url, download: `outcomes-${todayIso()}.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    setMessage(status, `Downloaded outcomes-${todayIso()}.csv (${Math.max(1, Math.round(data.size / 1024))} kB): `
      + 'de-identified, one row per assessment.', 'ok');
  } catch (error) {
    setMessage(status, error.message, 'error');
  } finally {
    busy(button, false);
  }
}
