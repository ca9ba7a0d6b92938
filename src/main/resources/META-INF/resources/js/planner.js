// Study planner: how many patients a study needs for an interval of a given half-width, or for the exact test to
// reach a power against the claim, and how many to recruit when some will be lost to follow-up.

import { $, h, replace, formValues, busy } from './dom.js';
import { get } from './api.js';
import { clearProblems, showProblem } from './forms.js';
import { percent } from './format.js';

export function initPlanner() {
  $('#planner-form').addEventListener('submit', (event) => { event.preventDefault(); plan(); });
}

export function resetPlanner() {
  $('#planner-body').replaceChildren();
}

async function plan() {
  const form = $('#planner-form');
  const button = $('#planner-apply');
  const values = formValues(form);
  clearProblems(form);
  const query = { expected: values.expected, expectedLoss: values.expectedLoss };
  if (values.kind === 'power') {
    Object.assign(query, { power: values.power, claim: values.claim });
  } else {
    query.halfWidth = values.halfWidth;
  }
  busy(button, true);
  try {
    const { data } = await get('/api/v1/outcomes/planner', { query });
    replace($('#planner-body'), render(data));
  } catch (error) {
    replace($('#planner-body'));
    showProblem(form, error);
  } finally {
    busy(button, false);
  }
}

function render(data) {
  const goal = data.kind === 'POWER'
    ? `for the exact test to detect a true share of ${percent(data.expected)} against the claimed `
      + `${percent(data.claim)} with power ${percent(data.power, 0)} (α = ${data.alpha}; achieved `
      + `${percent(data.achievedPower)})`
    : `for a ${percent(data.confidence, 0)} interval no wider than ±${percent(data.halfWidth)} around `
      + `${percent(data.expected)} (achieved ±${percent(data.achievedHalfWidth, 2)})`;
  return [
    h('p', { id: 'planner-result', class: 'headline', dataset: { n: data.n, recruit: data.recruit } },
      h('span', { class: 'big-number' }, String(data.recruit)), ' patients to recruit.'),
    h('p', {}, `${data.n} followed up are needed ${goal}; with ${percent(data.expectedLoss, 0)} expected loss to `
      + `follow-up that means recruiting ${data.recruit}.`),
  ];
}
