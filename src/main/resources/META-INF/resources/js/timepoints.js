// The time points of DOMAIN.md and their windows. The service enforces the rules; this copy only
// tells the clinician where each visit stands (done, due, overdue, not yet open).

import { addDays } from './format.js';

export const TIMEPOINTS = [
  { name: 'PRE_FRACTURE', label: 'Pre-fracture', followUp: false },
  { name: 'BASELINE', label: 'Baseline', followUp: false, opens: -30, closes: 0 },
  { name: 'WEEK_1', label: 'Week 1', followUp: true, target: 7, opens: 3, closes: 14 },
  { name: 'MONTH_1', label: 'Month 1', followUp: true, target: 30, opens: 21, closes: 45 },
  { name: 'MONTH_3', label: 'Month 3', followUp: true, target: 90, opens: 70, closes: 110 },
  { name: 'MONTH_6', label: 'Month 6', followUp: true, target: 180, opens: 150, closes: 210 },
  { name: 'MONTH_12', label: 'Month 12', followUp: true, target: 365, opens: 330, closes: 400 },
  { name: 'MONTH_24', label: 'Month 24', followUp: true, target: 730, opens: 690, closes: 770 },
];

export function timepoint(name) {
  return TIMEPOINTS.find((point) => point.name === name);
}

/** {opens, closes} as ISO dates; opens is null for PRE_FRACTURE (any day on or before the procedure). */
export function windowOf(point, performedOn) {
  if (point.name === 'PRE_FRACTURE') {
    return { opens: null, closes: performedOn };
  }
  return { opens: addDays(performedOn, point.opens), closes: addDays(performedOn, point.closes) };
}

/** Words for the window, e.g. "days 70–110 after the procedure: 2026-04-05 to 2026-05-15". */
export function describeWindow(point, performedOn) {
  const window = windowOf(point, performedOn);
  if (point.name === 'PRE_FRACTURE') {
    return `recalled mobility before the fracture, dated on or before ${performedOn}`;
  }
  if (point.name === 'BASELINE') {
    return `0–30 days before the procedure: ${window.opens} to ${window.closes}`;
  }
  return `days ${point.opens}–${point.closes} after the procedure: ${window.opens} to ${window.closes}`;
}

/** DONE, DUE (today inside the window, not assessed), OVERDUE (window closed, not assessed) or UPCOMING. */
export function statusOf(point, performedOn, assessment, today) {
  if (assessment) {
    return 'DONE';
  }
  const window = windowOf(point, performedOn);
  if (today > window.closes) {
    return 'OVERDUE';
  }
  if (window.opens !== null && today < window.opens) {
    return 'UPCOMING';
  }
  return 'DUE';
}

export const STATUS_LABELS = { DONE: 'Done', DUE: 'Due', OVERDUE: 'Overdue', UPCOMING: 'Not yet open' };

/**
 * A sensible date to start the entry form with, never in the future: today for a follow-up, the
 * procedure date (or today, if earlier) for the two pre-treatment points.
 */
export function suggestedDate(point, performedOn, today) {
  if (!point.followUp) {
    return performedOn < today ? performedOn : today;
  }
  return today;
}

/** Browser-side limits of the date input: the service's hard rules only (an out-of-window follow-up is allowed). */
export function dateLimits(point, performedOn, today) {
  const earlier = (a, b) => (a < b ? a : b);
  switch (point.name) {
    case 'PRE_FRACTURE': return { min: null, max: earlier(performedOn, today) };
    case 'BASELINE': return { min: addDays(performedOn, -30), max: earlier(performedOn, today) };
    default: return { min: addDays(performedOn, 1), max: today };
  }
}
