// GraphML (http://graphml.graphdrawing.org/) of the current view, for Gephi,
// yEd and Cytoscape desktop. Every node and edge keeps its id, kind or type,
// dates, amount and sources; sources are a JSON array of {source, title, quote}.

const NODE_KEYS = ['name', 'kind', 'category', 'country', 'date', 'startDate', 'endDate', 'status', 'amount', 'currency', 'amountText', 'sources'];
const EDGE_KEYS = ['type', 'role', 'startDate', 'endDate', 'amount', 'currency', 'amountText', 'sources'];

// XML 1.0 cannot carry most control characters at all, so they are dropped.
const escape = (s) =>
  String(s)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

const sources = (citations) => JSON.stringify((citations ?? []).map((c) => ({ source: c.source.id, title: c.source.title, quote: c.quote })));

function money(m) {
  return m ? { amount: m.amount, currency: m.currency, amountText: m.text } : {};
}

function nodeValues(n) {
  return { name: n.name, kind: n.kind, category: n.category, country: n.country?.id, date: n.date, startDate: n.startDate, endDate: n.endDate, status: n.status, ...money(n.value), sources: sources(n.sources) };
}

function edgeValues(e) {
  return { type: e.type, role: e.role, startDate: e.startDate, endDate: e.endDate, ...money(e.amount), sources: sources(e.sources) };
}

function data(prefix, keys, values) {
  return keys
    .filter((k) => values[k] != null && values[k] !== '')
    .map((k) => `      <data key="${prefix}_${k}">${escape(values[k])}</data>\n`)
    .join('');
}

const keyDecl = (scope, prefix) => (k) =>
  `  <key id="${prefix}_${k}" for="${scope}" attr.name="${k}" attr.type="${k === 'amount' ? 'double' : 'string'}"/>\n`;

/**
 * Returns the GraphML document of entities (as the API gives them) and the
 * relationships between them (with from.id and to.id).
 */
export function toGraphML(nodes, edges) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ...NODE_KEYS.map(keyDecl('node', 'n')),
    ...EDGE_KEYS.map(keyDecl('edge', 'e')),
    '  <graph id="silkgraph" edgedefault="directed">\n',
    ...nodes.map((n) => `    <node id="${escape(n.id)}">\n${data('n', NODE_KEYS, nodeValues(n))}    </node>\n`),
    ...edges.map((e) => `    <edge id="${escape(e.id)}" source="${escape(e.from.id)}" target="${escape(e.to.id)}">\n${data('e', EDGE_KEYS, edgeValues(e))}    </edge>\n`),
    '  </graph>\n',
    '</graphml>\n',
  ].join('');
}
