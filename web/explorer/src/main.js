// Silkgraph explorer: search an entity, see it with its neighbors, expand,
// filter, find paths, read every fact's sources. The view lives in the URL
// (state.js); the canvas is view.js; the data comes from /graphql (api.js).
import * as api from './api.js';
import { combobox } from './combobox.js';
import { byId, h } from './dom.js';
import { toGraphML } from './graphml.js';
import { KINDS, kindBadge, typeLabel } from './kinds.js';
import { entityPanel, relationshipPanel } from './panel.js';
import { formatState, isDate, parseState } from './state.js';
import { createView } from './view.js';
import './style.css';

const LIMIT = 150; // neighbors fetched per expanded entity
const MAX_HOPS = 4;
const MAX_PATHS = 5; // paths listed; one more is asked for, to tell that there are more
const EXPORT_FORMATS = [
  ['graphml', 'GraphML'],
  ['gexf', 'GEXF'],
  ['cytoscape', 'Cytoscape JSON'],
  ['csv', 'CSV (zip)'],
  ['ftm', 'FollowTheMoney'],
];

let state = parseState(location.search);
const graphEl = byId('graph');
const view = createView(graphEl);
const { cy } = view;
// API answers by request, so that redrawing the view from the URL costs no new requests.
const cache = new Map();
let paths = [];
let morePaths = false; // whether more paths than those listed connect the two
let pathProblem = ''; // why the path finder has no answer, if it failed
let allTypes = [];
let allKinds = Object.keys(KINDS);

function cached(key, fetch) {
  if (!cache.has(key)) {
    const p = fetch();
    cache.set(key, p);
    // Only this entry: after a key change the cache may hold a newer one.
    p.catch(() => cache.get(key) === p && cache.delete(key));
  }
  return cache.get(key);
}

// ---- status and progress -------------------------------------------------

function say(text) {
  byId('status').textContent = text;
}

function alertUser(text) {
  byId('alert').textContent = text;
}

let pending = 0;
// aria-busy tells assistive technology (and the browser test) that the graph is changing.
async function busy(work) {
  pending++;
  graphEl.setAttribute('aria-busy', 'true');
  try {
    return await work;
  } finally {
    if (--pending === 0) graphEl.setAttribute('aria-busy', 'false');
  }
}

// ---- the URL ---------------------------------------------------------------

function saveState({ push = false } = {}) {
  const url = `${location.pathname}${formatState(state)}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

window.addEventListener('popstate', () => {
  state = parseState(location.search);
  showControls();
  busy(load({ relayout: true }));
});

// ---- loading the graph ------------------------------------------------------

let loadSeq = 0;

/** Fetches what the state shows (from the cache when it can) and draws it. */
async function load({ relayout = false } = {}) {
  const seq = ++loadSeq;
  const wanted = [...state.expand];
  const path = state.path;
  const [hoods, found] = await Promise.all([
    Promise.allSettled(wanted.map((id) => cached(`n:${id}`, () => api.neighborhood(id, LIMIT)))),
    path ? cached(`p:${path.from}:${path.to}`, () => api.paths(path.from, path.to, MAX_HOPS, MAX_PATHS + 1)).catch((err) => err) : [],
  ]);
  if (seq !== loadSeq) return; // a newer load is under way

  const nodes = new Map();
  const edges = new Map();
  const notes = [];
  const unknown = [];
  hoods.forEach((r, i) => {
    if (r.status === 'rejected') {
      if (r.reason.code === 'NOT_FOUND') unknown.push(wanted[i]);
      else notes.push(r.reason.message);
      return;
    }
    for (const n of r.value.nodes) nodes.set(n.id, n);
    for (const e of r.value.edges) edges.set(e.id, e);
    if (r.value.truncated) notes.push(`${nodes.get(wanted[i])?.name ?? wanted[i]} has more neighbors than the ${LIMIT} shown.`);
  });
  if (unknown.length > 0) {
    state.expand = state.expand.filter((id) => !unknown.includes(id));
    notes.push(`No entity with id ${unknown.join(', ')}.`);
    saveState();
  }
  pathProblem = found instanceof Error ? found.message : '';
  paths = found instanceof Error ? [] : found.slice(0, MAX_PATHS);
  morePaths = !(found instanceof Error) && found.length > MAX_PATHS;
  for (const p of paths) {
    for (const n of p.nodes) nodes.set(n.id, n);
    for (const e of p.relationships) edges.set(e.id, e);
  }

  const wasEmpty = cy.nodes().empty();
  const changed = view.sync(nodes, edges);
  view.markExpanded(state.expand);
  applyFilters();
  showPaths();
  alertUser([...new Set(notes)].join(' '));
  byId('empty').hidden = cy.nodes().nonempty();
  showSelection(); // first, so that the layout fits the canvas the side panel leaves
  if (changed || relayout) await view.layout(state.layout, { randomize: wasEmpty });
  const selected = cy.elements(':selected');
  if (selected.nonempty()) view.reveal(selected);
}

/** Expands an entity: its neighbors join the view. */
function expand(id) {
  if (state.expand.includes(id)) return;
  state.expand = [...state.expand, id];
  saveState({ push: true });
  busy(load());
}

// ---- filters ------------------------------------------------------------------

const anchors = () => new Set([...state.expand, ...(state.path ? [state.path.from, state.path.to] : [])]);

function applyFilters() {
  view.filter(state, anchors());
  showFilters();
  showLegend();
  showExports();
  const shownNodes = cy.nodes().not('.filtered').length;
  const shownEdges = cy.edges().not('.filtered').length;
  const hidden = cy.elements().length - shownNodes - shownEdges;
  say(
    cy.nodes().empty()
      ? 'Search for an entity to start.'
      : `${shownNodes} entities and ${shownEdges} relationships shown${hidden ? `, ${hidden} hidden by filters` : ''}.`,
  );
}

function refilter() {
  saveState();
  applyFilters();
  showPaths();
  busy(view.layout(state.layout));
}

/** One checkbox a value (kind or type) with its count on the canvas. */
function checkboxes(container, values, hidden, label, count) {
  container.replaceChildren(
    ...values.map((v) =>
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          checked: !hidden.has(v),
          onChange: (e) => {
            if (e.target.checked) hidden.delete(v);
            else hidden.add(v);
            refilter();
          },
        }),
        label(v),
        h('span', { class: 'count' }, String(count(v))),
      ),
    ),
  );
}

function showFilters() {
  const count = (attr) => (v) => cy.elements().filter((el) => el.data(attr) === v).length;
  // Only what is on the canvas, plus whatever is hidden, so the lists stay short.
  const present = (attr, hidden) => [...new Set([...cy.elements().map((el) => el.data(attr)).filter(Boolean), ...hidden])].sort();
  checkboxes(byId('filter-kinds'), present('kind', state.hideKinds), state.hideKinds, kindBadge, count('kind'));
  checkboxes(byId('filter-types'), present('type', state.hideTypes), state.hideTypes, (t) => h('span', {}, typeLabel(t)), count('type'));
  for (const list of [byId('filter-kinds'), byId('filter-types')]) {
    if (list.children.length === 0) list.replaceChildren(h('p', { class: 'muted' }, 'Nothing on the canvas yet.'));
  }
}

for (const [id, key] of [
  ['date-from', 'from'],
  ['date-to', 'to'],
]) {
  byId(id).addEventListener('change', (e) => {
    const v = e.target.value.trim();
    const ok = v === '' || isDate(v);
    e.target.setAttribute('aria-invalid', String(!ok));
    if (!ok) return alertUser('Dates are written 2023, 2023-11 or 2023-11-15.');
    alertUser('');
    state[key] = v;
    refilter();
  });
}

// ---- legend -----------------------------------------------------------------------

function showLegend() {
  const kinds = [...new Set(cy.nodes().not('.filtered').map((n) => n.data('kind')))].sort();
  byId('legend-kinds').replaceChildren(...kinds.map((k) => h('li', {}, kindBadge(k))));
}

// ---- selection and the side panel -----------------------------------------------------

const details = byId('details');
const detailsBody = byId('details-body');
let detailSeq = 0;

const actions = {
  expand,
  select(id) {
    const el = cy.getElementById(id);
    if (el.empty() || el.hasClass('filtered')) return alertUser('That is not on the canvas: clear the filters or expand a neighbor.');
    cy.elements(':selected').unselect();
    el.select();
    view.reveal(el);
  },
  pathFrom(e) {
    fromBox.set(e);
    if (toBox.value) findPath();
    else byId('path-to').focus();
  },
  pathTo(e) {
    toBox.set(e);
    if (fromBox.value) findPath();
    else byId('path-from').focus();
  },
};

/** The selected entity's relationships on the canvas. */
function linksOf(node) {
  return node
    .connectedEdges().not('.filtered')
    .map((e) => {
      const outgoing = e.source().id() === node.id();
      const other = outgoing ? e.target() : e.source();
      return { id: e.id(), type: e.data('type'), outgoing, other: { id: other.id(), name: other.data('name'), kind: other.data('kind') } };
    })
    .sort((a, b) => a.type.localeCompare(b.type) || a.other.name.localeCompare(b.other.name));
}

async function showDetails(el) {
  const mine = ++detailSeq;
  const id = el.id();
  details.hidden = false;
  document.body.classList.add('has-details');
  const render = (children) => {
    if (mine === detailSeq) detailsBody.replaceChildren(...children.filter(Boolean));
  };
  render([h('p', { class: 'muted' }, `Loading ${el.data('name') ?? typeLabel(el.data('type'))}…`)]);
  try {
    if (el.isNode()) {
      const e = await busy(cached(`e:${id}`, () => api.entity(id)));
      render(entityPanel(e, { expanded: state.expand.includes(id), links: linksOf(el) }, actions));
    } else {
      const r = await busy(cached(`r:${id}`, () => api.relationship(id)));
      render(relationshipPanel(r, actions));
    }
  } catch (err) {
    render([h('p', { class: 'error' }, err.message)]);
  }
  showExports();
}

function hideDetails() {
  detailSeq++;
  details.hidden = true;
  document.body.classList.remove('has-details');
  showExports();
}

/** Selects the element the URL names, or redraws the panel of the one selected. */
function showSelection() {
  const el = state.select ? cy.getElementById(state.select) : cy.collection();
  if (el.nonempty() && !el.hasClass('filtered')) {
    if (el.selected()) showDetails(el);
    else el.select();
  } else {
    cy.elements(':selected').unselect();
  }
}

cy.on('select', (e) => {
  state.select = e.target.id();
  saveState();
  showDetails(e.target);
});
cy.on('unselect', () => {
  // Selecting another element unselects this one first: wait to see.
  queueMicrotask(() => {
    if (cy.elements(':selected').nonempty()) return;
    state.select = '';
    saveState();
    hideDetails();
  });
});
cy.on('dbltap', 'node', (e) => expand(e.target.id()));
byId('details-close').addEventListener('click', () => {
  cy.elements(':selected').unselect();
  graphEl.focus();
});

// ---- search and the path finder ----------------------------------------------------------

const onError = (err) => alertUser(err.message);

const searchBox = combobox(byId('search'), byId('search-list'), {
  onError,
  onChoose(item) {
    searchBox.set(null);
    state.select = item.id;
    if (!state.expand.includes(item.id)) state.expand = [...state.expand, item.id];
    saveState({ push: true });
    busy(load());
  },
});

const fromBox = combobox(byId('path-from'), byId('path-from-list'), { onError, onChoose: () => byId('path-to').focus() });
const toBox = combobox(byId('path-to'), byId('path-to-list'), { onError, onChoose: () => byId('path-find').focus() });

function findPath() {
  if (!fromBox.value || !toBox.value) return alertUser('Choose both ends of the path from the suggestions.');
  state.path = { from: fromBox.value.id, to: toBox.value.id };
  saveState({ push: true });
  busy(load());
}

byId('path-form').addEventListener('submit', (e) => {
  e.preventDefault();
  findPath();
});
byId('path-clear').addEventListener('click', () => {
  state.path = null;
  fromBox.set(null);
  toBox.set(null);
  saveState({ push: true });
  busy(load());
});

/** A path in words: Huawei –supplier of→ Safe City (Serbia) ←involved in– City of Belgrade. */
function pathSteps(p) {
  return p.nodes.flatMap((n, i) => {
    const r = p.relationships[i];
    if (!r) return [n.name];
    const forward = r.from.id === n.id;
    return [n.name, h('span', { class: 'rel' }, forward ? ` –${typeLabel(r.type)}→ ` : ` ←${typeLabel(r.type)}– `)];
  });
}

/** Lights the given paths, by default the shortest ones, and lists them all. */
function showPaths(lit) {
  const list = byId('path-results');
  byId('path-clear').hidden = !state.path;
  if (!state.path) {
    view.highlight(new Set());
    list.replaceChildren();
    return;
  }
  const ref = (id) => cy.getElementById(id).data('entity') ?? { id, name: id };
  if (fromBox.value?.id !== state.path.from) fromBox.set(ref(state.path.from));
  if (toBox.value?.id !== state.path.to) toBox.set(ref(state.path.to));
  if (paths.length === 0) {
    view.highlight(new Set());
    list.replaceChildren(h('p', { class: pathProblem ? 'error' : '' }, pathProblem || `No connection within ${MAX_HOPS} hops.`));
    return;
  }
  const shortest = paths[0].length;
  lit ??= paths.filter((p) => p.length === shortest);
  view.highlight(new Set(lit.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.relationships.map((r) => r.id)])));
  list.replaceChildren(
    h(
      'p',
      {},
      `${morePaths ? `The ${paths.length} shortest of more paths` : `${paths.length} ${paths.length === 1 ? 'path' : 'paths'}`}; the shortest has ${shortest} ${shortest === 1 ? 'hop' : 'hops'}.`,
    ),
    h(
      'ol',
      { class: 'paths' },
      paths.map((p) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', 'aria-pressed': String(lit.includes(p)), onClick: () => showPaths([p]) },
            `${p.length} ${p.length === 1 ? 'hop' : 'hops'}: `,
            pathSteps(p),
          ),
        ),
      ),
    ),
  );
}

// ---- layout and view tools ---------------------------------------------------------------

function setLayout(name) {
  state.layout = name;
  saveState();
  showControls();
  busy(view.layout(name));
}

byId('layout-force').addEventListener('click', () => setLayout('force'));
byId('layout-tree').addEventListener('click', () => setLayout('tree'));
byId('fit').addEventListener('click', () => view.fit());
byId('zoom-in').addEventListener('click', () => view.zoom(1.25));
byId('zoom-out').addEventListener('click', () => view.zoom(0.8));
byId('clear').addEventListener('click', () => {
  state = parseState('');
  saveState({ push: true });
  showControls();
  busy(load());
});
/** Opens or closes the controls, which slide over the canvas on a narrow screen. */
function showMenu(open) {
  byId('controls').classList.toggle('open', open);
  byId('toggle-controls').setAttribute('aria-expanded', String(open));
}
byId('toggle-controls').addEventListener('click', () => showMenu(!byId('controls').classList.contains('open')));

/** Puts the state into the controls that show it. */
function showControls() {
  byId('layout-force').setAttribute('aria-pressed', String(state.layout === 'force'));
  byId('layout-tree').setAttribute('aria-pressed', String(state.layout === 'tree'));
  byId('date-from').value = state.from;
  byId('date-to').value = state.to;
  if (!state.path) {
    fromBox.set(null);
    toBox.set(null);
  }
}

/** Steps the selection through the shown entities, by name. */
function step(by) {
  const nodes = cy
    .nodes()
    .not('.filtered')
    .toArray()
    .sort((a, b) => a.data('name').localeCompare(b.data('name')));
  if (nodes.length === 0) return;
  const at = nodes.findIndex((n) => n.selected());
  const next = nodes[at < 0 ? (by > 0 ? 0 : nodes.length - 1) : (at + by + nodes.length) % nodes.length];
  actions.select(next.id());
}

const SHORTCUTS = {
  '/': () => byId('search').focus(),
  f: () => view.fit(),
  '+': () => view.zoom(1.25),
  '=': () => view.zoom(1.25),
  '-': () => view.zoom(0.8),
  e: () => {
    const n = cy.nodes(':selected');
    if (n.nonempty()) expand(n.id());
  },
  l: () => setLayout(state.layout === 'force' ? 'tree' : 'force'),
  n: () => step(1),
  p: () => step(-1),
  Escape: () => {
    if (byId('controls').classList.contains('open')) showMenu(false);
    else cy.elements(':selected').unselect();
  },
};

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  if (e.target.closest('input, textarea, select') && e.key !== 'Escape') return;
  const run = SHORTCUTS[e.key.length === 1 ? e.key.toLowerCase() : e.key];
  if (!run) return;
  e.preventDefault();
  run();
});

// ---- export -----------------------------------------------------------------------------

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileName = (ext) => `silkgraph-${state.expand[0] ?? 'view'}.${ext}`;

byId('export-png').addEventListener('click', async () => download(await view.png(), fileName('png')));
byId('export-graphml').addEventListener('click', () => {
  const { nodes, edges } = view.shown();
  download(new Blob([toGraphML(nodes, edges)], { type: 'application/graphml+xml' }), fileName('graphml'));
});

// A click on a server export fetches it (with the API key, which a link
// cannot carry) and saves it, so that a refusal is a message rather than a
// saved file of JSON.
byId('server-exports').addEventListener('click', async (e) => {
  const link = e.target.closest('a[href^="/export/"]');
  if (!link) return;
  e.preventDefault();
  try {
    const { blob, name } = await api.exportFile(link.getAttribute('href'));
    download(blob, name ?? `silkgraph.${link.getAttribute('href').split(/[/?]/)[2]}`);
  } catch (err) {
    onError(err);
  }
});

/** Links to the server's exports: the whole graph, and the focused entity's neighborhood with the filters. */
function showExports() {
  const links = (query) => h('ul', { class: 'formats' }, EXPORT_FORMATS.map(([f, label]) => h('li', {}, h('a', { href: `/export/${f}${query}`, download: true }, label))));
  const selected = cy.nodes(':selected');
  const focus = selected.nonempty() ? selected.id() : state.expand[0];
  const parts = [];
  if (focus) {
    const q = new URLSearchParams({ entity: focus, depth: '1', limit: String(LIMIT) });
    // The server takes the types and kinds to keep; the view knows those to hide.
    if (state.hideTypes.size > 0) q.set('types', allTypes.filter((t) => !state.hideTypes.has(t)).join(','));
    if (state.hideKinds.size > 0) q.set('kinds', allKinds.filter((k) => !state.hideKinds.has(k)).join(','));
    const name = cy.getElementById(focus).data('name') ?? focus;
    parts.push(h('p', {}, `Neighborhood of ${name}:`), links(`?${q.toString().replaceAll('%2C', ',')}`));
  }
  parts.push(h('p', {}, 'Whole graph:'), links(''));
  byId('server-exports').replaceChildren(...parts);
}

// ---- start ----------------------------------------------------------------------------------

function loadOntology() {
  api
    .ontology()
    .then((o) => {
      allTypes = o.relationshipTypes.map((t) => t.type);
      allKinds = o.kinds.map((k) => k.kind);
      showExports();
    })
    .catch(onError);
}
loadOntology();

// ---- API key ----------------------------------------------------------------------------------

const keyInput = byId('api-key');
keyInput.value = api.apiKey.get();
function useKey(key) {
  api.apiKey.set(key);
  keyInput.value = key;
  cache.clear();
  alertUser('');
  loadOntology();
  busy(load({ relayout: true }));
}
byId('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const key = keyInput.value.trim();
  const problem = api.keyProblem(key);
  if (problem) alertUser(problem);
  else useKey(key);
});
byId('key-forget').addEventListener('click', () => useKey(''));

byId('legend-edges').replaceChildren(
  h('li', {}, h('span', { class: 'line' }), 'relationship, labelled by type'),
  h('li', {}, h('span', { class: 'line dashed' }), 'denies a link'),
  h('li', {}, h('span', { class: 'line path' }), 'path found'),
  h('li', {}, h('span', { class: 'ring' }), 'neighbors shown'),
);
// On a narrow screen the legend starts folded, to leave the canvas free.
if (matchMedia('(max-width: 900px)').matches) byId('legend').open = false;
// For the browser test and the console.
window.explorer = { cy };
showControls();
busy(load({ relayout: true }));
