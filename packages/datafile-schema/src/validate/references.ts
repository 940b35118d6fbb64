// Resolves the references collected by the shape pass (unknown flags, segments, audiences, holdouts, groups,
// rules, prerequisite variations) and finds dependency cycles through prerequisites, flag-result conditions,
// segments, audiences and holdouts.
import type { Ctx, Reference } from './ctx.js';
import type { Indexes } from './datafile.js';
import type { Obj } from './read.js';

interface Edge {
  to: string;
  path: string;
}

class Graph {
  readonly edges = new Map<string, Edge[]>();
  add(from: string, to: string, path: string): void {
    const list = this.edges.get(from);
    if (list === undefined) this.edges.set(from, [{ to, path }]);
    else list.push({ to, path });
  }
}

function hasVariation(flag: Obj, key: string): boolean {
  const variations = flag.variations;
  if (!Array.isArray(variations)) return true; // already reported
  for (const v of variations) if (v !== null && typeof v === 'object' && (v as Obj).key === key) return true;
  return false;
}

function ruleIdsOf(flag: Obj): string[] {
  const rules = flag.rules;
  if (!Array.isArray(rules)) return [];
  const ids: string[] = [];
  for (const r of rules) if (r !== null && typeof r === 'object' && typeof (r as Obj).id === 'string') ids.push((r as Obj).id as string);
  return ids;
}

/** Rule id → keys of the flags that have a rule with that id. */
function indexRules(ix: Indexes): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [flagKey, flag] of ix.flags) {
    for (const id of ruleIdsOf(flag)) {
      const list = index.get(id);
      if (list === undefined) index.set(id, [flagKey]);
      else list.push(flagKey);
    }
  }
  return index;
}

function groupLists(group: Obj, flag: string, rule: string): boolean {
  const members = group.members;
  if (!Array.isArray(members)) return true;
  for (const m of members) {
    if (m === null || typeof m !== 'object') continue;
    const member = m as Obj;
    if (member.rule === rule && (member.flag === undefined || member.flag === flag)) return true;
  }
  return false;
}

function resolve(c: Ctx, ix: Indexes, r: Reference, graph: Graph, rules: () => Map<string, string[]>): void {
  const q = JSON.stringify(r.key);
  switch (r.kind) {
    case 'flag': {
      const flag = ix.flags.get(r.key);
      const prerequisite = r.path.endsWith('flagKey');
      // A missing dependency is not this entity's fault: it is evaluated as the vendors do (a prerequisite fails, a
      // condition reads nothing), so it is only a warning.
      if (flag === undefined) {
        c.warnAt(r.path, `unknown flag ${q}: ${prerequisite ? 'the prerequisite fails (PREREQUISITE_FAILED)' : r.reverse === true ? 'ignored' : 'read as missing'}`);
        return;
      }
      if (r.variation !== undefined && !hasVariation(flag, r.variation)) {
        c.warnAt(`${r.path.slice(0, -'flagKey'.length)}variation`, `flag ${q} has no variation ${JSON.stringify(r.variation)}: the prerequisite never passes`);
      }
      if (r.from !== null) {
        if (r.reverse === true) graph.add(`flag:${r.key}`, r.from, r.path);
        else graph.add(r.from, `flag:${r.key}`, r.path);
      }
      return;
    }
    case 'segment':
    case 'audience':
      if (!(r.kind === 'segment' ? ix.segments : ix.audiences).has(r.key)) {
        c.warnAt(r.path, `unknown ${r.kind} ${q}: ${r.kind === 'segment' ? 'it never matches' : 'it evaluates as unknown (no match)'}`);
        return;
      }
      if (r.from !== null) graph.add(r.from, `${r.kind}:${r.key}`, r.path);
      return;
    case 'cohort':
      if (!ix.cohorts.has(r.key)) c.warnAt(r.path, `unknown cohort ${q}: declare it in "cohorts" so its membership is synced`);
      return;
    case 'savedGroup':
      if (!ix.savedGroups.has(r.key)) c.warnAt(r.path, `unknown saved group ${q}: it counts as an empty list`);
      return;
    case 'holdout':
      if (!ix.holdouts.has(r.key)) {
        c.warnAt(r.path, `unknown holdout ${q} (ignored)`);
        return;
      }
      if (r.from !== null) graph.add(r.from, `holdout:${r.key}`, r.path);
      return;
    case 'group': {
      const group = ix.groups.get(r.key);
      if (group === undefined) c.errorAt(r.path, `unknown group ${q}`);
      else if (r.flag !== undefined && r.rule !== undefined && !groupLists(group, r.flag, r.rule)) {
        c.warnAt(r.path, `group ${q} does not list this rule among its members, so the rule never runs`);
      }
      return;
    }
    case 'rule': {
      if (r.flag !== undefined) {
        const flag = ix.flags.get(r.flag);
        if (flag === undefined) c.errorAt(r.path.replace(/rule$/, 'flag'), `unknown flag ${JSON.stringify(r.flag)}`);
        else if (!ruleIdsOf(flag).includes(r.key)) c.errorAt(r.path, `flag ${JSON.stringify(r.flag)} has no rule ${q}`);
        return;
      }
      const owners = rules().get(r.key);
      if (owners === undefined) c.errorAt(r.path, `unknown rule ${q}`);
      else if (r.reverse === true && r.from !== null) for (const f of owners) graph.add(`flag:${f}`, r.from, r.path);
      return;
    }
  }
}

function describeNode(node: string): string {
  const colon = node.indexOf(':');
  return `${node.slice(0, colon)} ${JSON.stringify(node.slice(colon + 1))}`;
}

/** The path to report a cycle node at: its edge on the cycle when that lies inside it, else the node's own path. */
function nodePath(ix: Indexes, node: string, edge: Edge): string {
  const own = ix.positions.get(node);
  if (own === undefined) return edge.path;
  return edge.path === own || edge.path.startsWith(`${own}.`) || edge.path.startsWith(`${own}[`) ? edge.path : own;
}

/**
 * Iterative depth-first search; each back edge closes a cycle, reported at every node on it (each of them is then
 * quarantined). Returns the nodes found on cycles.
 */
function findCycles(c: Ctx, graph: Graph, ix: Indexes): Set<string> {
  const cyclic = new Set<string>();
  const state = new Map<string, 1 | 2>(); // 1: on the stack, 2: done
  for (const start of graph.edges.keys()) {
    if (state.has(start)) continue;
    const nodes: string[] = [start];
    const next: number[] = [0];
    state.set(start, 1);
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const node = nodes[top] as string;
      const out = graph.edges.get(node) ?? [];
      const i = next[top] as number;
      if (i >= out.length) {
        state.set(node, 2);
        nodes.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const edge = out[i] as Edge;
      const seen = state.get(edge.to);
      if (seen === 1) {
        const from = nodes.indexOf(edge.to);
        const members = nodes.slice(from);
        const message = `dependency cycle: ${[...members, edge.to].map(describeNode).join(' → ')}`;
        for (let k = 0; k < members.length; k++) {
          const member = members[k] as string;
          if (cyclic.has(member)) continue;
          cyclic.add(member);
          // The edge leaving this member along the cycle: the member's current edge on the stack, or the back edge.
          const out = k === members.length - 1 ? edge : ((graph.edges.get(member) ?? [])[(next[from + k] as number) - 1] ?? edge);
          c.errorAt(nodePath(ix, member, out), message);
        }
      } else if (seen === undefined) {
        state.set(edge.to, 1);
        nodes.push(edge.to);
        next.push(0);
      }
    }
  }
  return cyclic;
}

const CONTAINERS = /^(segment|audience):/;

/**
 * LaunchDarkly: a flag that uses a segment caught in a cycle is MALFORMED_FLAG. Every flag, holdout, segment or
 * audience that reaches a cyclic segment or audience through segments and audiences alone is reported (and so
 * quarantined) at its first edge on the way.
 */
function reportUsersOfCycles(c: Ctx, graph: Graph, ix: Indexes, cyclic: ReadonlySet<string>): void {
  const reaches = new Map<string, string | null>(); // segment/audience node → the cyclic node it reaches, or null
  const reach = (node: string, seen: Set<string>): string | null => {
    if (cyclic.has(node)) return node;
    const known = reaches.get(node);
    if (known !== undefined) return known;
    if (seen.has(node)) return null;
    seen.add(node);
    let found: string | null = null;
    for (const e of graph.edges.get(node) ?? []) {
      if (CONTAINERS.test(e.to) && (found = reach(e.to, seen)) !== null) break;
    }
    reaches.set(node, found);
    return found;
  };
  for (const [node, edges] of graph.edges) {
    if (cyclic.has(node)) continue;
    for (const e of edges) {
      if (!CONTAINERS.test(e.to)) continue;
      const target = reach(e.to, new Set());
      if (target === null) continue;
      const at = ix.positions.has(node) && e.path.startsWith(ix.positions.get(node) as string) ? e.path : (ix.positions.get(node) ?? e.path);
      c.errorAt(at, `uses ${describeNode(e.to)}, which is caught in a dependency cycle through ${describeNode(target)}`);
      break;
    }
  }
}

/** Resolves every collected reference and reports dependency cycles. */
export function checkReferences(c: Ctx, ix: Indexes): void {
  const graph = new Graph();
  let ruleIndex: Map<string, string[]> | null = null;
  const rules = (): Map<string, string[]> => (ruleIndex ??= indexRules(ix));
  for (const r of c.refs) resolve(c, ix, r, graph, rules);
  // A global holdout applies to every flag; it matters for cycles only when its own conditions depend on something.
  for (const [key, holdout] of ix.holdouts) {
    const node = `holdout:${key}`;
    if (holdout.flags === undefined && holdout.rules === undefined && graph.edges.has(node)) {
      for (const flagKey of ix.flags.keys()) graph.add(`flag:${flagKey}`, node, `holdouts`);
    }
  }
  if (graph.edges.size === 0) return;
  const cyclic = findCycles(c, graph, ix);
  if (cyclic.size > 0) reportUsersOfCycles(c, graph, ix, cyclic);
}
