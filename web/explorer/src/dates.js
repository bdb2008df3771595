// Date-range filtering. Dates come at year, month or day precision and sort
// as text, so a date is widened to the first and last day it may mean
// ("2023" is 2023-00-00 to 2023-99-99) before comparing.
import { isDate } from './state.js';

const first = (d) => d + '-00-00'.slice(d.length - 4);
const last = (d) => d + '-99-99'.slice(d.length - 4);

/**
 * The span an item covers: from its earliest to its latest date; an item with
 * a start and no end is ongoing. Null when it has no date.
 */
export function span({ date, startDate, endDate }) {
  const dates = [date, startDate, endDate].filter(isDate);
  if (dates.length === 0) return null;
  const lo = dates.map(first).sort()[0];
  const hi = endDate ? last(endDate) : startDate ? '9999' : dates.map(last).sort().at(-1);
  return { lo, hi };
}

/** Whether an item falls in the range [from, to] (either may be ""); undated items always do. */
export function inRange(item, from, to) {
  const s = span(item);
  if (!s) return true;
  return (!from || s.hi >= first(from)) && (!to || s.lo <= last(to));
}
