import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatState, parseState } from '../src/state.js';

test('a view survives the round trip through the URL', () => {
  const cases = [
    { name: 'empty', search: '', want: '' },
    { name: 'one entity', search: '?expand=hytera', want: '?expand=hytera' },
    {
      name: 'everything',
      search: '?expand=hytera,sarajevo-canton-bodycam-purchase-2023&path=huawei,belgrade&hideKinds=STATE&hideTypes=OWNS,LOCATED_IN&from=2019&to=2023-06&layout=tree&select=hytera%7CMAKES%7Chytera-body-cameras',
      want: '?expand=hytera,sarajevo-canton-bodycam-purchase-2023&path=huawei,belgrade&hideKinds=STATE&hideTypes=LOCATED_IN,OWNS&from=2019&to=2023-06&layout=tree&select=hytera%7CMAKES%7Chytera-body-cameras',
    },
    { name: 'duplicates and blanks dropped', search: '?expand=hytera,,hytera, huawei', want: '?expand=hytera,huawei' },
    { name: 'a path needs two ends', search: '?path=huawei', want: '' },
    { name: 'malformed dates ignored', search: '?from=2019-1&to=soon', want: '' },
    { name: 'unknown layout is force', search: '?layout=circle', want: '' },
  ];
  for (const c of cases) {
    assert.equal(formatState(parseState(c.search)), c.want, c.name);
  }
});

test('the parsed view', () => {
  const s = parseState('?expand=hytera&path=huawei,belgrade&select=hytera%7CMAKES%7Chytera-body-cameras&layout=tree');
  assert.deepEqual(s.expand, ['hytera']);
  assert.deepEqual(s.path, { from: 'huawei', to: 'belgrade' });
  assert.equal(s.select, 'hytera|MAKES|hytera-body-cameras');
  assert.equal(s.layout, 'tree');
});
