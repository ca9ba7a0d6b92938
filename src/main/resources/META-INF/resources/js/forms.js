// Shows the service's problems inside a form: each {field, message} next to the control it names
// (the element with data-field="<field>"), anything else in the form's summary box.

import { h, replace, $, $$ } from './dom.js';

/** "levels[2]" and "claim.value" name the control "levels" and "claim". */
function controlName(field) {
  return String(field || '').split(/[.[]/)[0];
}

export function clearProblems(form) {
  for (const error of $$('.field-error', form)) {
    error.textContent = '';
    error.hidden = true;
  }
  for (const control of $$('[aria-invalid]', form)) {
    control.removeAttribute('aria-invalid');
  }
  const summary = $('.form-problem', form);
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

/**
 * Puts an ApiError (or any Error) into the form. Field errors go next to their field; the summary
 * says what happened in words. Focuses the first invalid control so keyboard users land on it.
 */
export function showProblem(form, error) {
  clearProblems(form);
  const summary = $('.form-problem', form);
  const unplaced = [];
  let first = null;
  for (const { field, message } of error.fieldErrors || []) {
    const holder = form.querySelector(`[data-field="${CSS.escape(controlName(field))}"]`);
    const slot = holder && $('.field-error', holder);
    if (!slot) {
      unplaced.push(field ? `${field}: ${message}` : message);
      continue;
    }
    slot.textContent = slot.hidden ? message : slot.textContent + ' ' + message;
    slot.hidden = false;
    const control = holder.matches('input, select, textarea') ? holder : $('input, select, textarea', holder);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      first = first || control;
    }
  }
  if (summary) {
    const placed = (error.fieldErrors || []).length - unplaced.length;
    replace(summary,
      h('p', {}, placed > 0 && !unplaced.length
        ? 'Please correct the ' + (placed === 1 ? 'field' : placed + ' fields') + ' marked above.'
        : error.message),
      unplaced.length ? h('ul', {}, unplaced.map((text) => h('li', {}, text))) : null);
    summary.hidden = false;
  }
  if (first) {
    first.focus();
  }
}
