/**
 * The port of fleet-wide event de-duplication: Amplitude's assignment and exposure dedup (24 h) and LaunchDarkly's
 * index-event dedup (`contextKeysFlushInterval`) shared by every SDK process of a fleet. The event pipeline keeps its
 * own LRU in front (a key it has seen never reaches the port) and asks the port once per batch, before the batch's
 * first attempt, so recording an event stays synchronous. `@ensign/redis-store`'s `createRedisDedup` implements it
 * with `SET NX PX`.
 */
export interface SharedDedup {
  /**
   * Claims each key for `ttlMs` across every process sharing the store, and resolves with one boolean per key, in
   * order: true when this call claimed it (the event is sent), false when another process had claimed it within its
   * window (the event is not sent).
   *
   * Contract: never reject and settle in bounded time; when the store is unreachable, resolve every key as true
   * (a duplicate is cheaper than a lost event). Keys carry user and device ids, some of them values of private
   * attributes: an implementation must not store or log them in clear (store a hash).
   */
  claimKeys(keys: readonly string[], ttlMs: number): Promise<readonly boolean[]>;
}
