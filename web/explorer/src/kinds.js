// How each entity kind looks: a color and a Cytoscape.js node shape, both
// distinct, so kinds stay apart for color-blind readers and in grayscale.
import { h } from './dom.js';

export const KINDS = {
  STATE: { label: 'State', color: '#6a3d9a', shape: 'hexagon' },
  PLACE: { label: 'Place', color: '#b15928', shape: 'triangle' },
  GOVERNMENT_BODY: { label: 'Government body', color: '#d62728', shape: 'rectangle' },
  COMPANY: { label: 'Company', color: '#1f78b4', shape: 'round-rectangle' },
  FINANCIAL_INSTITUTION: { label: 'Financial institution', color: '#2ca02c', shape: 'diamond' },
  ORGANIZATION: { label: 'Organization', color: '#8c6d31', shape: 'octagon' },
  PERSON: { label: 'Person', color: '#ff7f0e', shape: 'ellipse' },
  AGREEMENT: { label: 'Agreement', color: '#17a2b8', shape: 'rhomboid' },
  PROJECT: { label: 'Project', color: '#1b7a5a', shape: 'pentagon' },
  INITIATIVE: { label: 'Initiative', color: '#e7298a', shape: 'star' },
  PRODUCT: { label: 'Product', color: '#6b7280', shape: 'tag' },
  EVENT: { label: 'Event', color: '#a5a71b', shape: 'vee' },
};

const FALLBACK = { label: 'Entity', color: '#444', shape: 'ellipse' };

/** The look of a kind. */
const kindStyle = (kind) => KINDS[kind] ?? FALLBACK;

/** "SUPPLIER_OF" as "supplier of". */
export const typeLabel = (type) => type.toLowerCase().replaceAll('_', ' ');

// The shapes' outlines on a 20x20 box, close to how Cytoscape.js draws them.
const OUTLINES = {
  hexagon: '5,2 15,2 19,10 15,18 5,18 1,10',
  triangle: '10,1 19,18 1,18',
  rectangle: '2,2 18,2 18,18 2,18',
  diamond: '10,1 19,10 10,19 1,10',
  octagon: '6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6',
  rhomboid: '1,3 14,3 19,17 6,17',
  pentagon: '10,1 19,8 16,19 4,19 1,8',
  star: '10,1 12.6,7.2 19,7.6 14,11.8 15.6,18.6 10,15 4.4,18.6 6,11.8 1,7.6 7.4,7.2',
  tag: '1,3 13,3 19,10 13,17 1,17',
  vee: '1,2 10,8 19,2 10,19',
};

const SVG = 'http://www.w3.org/2000/svg';

/** A small SVG of a kind's shape and color, for the legend, filters and lists. */
export function swatch(kind) {
  const { color, shape } = kindStyle(kind);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('aria-hidden', 'true');
  let el;
  if (shape === 'ellipse') {
    el = document.createElementNS(SVG, 'circle');
    el.setAttribute('cx', '10');
    el.setAttribute('cy', '10');
    el.setAttribute('r', '8.5');
  } else if (shape === 'round-rectangle') {
    el = document.createElementNS(SVG, 'rect');
    for (const [k, v] of Object.entries({ x: 2, y: 2, width: 16, height: 16, rx: 4 })) el.setAttribute(k, String(v));
  } else {
    el = document.createElementNS(SVG, 'polygon');
    el.setAttribute('points', OUTLINES[shape]);
  }
  el.setAttribute('fill', color);
  svg.append(el);
  return svg;
}

/** A kind's swatch and name. */
export const kindBadge = (kind) => h('span', { class: 'kind' }, swatch(kind), kindStyle(kind).label);
