import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toGraphML } from '../src/graphml.js';

const cite = { quote: 'sold "200" body cams <cheap> & fast', source: { id: 'rferl', title: 'RFE/RL' } };

test('GraphML keeps ids, kinds, types, dates, amounts and sources, escaped', () => {
  const xml = toGraphML(
    [
      { id: 'mibo', name: 'MIBO Komunikacije', kind: 'COMPANY', country: { id: 'bih' }, sources: [cite] },
      { id: 'deal', name: 'Body-cam purchase', kind: 'AGREEMENT', date: '2023-11', value: { amount: 200000, currency: 'EUR', text: '200,000-euro' }, sources: [] },
    ],
    [{ id: 'mibo|SUPPLIER_OF|deal', type: 'SUPPLIER_OF', from: { id: 'mibo' }, to: { id: 'deal' }, role: 'supplier\u0007', sources: [cite] }],
  );
  for (const want of [
    '<key id="n_amount" for="node" attr.name="amount" attr.type="double"/>',
    '<key id="e_type" for="edge" attr.name="type" attr.type="string"/>',
    '<graph id="silkgraph" edgedefault="directed">',
    '<node id="mibo">',
    '<data key="n_kind">COMPANY</data>',
    '<data key="n_country">bih</data>',
    '<data key="n_date">2023-11</data>',
    '<data key="n_amount">200000</data>',
    '<data key="n_currency">EUR</data>',
    '<edge id="mibo|SUPPLIER_OF|deal" source="mibo" target="deal">',
    '<data key="e_type">SUPPLIER_OF</data>',
    '<data key="e_role">supplier</data>',
    '<data key="e_sources">[{&quot;source&quot;:&quot;rferl&quot;,&quot;title&quot;:&quot;RFE/RL&quot;,&quot;quote&quot;:&quot;sold \\&quot;200\\&quot; body cams &lt;cheap&gt; &amp; fast&quot;}]</data>',
  ]) {
    assert.ok(xml.includes(want), `missing ${want} in\n${xml}`);
  }
  assert.ok(!xml.includes('<data key="n_category">'), 'empty values are left out');
});
