// A small element builder: the explorer never parses HTML, so names and
// quotes from the graph are always text.

/**
 * Returns a new element. Props named on* become event listeners, class sets
 * the class, other props become attributes (true: present, null/false: absent).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false && c !== ''));
  return el;
}

/** The element with this id. */
export const byId = (id) => document.getElementById(id);
