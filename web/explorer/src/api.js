// The GraphQL queries the explorer makes, against /graphql on its own origin.

const CITATION = 'quote source { id title }';
const MONEY = 'amount currency text';
const DATED = `date startDate endDate status`;

// What the canvas, the filters and the GraphML export need of an entity and a relationship.
const NODE = `fragment Node on Entity {
  id kind name category country { id }
  ... on Agreement { ${DATED} value { ${MONEY} } }
  ... on Project { ${DATED} value { ${MONEY} } }
  ... on Initiative { ${DATED} }
  ... on Event { ${DATED} }
  sources { ${CITATION} }
}`;
const EDGE = `fragment Edge on Relationship {
  id type from { id } to { id } role startDate endDate amount { ${MONEY} }
  sources { ${CITATION} }
}`;

// What the side panel shows.
const DETAIL_CITATION = 'quote source { id title publisher date url }';
const VARIANTS = `variants { field value citation { ${DETAIL_CITATION} } }`;

/** A failed request; code is the GraphQL error's extensions.code (UNAVAILABLE when the server did not answer). */
export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

// The API key this tab sends, if the user gave one: kept in sessionStorage,
// so it goes with the tab, and sent as Authorization: Bearer.
const KEY = 'silkgraph-api-key';
export const apiKey = {
  get: () => sessionStorage.getItem(KEY) ?? '',
  set: (key) => (key ? sessionStorage.setItem(KEY, key) : sessionStorage.removeItem(KEY)),
};

/**
 * Why key is not a key, or '' if it may be one. Keys are sgk_ and letters,
 * digits, - and _: a space or any other character is a pasting slip, and
 * one past Latin-1 (a typographic dash) makes fetch refuse the request,
 * which would read as a server that did not answer.
 */
export function keyProblem(key) {
  const bad = /[^\x21-\x7e]/u.exec(key)?.[0];
  if (bad === undefined) return '';
  const what = /\s/u.test(bad) ? 'spaces' : `"${bad}"`;
  return `An API key has no ${what} in it (it looks like sgk_…): paste it again.`;
}

async function send(url, init = {}) {
  const key = apiKey.get();
  const headers = key ? { ...init.headers, Authorization: `Bearer ${key}` } : init.headers;
  try {
    return await fetch(url, { ...init, headers });
  } catch {
    throw new APIError('The server did not answer; try again.', 'UNAVAILABLE');
  }
}

/** The error a failed answer's body (GraphQL-shaped, or null) reports. */
function failure(body, status) {
  const err = body?.errors?.[0];
  if (!err) return new APIError(`The server answered ${status}.`, 'INTERNAL');
  const code = err.extensions?.code ?? 'INTERNAL';
  if (code !== 'UNAUTHENTICATED') return new APIError(err.message, code);
  return new APIError(
    apiKey.get()
      ? `The server refused the API key (${err.message}): check it under "API key" in the menu.`
      : 'This server needs an API key: enter yours under "API key" in the menu.',
    code,
  );
}

async function query(text, variables) {
  const res = await send('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = await res.json().catch(() => null);
  if (body?.errors?.length || !res.ok || !body?.data) throw failure(body, res.status);
  return body.data;
}

/**
 * A server export, fetched with the API key (a link cannot carry it):
 * { blob, name }, name being the file name the server gives.
 */
export async function exportFile(href) {
  const res = await send(href);
  if (!res.ok) throw failure(await res.json().catch(() => null), res.status);
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
  return { blob: await res.blob(), name };
}

/**
 * Entities matching text, best first: { entities, anyWord }, where anyWord
 * tells that no entity matched all the words and these match some of them.
 */
export async function search(text) {
  const data = await query(
    `query Suggest($q: String!) { search(query: $q, first: 8) { matched edges { node { id name kind country { name } } } } }`,
    { q: text },
  );
  return { entities: data.search.edges.map((e) => e.node), anyWord: data.search.matched === 'ANY_WORD' };
}

/** The entity and its direct neighbors: { nodes, edges, truncated }. */
export async function neighborhood(id, limit) {
  const data = await query(
    `query Neighborhood($id: ID!, $limit: Int!) { neighborhood(id: $id, depth: 1, limit: $limit) { truncated nodes { ...Node } edges { ...Edge } } } ${NODE} ${EDGE}`,
    { id, limit },
  );
  return data.neighborhood;
}

/** Up to `first` shortest paths between two entities, shortest first: [{ length, nodes, relationships }]. */
export async function paths(from, to, maxHops, first) {
  const data = await query(
    `query Paths($from: ID!, $to: ID!, $maxHops: Int!, $first: Int!) { paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { length nodes { ...Node } relationships { ...Edge } } } ${NODE} ${EDGE}`,
    { from, to, maxHops, first },
  );
  return data.paths;
}

/** Everything the side panel shows of an entity. */
export async function entity(id) {
  const data = await query(
    `query Entity($id: ID!) { entity(id: $id) {
      id kind name aliases description category tags country { id name }
      ... on Agreement { ${DATED} value { ${MONEY} } discount { ${MONEY} } subject }
      ... on Project { ${DATED} value { ${MONEY} } subject }
      ... on Initiative { ${DATED} }
      ... on Event { ${DATED} }
      sources { ${DETAIL_CITATION} }
      ${VARIANTS}
    } }`,
    { id },
  );
  return data.entity;
}

/** Everything the side panel shows of a relationship. */
export async function relationship(id) {
  const data = await query(
    `query Relationship($id: ID!) { relationship(id: $id) {
      id type from { id name kind } to { id name kind } role startDate endDate amount { ${MONEY} } note
      properties { name value }
      sources { ${DETAIL_CITATION} }
      ${VARIANTS}
    } }`,
    { id },
  );
  return data.relationship;
}

/** Every entity kind and relationship type, with descriptions. */
export async function ontology() {
  const data = await query(`{ ontology { kinds { kind description } relationshipTypes { type description } } }`);
  return data.ontology;
}
