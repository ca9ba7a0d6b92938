// Charts drawn as SVG by hand: an interval ("forest") chart for shares with confidence intervals, a
// difference chart and a line chart. Every label is a text node; colours come from app.css classes.

const SVG = 'http://www.w3.org/2000/svg';
let chartCount = 0;

function s(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  if (text !== undefined) {
    element.textContent = String(text);
  }
  return element;
}

function svgRoot(width, height, title, description) {
  const id = 'chart-' + (++chartCount);
  const root = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet' });
  root.append(s('title', { id: `${id}-title` }, title), s('desc', { id: `${id}-desc` }, description));
  return root;
}

const pct = (value) => Math.round(value * 100) + '%';
const pct1 = (value) => (value * 100).toFixed(1) + '%';

function clip(text, length) {
  const value = String(text);
  return value.length > length ? value.slice(0, length - 1) + '…' : value;
}

/**
 * Shares with their intervals on a 0–100% axis. rows: [{label, share, lower, upper, bounds,
 * suppressed, emptyText}], claim: a share drawn as a dashed line (or null), suppressedText: what a
 * suppressed row says instead of a value.
 */
export function intervalChart({ rows, claim = null, title, description, suppressedText }) {
  const width = 640;
  const labelWidth = 150;
  const left = labelWidth + 10;
  const right = width - 30;
  const top = 30;
  const rowHeight = 46;
  const height = top + rows.length * rowHeight + 34;
  const x = (value) => left + Math.max(0, Math.min(1, value)) * (right - left);
  const root = svgRoot(width, height, title, description);

  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(s('line', { x1: x(tick), x2: x(tick), y1: top - 6, y2: height - 30, class: 'grid' }));
    root.append(s('text', { x: x(tick), y: height - 12, 'text-anchor': 'middle', class: 'axis-label' }, pct(tick)));
  }
  if (claim !== null && claim !== undefined) {
    root.append(s('line', { x1: x(claim), x2: x(claim), y1: top - 10, y2: height - 30, class: 'claim-line' }));
    root.append(s('text', { x: x(claim), y: top - 14, 'text-anchor': 'middle', class: 'claim-label' },
      'claim ' + pct1(claim).replace('.0%', '%')));
  }

  rows.forEach((row, index) => {
    const y = top + index * rowHeight + rowHeight / 2;
    const group = s('g', { class: 'row', 'data-key': row.label });
    const name = s('text', { x: labelWidth, y: y + 4, 'text-anchor': 'end', class: 'row-label' }, clip(row.label, 20));
    name.append(s('title', {}, row.label));
    group.append(name);
    if (row.suppressed) {
      group.append(s('rect', { x: left, y: y - 11, width: right - left, height: 22, class: 'suppressed-band' }));
      group.append(s('text', { x: left + 8, y: y + 4, class: 'suppressed-text' }, suppressedText));
    } else if (row.share === null || row.share === undefined) {
      group.append(s('text', { x: left + 8, y: y + 4, class: 'empty-text' }, row.emptyText || 'no data'));
    } else {
      if (row.bounds && row.bounds.worstCase !== null && row.bounds.bestCase !== null) {
        group.append(s('rect', { x: x(row.bounds.worstCase), y: y - 9,
          width: Math.max(1, x(row.bounds.bestCase) - x(row.bounds.worstCase)), height: 18, class: 'bounds-band' }));
      }
      if (row.lower !== null && row.lower !== undefined) {
        group.append(s('line', { x1: x(row.lower), x2: x(row.upper), y1: y, y2: y, class: 'ci-line' }));
        group.append(s('line', { x1: x(row.lower), x2: x(row.lower), y1: y - 7, y2: y + 7, class: 'ci-line' }));
        group.append(s('line', { x1: x(row.upper), x2: x(row.upper), y1: y - 7, y2: y + 7, class: 'ci-line' }));
      }
      group.append(s('circle', { cx: x(row.share), cy: y, r: 6, class: 'point' }));
      group.append(s('text', { x: x(row.share), y: y - 12, 'text-anchor': 'middle', class: 'value-label' },
        pct1(row.share)));
    }
    root.append(group);
  });
  return root;
}

/** A difference of shares (treatment − control) with its interval, on a symmetric percentage-point axis. */
export function differenceChart({ estimate, lower, upper, title, description, leftLabel, rightLabel }) {
  const width = 640;
  const left = 30;
  const right = width - 30;
  const height = 120;
  const y = 58;
  const extent = Math.min(1, Math.max(0.25, Math.ceil(Math.max(Math.abs(lower), Math.abs(upper)) * 4) / 4));
  const x = (value) => left + ((value + extent) / (2 * extent)) * (right - left);
  const root = svgRoot(width, height, title, description);
  const ticks = [-extent, -extent / 2, 0, extent / 2, extent];
  for (const tick of ticks) {
    root.append(s('line', { x1: x(tick), x2: x(tick), y1: 28, y2: height - 30, class: tick === 0 ? 'zero-line' : 'grid' }));
    const points = Math.round(tick * 100);
    root.append(s('text', { x: x(tick), y: height - 12, 'text-anchor': 'middle', class: 'axis-label' },
      (points > 0 ? '+' : '') + points + ' pts'));
  }
  root.append(s('text', { x: left, y: 16, class: 'axis-note' }, leftLabel));
  root.append(s('text', { x: right, y: 16, 'text-anchor': 'end', class: 'axis-note' }, rightLabel));
  root.append(s('line', { x1: x(lower), x2: x(upper), y1: y, y2: y, class: 'ci-line' }));
  root.append(s('line', { x1: x(lower), x2: x(lower), y1: y - 7, y2: y + 7, class: 'ci-line' }));
  root.append(s('line', { x1: x(upper), x2: x(upper), y1: y - 7, y2: y + 7, class: 'ci-line' }));
  root.append(s('circle', { cx: x(estimate), cy: y, r: 6, class: 'point' }));
  const points = (estimate * 100).toFixed(1);
  root.append(s('text', { x: x(estimate), y: y - 12, 'text-anchor': 'middle', class: 'value-label' },
    (estimate > 0 ? '+' : '') + points + ' pts'));
  return root;
}

/**
 * A line over categories. points: [{label, value, note}] where value null has no dot; yMax is the
 * top of the scale; note is printed under the category (e.g. "n=23").
 */
export function lineChart({ points, yMax, yTicks, title, description, seriesClass = 'series' }) {
  const width = 640;
  const left = 44;
  const right = width - 20;
  const top = 20;
  const bottom = 250;
  const height = 300;
  const step = (right - left) / Math.max(1, points.length - 1);
  const x = (index) => left + index * step;
  const y = (value) => bottom - (value / yMax) * (bottom - top);
  const root = svgRoot(width, height, title, description);
  for (const tick of yTicks) {
    root.append(s('line', { x1: left, x2: right, y1: y(tick), y2: y(tick), class: 'grid' }));
    root.append(s('text', { x: left - 8, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis-label' }, tick));
  }
  // the line joins the time points that have a mean; one without (no data, or suppressed) is skipped
  let path = '';
  points.forEach((point, index) => {
    if (point.value === null || point.value === undefined) {
      return;
    }
    path += (path ? ' L ' : 'M ') + x(index).toFixed(1) + ' ' + y(point.value).toFixed(1);
  });
  if (path) {
    root.append(s('path', { d: path.trim(), class: seriesClass + ' line' }));
  }
  points.forEach((point, index) => {
    root.append(s('text', { x: x(index), y: bottom + 20, 'text-anchor': 'middle', class: 'axis-label' }, point.label));
    root.append(s('text', { x: x(index), y: bottom + 38, 'text-anchor': 'middle', class: 'axis-note' }, point.note));
    if (point.value !== null && point.value !== undefined) {
      root.append(s('circle', { cx: x(index), cy: y(point.value), r: 5, class: seriesClass + ' dot' }));
      root.append(s('text', { x: x(index), y: y(point.value) - 10, 'text-anchor': 'middle', class: 'value-label' },
        point.value.toFixed(1)));
    }
  });
  return root;
}

/**
 * Tipping point: the share if k of the lost patients had regained, k = 0..lost, with its interval as a band, the
 * claim as a dashed line and the tipping point marked. points: [{k, share, ci: {lower, upper}}].
 */
export function tippingChart({ points, claim, tippingPoint, title, description }) {
  const width = 640;
  const left = 48;
  const right = width - 20;
  const top = 20;
  const bottom = 240;
  const height = 290;
  const last = Math.max(1, points[points.length - 1].k);
  const x = (k) => left + (k / last) * (right - left);
  const y = (value) => bottom - Math.max(0, Math.min(1, value)) * (bottom - top);
  const root = svgRoot(width, height, title, description);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(s('line', { x1: left, x2: right, y1: y(tick), y2: y(tick), class: 'grid' }));
    root.append(s('text', { x: left - 8, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis-label' }, pct(tick)));
  }
  const band = points.map((p) => `${x(p.k).toFixed(1)},${y(p.ci.upper).toFixed(1)}`)
    .concat(points.slice().reverse().map((p) => `${x(p.k).toFixed(1)},${y(p.ci.lower).toFixed(1)}`));
  root.append(s('polygon', { points: band.join(' '), class: 'bounds-band tipping-band' }));
  root.append(s('path', { d: points.map((p, i) => (i ? 'L ' : 'M ') + x(p.k).toFixed(1) + ' '
    + y(p.share).toFixed(1)).join(' '), class: 'series-fac line tipping-line' }));
  root.append(s('line', { x1: left, x2: right, y1: y(claim), y2: y(claim), class: 'claim-line' }));
  root.append(s('text', { x: right, y: y(claim) - 6, 'text-anchor': 'end', class: 'claim-label' },
    'claim ' + pct1(claim).replace('.0%', '%')));
  if (tippingPoint !== null && tippingPoint !== undefined) {
    root.append(s('line', { x1: x(tippingPoint), x2: x(tippingPoint), y1: top, y2: bottom, class: 'zero-line',
      'data-tipping-point': tippingPoint }));
    root.append(s('text', { x: x(tippingPoint) + 4, y: top + 12, class: 'axis-note' }, `tipping point k = ${tippingPoint}`));
  }
  for (const k of [0, Math.round(last / 2), last]) {
    root.append(s('text', { x: x(k), y: bottom + 18, 'text-anchor': 'middle', class: 'axis-label' }, String(k)));
  }
  root.append(s('text', { x: (left + right) / 2, y: bottom + 40, 'text-anchor': 'middle', class: 'axis-note' },
    'k = how many of the lost patients regained'));
  return root;
}

/**
 * Two-arm tipping point: one cell per (k treatment, k control), coloured by whether the interval of the difference
 * lies above 0, below 0 or contains it. grid: [{kTreatment, kControl, difference: {estimate, lower, upper}}].
 */
export function heatMap({ grid, title, description }) {
  const treatments = [...new Set(grid.map((cell) => cell.kTreatment))].sort((a, b) => a - b);
  const controls = [...new Set(grid.map((cell) => cell.kControl))].sort((a, b) => a - b);
  const left = 70;
  const top = 20;
  const size = Math.max(6, Math.min(28, Math.floor(540 / Math.max(treatments.length, controls.length))));
  const width = left + controls.length * size + 20;
  const height = top + treatments.length * size + 50;
  const root = svgRoot(width, height, title, description);
  for (const cell of grid) {
    const kind = cell.difference.lower > 0 ? 'above' : cell.difference.upper < 0 ? 'below' : 'contains';
    const rect = s('rect', { x: left + controls.indexOf(cell.kControl) * size,
      y: top + treatments.indexOf(cell.kTreatment) * size, width: size - 1, height: size - 1,
      class: 'heat-' + kind, 'data-k-treatment': cell.kTreatment, 'data-k-control': cell.kControl });
    rect.append(s('title', {}, `k treatment ${cell.kTreatment}, k control ${cell.kControl}: difference `
      + `${(cell.difference.estimate * 100).toFixed(1)} pts (${(cell.difference.lower * 100).toFixed(1)} to `
      + `${(cell.difference.upper * 100).toFixed(1)})`));
    root.append(rect);
  }
  root.append(s('text', { x: left, y: height - 24, class: 'axis-note' },
    `k control → 0 to ${controls[controls.length - 1]}`));
  root.append(s('text', { x: 4, y: top + 12, class: 'axis-note' }, 'k treatment ↓'));
  root.append(s('text', { x: 4, y: top + 26, class: 'axis-note' }, `0 to ${treatments[treatments.length - 1]}`));
  return root;
}
