// What an implementation under test (the baseline, Ensign, or a vendor's SDK) offers the harness. Every workload is
// optional: a subject offers only the workloads it has a faithful way to run.
import type { Decision } from '../workload/spec.js';

/** One flag for one user; the user object is built inside the call from these primitives, as a request handler would. */
export type DecideOne = (flag: number, id: string, country: string, plan: string) => unknown;

/** Every flag for one user. */
export type DecideAll = (id: string, country: string, plan: string) => unknown;

/** One complete init from configuration text to ready; returns something to keep alive. */
export type Init = () => unknown;

/** A prepared operation and whether it returns a promise (LaunchDarkly's `variation` does). */
export interface Op<F> {
  run: F;
  async: boolean;
  /** How many flag evaluations one call makes (W2: the flag count), for heap per 100 k evaluations. */
  evaluationsPerCall: number;
  /** Releases the client. */
  close?: () => Promise<void> | void;
}

/** Where W4 sends events that go over HTTP (LaunchDarkly): a loopback counting server. */
export interface EventEnvironment {
  /** Base URL of the discard server, e.g. `http://127.0.0.1:40123`. */
  eventsUrl: string;
}

/** Counts of decision events at the end of a W4 run. */
export interface EventCounts {
  /** Decision events the implementation should have delivered for the decisions made. */
  expected: number;
  /** Decision events that reached the dispatcher (or the loopback server). */
  delivered: number;
  /** Other events delivered alongside (summaries, index events), for the record. */
  other: number;
  /** How delivery was observed, in words. */
  note: string;
}

/** A client with decision events on, fed to a counting dispatcher. */
export interface EventSession {
  decide: DecideOne;
  async: boolean;
  /** The vendor's shutdown (flush and close where `close` alone does not flush). */
  close(): Promise<void>;
  /** Counts after `close()`. */
  counts(): Promise<EventCounts>;
  /** What `close()` means for this vendor, when it is more than `close()`. */
  closeNote?: string;
}

/** An implementation under test. */
export interface Subject {
  readonly name: string;
  w1?(): Promise<Op<DecideOne>>;
  w2?(): Promise<Op<DecideAll>>;
  /** Prepares the configuration text of `flags` flags and returns one complete init. */
  w3?(flags: number): Promise<Op<Init>>;
  w4?(env: EventEnvironment): Promise<EventSession>;
  /** The decision for the cross-check (rule branch and variation). */
  decisions?(): Promise<{ decide(flag: number, id: string, country: string, plan: string): Promise<Decision>; close(): Promise<void> }>;
}
