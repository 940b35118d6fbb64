/** The standard normal quantile of 0.975: a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a proportion (`successes` out of `trials`) at the given z (default 95 %). Unlike the
 * normal approximation it stays inside [0, 1] and is sensible for small counts and rates near 0 or 1. With no
 * trials the interval is [0, 1] (nothing is known).
 *
 * @example
 * wilsonInterval(10, 100); // [0.0552…, 0.1744…]
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): [number, number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
