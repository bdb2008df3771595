// The graph canvas: Cytoscape.js with a force-directed (fCoSE) and a
// hierarchical (dagre) layout. It shows what it is given and knows nothing
// of the API or the URL.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import dagre from 'cytoscape-dagre';
import { inRange } from './dates.js';
import { KINDS, typeLabel } from './kinds.js';

cytoscape.use(fcose);
cytoscape.use(dagre);

const ACCENT = '#0b57d0';
// Fitting a few entities to the canvas would blow them up; fit no closer than this.
const FIT_MAX_ZOOM = 1.3;
const MAX_ZOOM = 4;
const PATH = '#d97706';

const STYLE = [
  {
    selector: 'node',
    style: {
      width: 26,
      height: 26,
      label: 'data(name)',
      'font-size': 10,
      'font-family': 'system-ui, sans-serif',
      color: '#1d2430',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': 130,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': 1,
      'min-zoomed-font-size': 7,
      'border-width': 1.5,
      'border-color': '#ffffff',
    },
  },
  ...Object.entries(KINDS).map(([kind, { color, shape }]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': color, shape },
  })),
  // Entities whose neighbors are shown are drawn larger, with a dark ring.
  { selector: 'node.expanded', style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#1d2430', 'font-weight': 'bold' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      label: 'data(label)',
      'font-size': 8,
      'font-family': 'system-ui, sans-serif',
      color: '#52606d',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'min-zoomed-font-size': 7,
    },
  },
  // A negative finding ("no link with") is not a link: dashed.
  { selector: 'edge[type = "DENIES_LINK_TO"]', style: { 'line-style': 'dashed' } },
  { selector: '.faded', style: { opacity: 0.25 } },
  { selector: 'edge.path', style: { width: 3, 'line-color': PATH, 'target-arrow-color': PATH, color: '#92400e', opacity: 1 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': PATH, opacity: 1 } },
  { selector: ':selected', style: { opacity: 1 } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': ACCENT, 'overlay-color': ACCENT, 'overlay-opacity': 0.12, 'overlay-padding': 6 } },
  { selector: 'edge:selected', style: { width: 4, 'line-color': ACCENT, 'target-arrow-color': ACCENT, color: ACCENT } },
  { selector: '.filtered', style: { display: 'none' } },
];

const LAYOUTS = {
  force: (randomize) => ({
    name: 'fcose',
    quality: 'default',
    randomize,
    animate: !randomize,
    animationDuration: 400,
    nodeDimensionsIncludeLabels: true,
    nodeRepulsion: 9000,
    idealEdgeLength: 100,
    nodeSeparation: 90,
    padding: 30,
  }),
  tree: () => ({ name: 'dagre', rankDir: 'LR', nodeDimensionsIncludeLabels: true, nodeSep: 18, rankSep: 140, edgeSep: 10, animate: true, animationDuration: 400, padding: 30 }),
};

/** Creates the canvas in container. */
export function createView(container) {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.1,
    maxZoom: MAX_ZOOM,
    boxSelectionEnabled: false,
    selectionType: 'single',
  });
  let running = null;
  // The side panel and the window change the canvas's size.
  new ResizeObserver(() => cy.resize()).observe(container);

  /** Runs a step that fits the view with the zoom capped, then gives the user the whole zoom range back. */
  async function capped(fit) {
    cy.maxZoom(FIT_MAX_ZOOM);
    try {
      await fit();
    } finally {
      cy.maxZoom(MAX_ZOOM);
    }
  }

  return {
    cy,

    /**
     * Makes the canvas hold exactly these entities and relationships (maps by
     * id of API objects); returns whether anything was added or removed. New
     * entities start next to a neighbor already placed, so that the layout
     * moves the graph little.
     */
    sync(nodes, edges) {
      let changed = false;
      cy.batch(() => {
        const gone = cy.elements().filter((el) => !(el.isNode() ? nodes : edges).has(el.id()));
        changed = gone.length > 0;
        cy.remove(gone);
        const placed = (id) => cy.getElementById(id).nonempty() && cy.getElementById(id).position();
        const fresh = [...nodes.values()].filter((n) => cy.getElementById(n.id).empty());
        for (const n of fresh) {
          const near = [...edges.values()].map((e) => (e.from.id === n.id ? e.to.id : e.to.id === n.id ? e.from.id : null)).find((id) => id && placed(id));
          const at = near ? placed(near) : { x: 0, y: 0 };
          cy.add({ group: 'nodes', data: { id: n.id, name: n.name, kind: n.kind, entity: n }, position: { x: at.x + (Math.random() - 0.5) * 80, y: at.y + (Math.random() - 0.5) * 80 } });
        }
        for (const e of edges.values()) {
          if (cy.getElementById(e.id).nonempty()) continue;
          cy.add({ group: 'edges', data: { id: e.id, source: e.from.id, target: e.to.id, type: e.type, label: typeLabel(e.type), relationship: e } });
          changed = true;
        }
        changed ||= fresh.length > 0;
      });
      return changed;
    },

    /**
     * Hides entities of hidden kinds or out of the date range, relationships
     * of hidden types or out of the range, and entities left without a shown
     * relationship unless they are anchors (expanded, or a path's end).
     */
    filter({ hideKinds, hideTypes, from, to }, anchors) {
      cy.batch(() => {
        cy.elements().removeClass('filtered');
        cy.nodes()
          .filter((n) => hideKinds.has(n.data('kind')) || !inRange(n.data('entity'), from, to))
          .addClass('filtered');
        cy.edges()
          .filter((e) => hideTypes.has(e.data('type')) || !inRange(e.data('relationship'), from, to) || e.source().hasClass('filtered') || e.target().hasClass('filtered'))
          .addClass('filtered');
        cy.nodes()
          .filter((n) => !n.hasClass('filtered') && !anchors.has(n.id()) && n.connectedEdges().not('.filtered').empty())
          .addClass('filtered');
      });
    },

    /** Marks the entities whose neighbors are shown. */
    markExpanded(ids) {
      cy.batch(() => {
        cy.nodes().removeClass('expanded');
        for (const id of ids) cy.getElementById(id).addClass('expanded');
      });
    },

    /** Highlights the elements with these ids and fades the rest; no ids clears it. */
    highlight(ids) {
      cy.batch(() => {
        cy.elements().removeClass('path faded');
        if (ids.size === 0) return;
        cy.elements().forEach((el) => el.addClass(ids.has(el.id()) ? 'path' : 'faded'));
      });
    },

    /** Lays out the shown elements; resolves when done. */
    layout(name, { randomize = false } = {}) {
      running?.stop();
      cy.resize(); // the side panel may have just opened or closed
      const shown = cy.elements().not('.filtered');
      if (shown.empty()) return Promise.resolve();
      const layout = shown.layout(name === 'tree' ? LAYOUTS.tree() : LAYOUTS.force(randomize));
      running = layout;
      return capped(() => {
        const done = layout.promiseOn('layoutstop');
        layout.run();
        return done;
      }).then(() => {
        if (running === layout) running = null;
      });
    },

    /** Shown entities and relationships as the API gave them. */
    shown() {
      return {
        nodes: cy.nodes().not('.filtered').map((n) => n.data('entity')),
        edges: cy.edges().not('.filtered').map((e) => e.data('relationship')),
      };
    },

    fit() {
      return capped(() => cy.animation({ fit: { eles: cy.elements().not('.filtered'), padding: 30 }, duration: 250 }).play().promise());
    },

    zoom(factor) {
      const c = cy.container();
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: c.clientWidth / 2, y: c.clientHeight / 2 } });
    },

    /** Pans to the element if it is out of sight. */
    reveal(el) {
      const box = el.boundingBox();
      const ext = cy.extent();
      if (box.x1 < ext.x1 || box.x2 > ext.x2 || box.y1 < ext.y1 || box.y2 > ext.y2) {
        cy.animate({ center: { eles: el } }, { duration: 250 });
      }
    },

    /** The canvas as a PNG blob. */
    png() {
      return cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
    },
  };
}
