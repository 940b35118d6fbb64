// A decision and its trace, written for a person.
import type { Context } from '@ensign/context';
import type { Flag, JsonValue } from '@ensign/datafile-schema';
import type { EvaluationReason, EvaluationResult, TraceCondition, TraceStep } from '@ensign/evaluator-core';
import { describeCondition } from './describe-condition.js';

const ERROR_TEXT: Record<string, string> = {
  FLAG_NOT_FOUND: 'no flag has this key',
  USER_NOT_SPECIFIED: 'the context is missing or invalid',
  MALFORMED_FLAG: 'the flag is malformed (a reference to nothing, a cycle or nesting too deep)',
  EXCEPTION: 'an unexpected error',
  CLIENT_NOT_READY: 'the client is not ready',
  WRONG_TYPE: 'the value has another type than asked',
};

function json(value: JsonValue | undefined | '[redacted]'): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function ruleLabel(flag: Flag | undefined, index: number | undefined, id: string | undefined): string {
  const rule = index !== undefined ? flag?.rules?.[index] : flag?.rules?.find((r) => r.id === id);
  const name = rule?.key ?? rule?.experiment?.key;
  const at = index !== undefined ? `rule ${index}` : 'rule';
  return `${at} ${JSON.stringify(name ?? id ?? '?')}${name !== undefined && id !== undefined && name !== id ? ` (id ${id})` : ''}`;
}

function variationName(key: string | null | undefined): string {
  return key === null || key === undefined ? 'no variation' : `"${key}"`;
}

/**
 * The reason in words.
 *
 * @example
 * describeReason({ kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'r-1' }, flag); // 'RULE_MATCH: rule 0 "pro-users" matched'
 */
export function describeReason(reason: EvaluationReason, flag: Flag | undefined): string {
  const extra = `${reason.inExperiment === true ? ' (in experiment)' : ''}${reason.bigSegmentsStatus !== undefined ? ` (big segments ${reason.bigSegmentsStatus})` : ''}`;
  switch (reason.kind) {
    case 'OFF':
      return 'OFF: the flag is off, it serves its off variation';
    case 'TARGET_MATCH':
      return reason.forced === true ? 'TARGET_MATCH: a forced decision' : `TARGET_MATCH: the context is individually targeted${extra}`;
    case 'RULE_MATCH':
      if (reason.holdoutKey !== undefined) return `RULE_MATCH: held out by holdout "${reason.holdoutKey}"${extra}`;
      return `RULE_MATCH: ${ruleLabel(flag, reason.ruleIndex, reason.ruleId)} matched${reason.forced === true ? ' (forced)' : ''}${extra}`;
    case 'FALLTHROUGH':
      return `FALLTHROUGH: no rule matched, the default rule served${extra}`;
    case 'PREREQUISITE_FAILED':
      return `PREREQUISITE_FAILED: prerequisite "${reason.prerequisiteKey ?? '?'}" did not serve the required variation`;
    case 'ERROR':
      return `ERROR ${reason.errorKind ?? ''}: ${ERROR_TEXT[reason.errorKind ?? ''] ?? 'evaluation failed'}`;
  }
}

function conditionLine(c: TraceCondition): string {
  const outcome = c.result === null ? 'unknown' : String(c.result);
  const after = (prefix: string, id: string) => (c.attribute.startsWith(prefix) ? c.attribute.slice(prefix.length) : id);
  switch (c.op) {
    case 'audience':
      return `audience ${JSON.stringify(after('audience:', c.attribute))} → ${outcome}`;
    case 'segmentMatch':
      return `in segment ${JSON.stringify(after('segment:', c.attribute))} → ${outcome}`;
    case 'qualified':
      return `qualified for ${JSON.stringify(c.value ?? '')} → ${outcome}`;
    case 'inCohort':
      return `${c.contextKind !== undefined && c.contextKind !== 'user' ? `${c.contextKind} ` : ''}in cohort ${JSON.stringify(c.value ?? '')} → ${outcome}`;
    case 'mongo':
      return `${c.contextKind !== undefined ? `${c.contextKind} ` : ''}GrowthBook condition → ${outcome}`;
  }
  const kind = c.contextKind !== undefined && c.contextKind !== 'user' ? `${c.contextKind}:` : '';
  return `${kind}${c.attribute} ${c.op} → ${outcome} (value seen: ${json(c.value)})`;
}

function bucketLine(b: NonNullable<TraceStep['bucket']>): string {
  const where = b.range !== undefined ? ` in [${b.range[0]}, ${b.range[1]})` : ' in no slice';
  return `bucket ${b.value} (${b.hash} hashing)${where} → ${variationName(b.variation)}`;
}

function stepTitle(step: TraceStep, flag: Flag | undefined): string {
  switch (step.step) {
    case 'forced':
      return step.index !== undefined ? `forced decision for ${ruleLabel(flag, step.index, step.id)}` : 'forced decision for the flag';
    case 'off':
      return 'the flag is off';
    case 'prerequisite':
      return `prerequisite "${step.id ?? '?'}": ${step.matched ? 'served the required variation' : 'did NOT serve the required variation'}`;
    case 'target':
      return step.index !== undefined ? `targets of ${ruleLabel(flag, step.index, step.id)}: the context is listed` : 'individual targets: the context is listed';
    case 'holdout':
      return `holdout "${step.id ?? '?'}": ${step.matched ? 'held out' : 'not held out'}`;
    case 'group':
      return `mutual-exclusion group "${step.id ?? '?'}": ${step.matched ? 'this rule was selected' : 'another rule (or none) was selected'}`;
    case 'user-profile':
      return `${ruleLabel(flag, step.index, step.id)}: sticky variation from the user profile`;
    case 'fallthrough':
      return `default rule (fallthrough): ${step.matched ? 'served' : 'served nothing'}`;
    case 'rule': {
      return `${ruleLabel(flag, step.index, step.id)}: ${step.matched ? 'MATCHED' : 'did not match'}`;
    }
  }
}

/**
 * Formats the trace, one numbered step a line, each with the conditions it evaluated (with the value seen) and its
 * bucket. Returns the lines.
 *
 * @example
 * formatTrace(result.trace.steps, flag).join('\n');
 * // 1. rule 0 "pro-users" when plan in ["pro"]: MATCHED
 * //      plan in → true (value seen: "pro")
 */
export function formatTrace(steps: readonly TraceStep[], flag: Flag | undefined): string[] {
  const lines: string[] = [];
  steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${stepTitle(step, flag)}${step.note !== undefined ? ` (${step.note})` : ''}`);
    const rule = step.step === 'rule' && step.index !== undefined ? flag?.rules?.[step.index] : undefined;
    if (rule !== undefined) lines.push(`       if ${describeCondition(rule.conditions)}`);
    for (const c of step.conditions ?? []) lines.push(`       ${conditionLine(c)}`);
    if (step.bucket !== undefined) lines.push(`       ${bucketLine(step.bucket)}`);
  });
  if (steps.length === 0) lines.push('  (no step: the decision was made before any rule was tried)');
  return lines;
}

/** What {@link formatExplanation} needs. */
export interface Explanation {
  result: EvaluationResult;
  flag: Flag | undefined;
  context: Context;
  /** Warnings met while building the context. */
  contextWarnings?: readonly string[];
}

/**
 * The whole explanation: the flag and context, the decision (variation, value, enabled, reason, variables) and the
 * trace of every step tried and why it matched or not.
 *
 * @example
 * io.out(formatExplanation({ result, flag: getFlag(compiled, key), context }));
 */
export function formatExplanation({ result, flag, context, contextWarnings = [] }: Explanation): string {
  const lines: string[] = [];
  lines.push(`flag      ${result.flagKey}${flag?.name !== undefined ? ` (${flag.name})` : ''}, revision ${JSON.stringify(result.revision)}`);
  lines.push(`context   ${json(context as unknown as JsonValue)}`);
  for (const w of contextWarnings) lines.push(`          warning: ${w}`);
  lines.push('');
  lines.push('decision');
  const index = result.variationIndex !== null ? ` (index ${result.variationIndex})` : '';
  lines.push(`  variation  ${variationName(result.variationKey)}${index}`);
  lines.push(`  value      ${json(result.value)}${result.variationKey === null ? ' (the default value: no variation was served)' : ''}`);
  lines.push(`  enabled    ${result.enabled}`);
  lines.push(`  reason     ${describeReason(result.reason, flag)}`);
  if (result.errorMessage !== undefined && result.errorMessage !== '') lines.push(`  error      ${result.errorMessage}`);
  if (result.ruleKey !== null) lines.push(`  rule key   ${result.ruleKey}${result.experimentKey !== null && result.experimentKey !== result.ruleKey ? ` (experiment ${result.experimentKey})` : ''}`);
  const variables = Object.keys(result.variables);
  if (variables.length > 0) {
    lines.push('  variables');
    for (const key of variables) lines.push(`    ${key} = ${json(result.variables[key])}`);
  }
  lines.push('');
  lines.push('trace');
  lines.push(...formatTrace(result.trace?.steps ?? [], flag));
  if (result.reasons !== undefined && result.reasons.length > 0) {
    lines.push('');
    lines.push('messages (as Optimizely words them)');
    for (const message of result.reasons) lines.push(`  - ${message}`);
  }
  return `${lines.join('\n')}\n`;
}
