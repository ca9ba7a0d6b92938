// The time points and their windows as the service defines them (GET /api/v1/reference, loaded once after
// sign-in): the service enforces the rules; the page only tells the clinician where each visit stands.

import { addDays, label } from './format.js';

/** [{name, label, followUp, target, opens, closes}] in time order; filled by {@link useReference}. */
export const TIMEPOINTS = [];

/** Takes the time points and the baseline rule of the service's reference. */
export function useReference(data) {
  const baseline = data.baselineMaxDaysBefore;
  TIMEPOINTS.splice(0, TIMEPOINTS.length, ...data.timepoints.map((point) => ({
    name: point.name, label: label(point.name), followUp: point.followUp, target: point.targetDay,
    opens: point.name === 'BASELINE' ? -baseline : point.windowOpensDay,
    closes: point.name === 'BASELINE' ? 0 : point.windowClosesDay,
  })));
}

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
    return `0–${-point.opens} days before the procedure: ${window.opens} to ${window.closes}`;
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
    case 'BASELINE': return { min: addDays(performedOn, timepoint('BASELINE').opens), max: earlier(performedOn, today) };
    default: return { min: addDays(performedOn, 1), max: today };
  }
}
