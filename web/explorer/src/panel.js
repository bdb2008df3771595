// The side panel: everything the API knows of the selected entity or
// relationship, with every source and its quote.
import { h } from './dom.js';
import { kindBadge, typeLabel } from './kinds.js';

function money(m) {
  if (!m) return null;
  let normalized;
  try {
    normalized = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency, maximumFractionDigits: 0 }).format(m.amount);
  } catch {
    normalized = `${m.amount} ${m.currency}`; // not an ISO 4217 code the browser knows
  }
  return normalized === m.text ? m.text : `${m.text} (${normalized})`;
}

/** Label/value rows for the values that are present. */
function facts(rows) {
  const shown = rows.filter(([, v]) => v != null && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (shown.length === 0) return null;
  return h('dl', { class: 'facts' }, shown.map(([k, v]) => [h('dt', {}, k), h('dd', {}, Array.isArray(v) ? v.join(', ') : v)]));
}

function citation(c) {
  const s = c.source;
  const title = s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title) : s.title;
  return h(
    'figure',
    { class: 'citation' },
    h('blockquote', {}, c.quote),
    h('figcaption', {}, title, [s.publisher, s.date].filter(Boolean).length ? ` — ${[s.publisher, s.date].filter(Boolean).join(', ')}` : '', h('code', {}, s.id)),
  );
}

function sources(list) {
  return h('section', {}, h('h3', {}, `Sources (${list.length})`), list.length ? list.map(citation) : h('p', { class: 'muted' }, 'No source.'));
}

function variants(list) {
  if (list.length === 0) return null;
  return h(
    'section',
    {},
    h('h3', {}, 'Other sources say'),
    list.map((v) => h('div', { class: 'variant' }, h('p', {}, h('strong', {}, v.field), `: ${v.value}`), citation(v.citation))),
  );
}

/**
 * The panel body of an entity. actions: { expand(id), pathFrom(entity),
 * pathTo(entity), select(id) }; links: relationships shown on the canvas,
 * as { id, type, other: { id, name, kind }, outgoing }.
 */
export function entityPanel(e, { expanded, links }, actions) {
  return [
    h('p', { class: 'eyebrow' }, kindBadge(e.kind), e.category ? ` · ${e.category}` : ''),
    h('h2', { id: 'details-title' }, e.name),
    e.description ? h('p', {}, e.description) : null,
    facts([
      ['Id', h('code', {}, e.id)],
      ['Also', e.aliases],
      ['Country', e.country?.name],
      ['Date', e.date],
      ['Start', e.startDate],
      ['End', e.endDate],
      ['Status', e.status],
      ['Value', money(e.value)],
      ['Discount', money(e.discount)],
      ['Subject', e.subject],
      ['Tags', e.tags],
    ]),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onClick: () => actions.expand(e.id), disabled: expanded, 'aria-keyshortcuts': 'E' }, expanded ? 'Neighbors shown' : 'Expand neighbors (E)'),
      h('button', { type: 'button', onClick: () => actions.pathFrom(e) }, 'Path from here'),
      h('button', { type: 'button', onClick: () => actions.pathTo(e) }, 'Path to here'),
    ),
    links.length
      ? h(
          'section',
          {},
          h('h3', {}, `Relationships on the canvas (${links.length})`),
          h(
            'ul',
            { class: 'links' },
            links.map((l) =>
              h(
                'li',
                {},
                h('button', { type: 'button', class: 'link', onClick: () => actions.select(l.id) }, h('span', { class: 'rel' }, `${l.outgoing ? '→' : '←'} ${typeLabel(l.type)}`), l.other.name),
              ),
            ),
          ),
        )
      : null,
    sources(e.sources),
    variants(e.variants),
  ];
}

/** The panel body of a relationship. actions: { select(id) }. */
export function relationshipPanel(r, actions) {
  const end = (e) => h('button', { type: 'button', class: 'link', onClick: () => actions.select(e.id) }, kindBadge(e.kind), ' ', e.name);
  return [
    h('p', { class: 'eyebrow' }, 'Relationship'),
    h('h2', { id: 'details-title' }, typeLabel(r.type)),
    facts([
      ['From', end(r.from)],
      ['To', end(r.to)],
      ['Type', h('code', {}, r.type)],
      ['Role', r.role],
      ['Start', r.startDate],
      ['End', r.endDate],
      ['Amount', money(r.amount)],
      ...r.properties.map((p) => [p.name, p.value]),
      ['Note', r.note],
    ]),
    sources(r.sources),
    variants(r.variants),
  ];
}
