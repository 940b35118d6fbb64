import { EvaluationEngine, topologicalSort } from '@amplitude/experiment-core';
import { createClient } from '@ensign/node-sdk';
import { importAmplitudeFlags } from '@ensign/importers/amplitude';
import { it } from 'vitest';
const flags: any[] = [
  { key: 'a', metadata: {}, variants: { on: { key: 'on', value: 'on' } }, segments: [{ variant: 'on' }] },
  { key: 'b', variants: { on: { key: 'on', value: 'on' }, off:{key:'off'} }, segments: [{ conditions: [[{ selector: ['context','user','user_properties','list','0'], op: 'is', values: ['x'] }]], variant: 'on' }] },
  { key: 'rx', variants: { on: { key: 'on', value: 'on' } }, segments: [{ conditions: [[{ selector: ['context','user','user_properties','p'], op: 'regex match', values: ['('] }]], variant: 'on' }, {variant: 'on'}] },
  { key: 'grp', variants: { on: { key: 'on', value: 'on' } }, segments: [{ conditions: [[{ selector: ['context','groups','org id','group_name'], op: 'is', values: ['Acme'] }]], variant: 'on' }] },
  { key: 'mk', variants: { on: { key: 'other', value: 'on' } }, segments: [{ variant: 'on' }] },
  { key: 'lt', variants: { on: { key: 'on', value: 'on' } }, segments: [{ conditions: [[{ selector: ['context','user','user_properties','n'], op: 'less', values: [''] }]], variant: 'on' }] },
  { key: 'dep', dependencies: ['a'], variants: { on: { key: 'on', value: 'on' } }, segments: [{ conditions: [[{ selector: ['result','a','key'], op: 'is', values: ['on'] }]], variant: 'on' }] },
];
it('x', async () => {
  const e = new EvaluationEngine();
  const byKey: any = {}; for (const f of flags) byKey[f.key] = f;
  for (const user of [{}, { user_id: 'u', user_properties: { list: ['x'], p: 'abc', n: 'z' }, groups: { 'org id': ['Acme'] } }]) {
    const ctx = { user };
    try { console.log('amp', JSON.stringify(e.evaluate(ctx as any, topologicalSort(byKey)))); } catch (err) { console.log('amp throws', String(err)); }
    console.log('amp dep', JSON.stringify(e.evaluate(ctx as any, topologicalSort(byKey, ['dep']))));
  }
  const imp = importAmplitudeFlags(flags);
  console.log(JSON.stringify(imp, null, 0).slice(0, 3000));
  if (!imp.ok) return;
  const c = createClient({ datafile: imp.datafile, events: false });
  await c.onReady({ timeout: 3000 });
  console.log(JSON.stringify((c.getStatus() as any).quarantined));
  for (const user of [{}, { user_id: 'u', user_properties: { list: ['x'], p: 'abc', n: 'z' }, groups: { 'org id': ['Acme'] } }]) {
    console.log('ens', JSON.stringify(c.evaluate(user as any)), JSON.stringify(c.evaluate(user as any, ['dep'])));
  }
  await c.close();
});
