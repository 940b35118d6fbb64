// Timer delays, clamped. Node's timers hold a signed 32-bit delay: above 2^31 - 1 ms they warn
// (TimeoutOverflowWarning) and fire after 1 ms, so a "wait forever" flush would end at once and a process could
// exit mid-flush. Every delay the pipeline hands to its scheduler goes through clampDelay.

/** The longest delay a Node timer holds: 2^31 - 1 ms (about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * A delay a timer can hold: NaN and negatives become 0; Infinity and anything above 2^31 - 1 ms become
 * 2^31 - 1 ms. Never throws.
 *
 * @example
 * clampDelay(3e9);      // 2147483647
 * clampDelay(Infinity); // 2147483647
 * clampDelay(-5);       // 0
 * clampDelay(Number.NaN); // 0
 */
export function clampDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return ms < MAX_TIMER_DELAY_MS ? ms : MAX_TIMER_DELAY_MS;
}
