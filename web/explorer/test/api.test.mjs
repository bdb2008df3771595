import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyProblem } from '../src/api.js';

test('keys a request can carry', () => {
  const cases = [
    { name: 'a key', key: 'sgk_0123456789ab_Zx-9_aBc', want: '' },
    { name: 'none', key: '', want: '' },
    { name: 'a space inside', key: 'sgk_01 23', want: 'no spaces' },
    { name: 'a tab', key: 'sgk_01\t23', want: 'no spaces' },
    { name: 'a typographic dash', key: 'sgk_01–23', want: 'no "–"' },
    { name: 'a non-ASCII letter', key: 'sgk_0ü', want: 'no "ü"' },
  ];
  for (const c of cases) {
    const got = keyProblem(c.key);
    if (c.want === '') assert.equal(got, '', c.name);
    else assert.ok(got.includes(c.want), `${c.name}: ${got}`);
  }
});
