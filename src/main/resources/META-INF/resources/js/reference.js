// The service's definitions (GET /api/v1/reference): time points and windows, score ranges, levels, enums and the
// disclosure cell size. The page keeps no copy of a clinical rule; it reads them once after sign-in.

import { get } from './api.js';
import { label } from './format.js';

let loading = null;
let current = null;

/** Loads the reference once (again after a failure); resolves to it. */
export function loadReference() {
  if (!loading) {
    loading = get('/api/v1/reference').then(({ data }) => {
      current = data;
      return data;
    }).catch((error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/** The reference already loaded (after {@link loadReference} resolved). */
export function reference() {
  if (!current) {
    throw new Error('the reference is not loaded yet');
  }
  return current;
}

/** Sets the min/max of each score input from the ranges the service validates. */
export function applyScoreRanges(root = document) {
  for (const scale of reference().scores) {
    for (const input of root.querySelectorAll(`input[name="${scale.field}"]`)) {
      input.min = String(scale.min);
      input.max = String(scale.max);
    }
  }
}

/** The values a `<select data-reference="…">` offers, from the reference. */
function choices(data, kind) {
  if (kind === 'followUps') {
    return data.timepoints.filter((point) => point.followUp).map((point) => point.name);
  }
  return data[kind] || [];
}

/**
 * Fills every `<select data-reference="kind">` with the service's values (labels from format.js), keeping the
 * options marked `data-keep` ("All", "Choose…") and selecting `data-default` as the form's default.
 */
export function fillSelects(root = document) {
  const data = reference();
  for (const select of root.querySelectorAll('select[data-reference]')) {
    for (const option of [...select.options]) {
      if (!option.hasAttribute('data-keep')) {
        option.remove();
      }
    }
    for (const value of choices(data, select.dataset.reference)) {
      const option = new Option(label(value), value);
      if (value === select.dataset.default) {
        option.defaultSelected = true;
        option.selected = true;
      }
      select.add(option);
    }
  }
}
