import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inRange } from '../src/dates.js';

test('items in a date range', () => {
  const cases = [
    { name: 'undated', item: {}, from: '2020', to: '2021', want: true },
    { name: 'year inside', item: { date: '2021' }, from: '2020', to: '2022', want: true },
    { name: 'year before', item: { date: '2019' }, from: '2020', to: '', want: false },
    { name: 'year after', item: { date: '2023' }, from: '', to: '2022', want: false },
    { name: 'year overlaps a month', item: { date: '2023' }, from: '2023-06', to: '2023-06', want: true },
    { name: 'day in month', item: { date: '2023-11-15' }, from: '2023-11', to: '2023-11', want: true },
    { name: 'day before month', item: { date: '2023-10-31' }, from: '2023-11', to: '', want: false },
    { name: 'ongoing since', item: { startDate: '2020-08' }, from: '2024', to: '2025', want: true },
    { name: 'ended before', item: { startDate: '2014', endDate: '2018' }, from: '2019', to: '', want: false },
    { name: 'dated, then started', item: { date: '2021', startDate: '2024-07-01' }, from: '2022', to: '2022', want: true },
    { name: 'starts after', item: { startDate: '2024' }, from: '', to: '2023', want: false },
    { name: 'no range', item: { date: '1999' }, from: '', to: '', want: true },
  ];
  for (const c of cases) {
    assert.equal(inRange(c.item, c.from, c.to), c.want, c.name);
  }
});
