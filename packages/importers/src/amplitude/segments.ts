// An Amplitude segment → native rules with the same outcome for every context. Amplitude, once a segment's
// conditions match: reads the bucketing value (missing or empty: the segment's `variant`); hashes it;
// walks the allocations whose range holds `hash % 100`, in order, and their distributions whose range holds
// `floor(hash / 100)`, and takes the first; else the segment's `variant`. A variant the flag does not have (a
// distribution's, or the fallback) makes Amplitude go on with the next segment.
//
// Native rules have one allocation range each and one outcome per missed bucket (`onMiss`), so the segment is
// split: the allocation space [0, 100) is cut at every allocation boundary, and each piece gets a rule whose slices
// cover the whole distribution space with what Amplitude decides there (a variant, the fallback, or a hole for
// "go on"). Adjacent pieces that decide alike share a rule. A hole's miss goes to the next rule; the pieces are
// disjoint, so it falls through the rest of the segment's rules to the next segment, as Amplitude does. The
// fallback for a missing bucketing value is the last rule's `onMiss`, or — when holes need `onMiss: 'next'` — a
// first rule that matches a missing or empty value.
import type { Bucketing, Condition, Rule, WeightedVariation } from '@ensign/datafile-schema';
import type { AmplitudeSegment } from './amplitude-types.js';
import { isNumber, isRecord, type Collector } from './collector.js';
import { selectorTarget } from './conditions.js';

/** The distribution space: `floor(hash / 100)` lies in [0, 42949673). */
export const DISTRIBUTION_END = 42_949_673;

type Slice = { variation: string | null; range: [number, number] };

interface Piece {
  range: [number, number];
  slices: Slice[];
}

function clamp(n: number, max: number): number {
  return Math.min(max, Math.max(0, n));
}

function validRange(r: unknown): r is [number, number] {
  return Array.isArray(r) && r.length === 2 && isNumber(r[0]) && isNumber(r[1]);
}

function sameSlices(a: readonly Slice[], b: readonly Slice[]): boolean {
  return a.length === b.length && a.every((s, i) => s.variation === b[i]?.variation && s.range[0] === b[i]?.range[0] && s.range[1] === b[i]?.range[1]);
}

/** What the segment decides for each allocation piece: slices over the whole distribution space. */
function pieces(segment: AmplitudeSegment, has: (variant: string) => boolean, fallback: string | null, path: string, out: Collector): Piece[] {
  const allocations = (Array.isArray(segment.bucket?.allocations) ? segment.bucket.allocations : []).map((a, i) => {
    const at = `${path}.bucket.allocations[${i}]`;
    if (!isRecord(a) || !validRange(a.range)) {
      out.warn(at, 'an allocation needs a range; it holds no one');
      return { range: [0, 0] as [number, number], distributions: [] as { variant: string | null; range: [number, number] }[] };
    }
    const distributions = (Array.isArray(a.distributions) ? a.distributions : []).flatMap((d, j) => {
      if (!isRecord(d) || !validRange(d.range) || typeof d.variant !== 'string') {
        out.warn(`${at}.distributions[${j}]`, 'a distribution needs a variant and a range; it holds no one');
        return [];
      }
      if (!has(d.variant)) out.warn(`${at}.distributions[${j}].variant`, `variant "${d.variant}" is not in the flag: Amplitude goes on with the next segment for those it gets`);
      return [{ variant: has(d.variant) ? d.variant : null, range: [clamp(d.range[0], DISTRIBUTION_END), clamp(d.range[1], DISTRIBUTION_END)] as [number, number] }];
    });
    return { range: [clamp(a.range[0], 100), clamp(a.range[1], 100)] as [number, number], distributions };
  });
  const cuts = [...new Set([0, 100, ...allocations.flatMap((a) => a.range)])].sort((x, y) => x - y);
  const result: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i] as number, cuts[i + 1] as number];
    const dists = allocations.filter((a) => a.range[0] <= start && end <= a.range[1]).flatMap((a) => a.distributions);
    const dCuts = [...new Set([0, DISTRIBUTION_END, ...dists.flatMap((d) => d.range)])].sort((x, y) => x - y);
    const slices: Slice[] = [];
    for (let j = 0; j + 1 < dCuts.length; j++) {
      const [ds, de] = [dCuts[j] as number, dCuts[j + 1] as number];
      const first = dists.find((d) => d.range[0] <= ds && ds < d.range[1]);
      const variation = first !== undefined ? first.variant : fallback;
      const last = slices[slices.length - 1];
      if (last !== undefined && last.variation === variation) last.range[1] = de;
      else slices.push({ variation, range: [ds, de] });
    }
    const previous = result[result.length - 1];
    if (previous !== undefined && sameSlices(previous.slices, slices)) previous.range[1] = end;
    else result.push({ range: [start, end], slices });
  }
  return result;
}

/** Matches a bucketing value Amplitude cannot bucket: missing, null or the empty string. */
function missingValue(bucketing: Bucketing): Condition {
  const where = { attribute: bucketing.bucketBy as string, ...(bucketing.contextKind !== undefined ? { contextKind: bucketing.contextKind } : {}) };
  // Optimizely semantics: `in` compares the exact type, so only the string "" matches (not [""] nor 0).
  return { or: [{ not: { ...where, op: 'exists', values: [], semantics: 'optimizely' } }, { ...where, op: 'in', values: [''], semantics: 'optimizely' }] };
}

function and(conditions: Condition | undefined, extra: Condition): Condition {
  return conditions === undefined ? extra : { and: [conditions, extra] };
}

/** What the caller knows of the segment. */
export interface SegmentContext {
  readonly id: string;
  readonly conditions: Condition | undefined;
  /** Rule fields every rule of the segment carries (key, metadata). */
  readonly common: Partial<Rule>;
  readonly has: (variant: string) => boolean;
}

/**
 * The rules of one segment, in order (none when the segment can never serve a variant of the flag).
 */
export function convertSegment(segment: AmplitudeSegment, s: SegmentContext, path: string, out: Collector): Rule[] {
  const fallbackName = typeof segment.variant === 'string' ? segment.variant : null;
  if (fallbackName !== null && !s.has(fallbackName)) out.warn(`${path}.variant`, `variant "${fallbackName}" is not in the flag: Amplitude goes on with the next segment instead of serving it`);
  const fallback = fallbackName !== null && s.has(fallbackName) ? fallbackName : null;
  const base = (id: string): Rule => ({ id, ...s.common, ...(s.conditions !== undefined ? { conditions: s.conditions } : {}), serve: { variation: '' } });
  if (!isRecord(segment.bucket)) {
    if (segment.bucket !== undefined && segment.bucket !== null) out.warn(`${path}.bucket`, 'a bucket must be an object; ignored');
    return fallback === null ? [] : [{ ...base(s.id), serve: { variation: fallback } }];
  }
  const target = selectorTarget(segment.bucket.selector);
  if (target.kind !== 'context') {
    out.warn(`${path}.bucket.selector`, 'the bucketing selector must read a user or group property: nobody can be bucketed, everyone gets the fallback variant');
    return fallback === null ? [] : [{ ...base(s.id), serve: { variation: fallback } }];
  }
  // Amplitude hashes `${salt}/${value}`: a missing salt reads "undefined", a number its digits.
  const rawSalt: unknown = segment.bucket.salt;
  const salt = typeof rawSalt === 'string' ? rawSalt : String(rawSalt);
  if (typeof rawSalt !== 'string') out.warn(`${path}.bucket.salt`, `not a string: Amplitude hashes "${salt}/value", and so does the import`);
  const bucketing: Bucketing = { hash: 'amplitude', bucketBy: target.attribute, salt };
  if (target.contextKind !== 'user') bucketing.contextKind = target.contextKind;
  const all = pieces(segment, s.has, fallback, path, out);
  const holes = all.some((p) => p.slices.some((sl) => sl.variation === null));
  const onlyFallback = (p: Piece): boolean => p.slices.length === 1 && p.slices[0]?.variation === fallback;
  // Pieces that only serve the fallback can be left to the last rule's onMiss, unless holes need onMiss: 'next'.
  const kept = all.filter((p) => !(onlyFallback(p) && (fallback === null || !holes)));
  const rules: Rule[] = kept.map((p, i) => ({
    ...base(kept.length === 1 ? s.id : `${s.id}.a${p.range[0]}`),
    serve: {
      rollout: {
        bucketing,
        allocation: p.range,
        variations: p.slices.map((sl): WeightedVariation => ({ variation: sl.variation, weight: sl.range[1] - sl.range[0], range: sl.range })),
      },
    },
    ...(i === kept.length - 1 && fallback !== null && !holes ? { onMiss: { variation: fallback } } : {}),
  }));
  if (fallback !== null && rules.length === 0) return [{ ...base(s.id), serve: { variation: fallback } }];
  if (fallback !== null && holes) rules.unshift({ ...base(`${s.id}.unbucketed`), conditions: and(s.conditions, missingValue(bucketing)), serve: { variation: fallback } });
  return rules;
}
