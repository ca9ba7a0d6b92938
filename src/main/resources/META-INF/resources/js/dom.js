// Small DOM helpers. Data is never parsed as markup: every string becomes a text node or an
// attribute value, so a patient reference like "<img onerror=...>" is shown, not run.

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/**
 * Creates an element. attributes: plain attributes, except "class", "dataset" (object), "on" (object of
 * event listeners) and boolean values (present when true). children: nodes, strings (as text), arrays,
 * null/undefined/false (skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

export function applyAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) {
        element.addEventListener(event, listener);
      }
    } else if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) {
        if (data !== null && data !== undefined) {
          element.dataset[key] = String(data);
        }
      }
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces the content of an element with the given children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

export function show(element, visible = true) {
  element.hidden = !visible;
  return element;
}

/** A status line: kind is '', 'ok', 'warn' or 'error'. */
export function setMessage(element, text, kind = '') {
  element.textContent = text || '';
  element.className = 'message' + (kind ? ' ' + kind : '');
  element.hidden = !text;
}

/** A definition list from [term, description] pairs (descriptions may be nodes). */
export function definitions(list, pairs) {
  replace(list, pairs.filter(Boolean).map(([term, description]) =>
    h('div', {}, h('dt', {}, term), h('dd', {}, description))));
  return list;
}

/** The values of a form's named controls; empty strings stay empty strings. */
export function formValues(form) {
  const values = {};
  for (const control of form.elements) {
    if (!control.name || control.disabled) {
      continue;
    }
    if (control.type === 'checkbox') {
      values[control.name] = control.checked;
    } else {
      values[control.name] = control.value.trim();
    }
  }
  return values;
}

/** A number from an input, or null when empty. Non-numbers are sent as they are, for the service to name. */
export function numberOrNull(text) {
  if (text === '' || text === null || text === undefined) {
    return null;
  }
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

export function busy(button, isBusy) {
  button.disabled = isBusy;
  button.setAttribute('aria-busy', String(isBusy));
}
