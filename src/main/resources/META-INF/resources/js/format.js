// Dates as ISO day strings (YYYY-MM-DD) with day arithmetic in UTC, so no time zone shifts a date;
// numbers and labels as the page shows them.

export function todayIso() {
  const now = new Date();
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function isoOf(year, month, day) {
  return String(year).padStart(4, '0') + '-' + String(month).padStart(2, '0') + '-' + String(day).padStart(2, '0');
}

export function addDays(iso, days) {
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function daysBetween(fromIso, toIso) {
  const toUtc = (iso) => {
    const [year, month, day] = iso.split('-').map(Number);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((toUtc(toIso) - toUtc(fromIso)) / 86400000);
}

/** 0.6667 -> "66.7%"; null -> "–". */
export function percent(value, digits = 1) {
  return value === null || value === undefined ? '–' : (value * 100).toFixed(digits) + '%';
}

export function pValue(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

export function decimal(value, digits = 1) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
}

export function count(value) {
  return value === null || value === undefined ? '–' : String(value);
}

const LABELS = {
  KYPHOPLASTY: 'Kyphoplasty', VERTEBROPLASTY: 'Vertebroplasty', NON_SURGICAL: 'Non-surgical care',
  OSTEOPOROSIS: 'Osteoporosis', MALIGNANCY: 'Malignancy', STEROID_INDUCED: 'Steroid-induced',
  METABOLIC: 'Metabolic', TRAUMA: 'Trauma', OTHER: 'Other', FEMALE: 'Female', MALE: 'Male', UNKNOWN: 'Unknown',
  PRE_FRACTURE: 'Pre-fracture', BASELINE: 'Baseline', WEEK_1: 'Week 1', MONTH_1: 'Month 1',
  MONTH_3: 'Month 3', MONTH_6: 'Month 6', MONTH_12: 'Month 12', MONTH_24: 'Month 24',
  WILSON: 'Wilson score', CLOPPER_PEARSON: 'Clopper-Pearson', JEFFREYS: 'Jeffreys',
  AGRESTI_COULL: 'Agresti-Coull', RETURN_TO_PRE_FRACTURE: 'back to the pre-fracture FAC',
  ANY_IMPROVEMENT: 'any FAC improvement over baseline',
  '<60': 'under 60', '60-69': '60–69', '70-79': '70–79', '80-89': '80–89', '90+': '90 and over',
};

/** A readable label for an enum value of the API; unknown values are shown as they are. */
export function label(value) {
  return value === null || value === undefined ? '–' : (LABELS[value] || String(value));
}

export function dateTime(date) {
  return date ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'no expiry given';
}
