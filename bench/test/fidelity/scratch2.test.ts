import { basicLogger, init, integrations } from '@launchdarkly/node-server-sdk';
import { createClient } from '@ensign/node-sdk';
import { importLaunchDarkly } from '@ensign/importers/launchdarkly';
import { it } from 'vitest';
const base = { version: 1, on: true, salt: 's', variations: ['a', 'b'], offVariation: 0, targets: [], contextTargets: [], prerequisites: [], trackEvents: false, trackEventsFallthrough: false, clientSide: false, deleted: false };
const flags: Record<string, any> = {
  norollvars: { ...base, key: 'norollvars', rules: [{ id: 'r1', clauses: [{ contextKind: 'user', attribute: 'key', op: 'in', values: ['u'], negate: false }], rollout: { variations: [] } }], fallthrough: { variation: 1 } },
  nofall: { ...base, key: 'nofall', rules: [], fallthrough: undefined },
  noid: { ...base, key: 'noid', rules: [{ clauses: [{ contextKind: 'user', attribute: 'key', op: 'in', values: ['u'], negate: false }], variation: 1 }], fallthrough: { variation: 0 } },
  all: { ...base, key: 'all', rules: [{ id: 'x', clauses: [{ contextKind: 'user', attribute: 'name', op: 'in', values: [5, '5'], negate: false }], variation: 1 }], fallthrough: { variation: 0 } },
  arr: { ...base, key: 'arr', rules: [{ id: 'x', clauses: [{ contextKind: 'user', attribute: '/list/0', op: 'in', values: ['x'], negate: false }], variation: 1 }], fallthrough: { variation: 0 } },
  bucket: { ...base, key: 'bucket', rules: [], fallthrough: { rollout: { bucketBy: '/slash', variations: [{variation: 0, weight: 50000}, {variation: 1, weight: 50000}] } } },
};
it('x', async () => {
  const td = new integrations.TestData();
  for (const f of Object.values(flags)) await td.usePreconfiguredFlag(f);
  const ld = init('k', { updateProcessor: td.getFactory(), sendEvents: false, diagnosticOptOut: true, logger: basicLogger({ level: 'warn' }) });
  await ld.waitForInitialization({ timeout: 5 });
  const imp = importLaunchDarkly({ flags, segments: {} } as any);
  console.log(JSON.stringify(imp).slice(0, 2500));
  if (!imp.ok) return;
  const c = createClient({ datafile: imp.datafile, events: false });
  await c.onReady({ timeout: 3000 });
  console.log(JSON.stringify((c.getStatus() as any).quarantined).slice(0, 1000));
  const ctxs: any[] = [{ key: 'u' }, { key: '' }, { kind: 'user', key: 'u', name: 5 }, { kind: 'user', key: 'u', anonymous: 'yes' }, { key: 'u', name: 5 }, { key: 'u', anonymous: 'yes' }, { kind: 'multi', user: { key: 'u' }, org: { kind: 'multi', key: 'o' } }, { kind: 'multi', multi: { key: 'o' }, user: { key: 'u' } }, { kind: 'user', key: 'u', list: ['x'] }, {kind: 'user', key:'u', '/slash': 'q', slash: 'z'}];
  for (const ctx of ctxs) for (const k of Object.keys(flags)) {
    const a = await ld.variationDetail(k, ctx, 'def');
    const e = c.variationDetail(k, ctx, 'def');
    const ja = JSON.stringify([a.value, a.variationIndex, a.reason]), je = JSON.stringify([e.value, e.variationIndex, e.reason]);
    console.log(ja === je ? 'SAME' : 'DIFF', JSON.stringify(ctx), k, ja, je);
  }
  ld.close(); await c.close();
});
