// Silkgraph GraphiQL: full-page IDE talking to /graphql on the same origin.
// Example queries come from /examples.json:
//   [{ "name": "Actors", "query": "query Actors { ... }", "variables": "{\"n\": 5}" }, ...]
// Each example opens as a tab; if /examples.json cannot be loaded, one tab with
// DEFAULT_QUERY opens instead.
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/graphiql.css';

const DEFAULT_QUERY = '{ __schema { queryType { name } } }';
// localStorage key remembering which example set the persisted tabs were seeded from.
const EXAMPLES_KEY = 'silkgraph:examples';

const fetcher = createGraphiQLFetcher({ url: '/graphql' });

async function loadExamples() {
  try {
    const res = await fetch('/examples.json', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const list = await res.json();
    if (!Array.isArray(list)) throw new Error('not an array');
    const tabs = list
      .filter((e) => e && typeof e.query === 'string' && e.query.trim() !== '')
      .map((e) => {
        let query = e.query;
        // GraphiQL titles tabs by operation name; keep the example's name visible
        // in the editor as a leading comment.
        if (typeof e.name === 'string' && e.name !== '' && !query.trimStart().startsWith('#')) {
          query = `# ${e.name}\n${query}`;
        }
        const tab = { query };
        if (typeof e.variables === 'string' && e.variables.trim() !== '') tab.variables = e.variables;
        return tab;
      });
    if (tabs.length === 0) throw new Error('no usable examples');
    return tabs;
  } catch (err) {
    console.warn('Silkgraph GraphiQL: /examples.json unavailable, using default query:', err);
    return null;
  }
}

// GraphiQL only uses defaultTabs when it has no tabs persisted in localStorage.
// Drop the persisted tabs whenever the served example set differs from the one
// they were seeded from (first visit, or examples changed); otherwise keep the
// user's own tabs across reloads.
function resetTabsIfExamplesChanged(tabs) {
  try {
    const fingerprint = JSON.stringify(tabs);
    if (localStorage.getItem(EXAMPLES_KEY) !== fingerprint) {
      for (const k of ['tabState', 'query', 'variables', 'headers', 'operationName']) {
        localStorage.removeItem(`graphiql:${k}`);
      }
      // GraphiQL 3 seeds the variables editor of the first tab from storage, not from
      // defaultTabs[0], so put the first example's variables there.
      if (tabs[0].variables) localStorage.setItem('graphiql:variables', tabs[0].variables);
      localStorage.setItem(EXAMPLES_KEY, fingerprint);
    }
  } catch {
    // localStorage unavailable (privacy mode): GraphiQL falls back to defaultTabs anyway.
  }
}

async function main() {
  const examples = await loadExamples();
  const defaultTabs = examples ?? [{ query: DEFAULT_QUERY }];
  if (examples) resetTabsIfExamplesChanged(examples);
  const root = createRoot(document.getElementById('graphiql'));
  root.render(
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      defaultTabs={defaultTabs}
      // Open the variables pane when an example needs variables.
      defaultEditorToolsVisibility={defaultTabs.some((t) => t.variables) ? 'variables' : false}
    >
      <GraphiQL.Logo>
        Silkgraph{' '}
        <a href="/explore" title="See the graph as a network" style={{ fontSize: '0.6em', marginLeft: '0.5em' }}>
          network explorer
        </a>
      </GraphiQL.Logo>
    </GraphiQL>,
  );
}

main();
