// Public entry of @ensign/common: each export is named.
export { createConsoleLogger, filterLogger, isLogger, safeLog, silentLogger, LOG_LEVELS } from './logger.js';
export type { ConsoleLoggerOptions, Logger, LogLevel } from './logger.js';
export { createRateLimitedLogger } from './rate-limited-logger.js';
export type { RateLimitedLogger, RateLimitOptions } from './rate-limited-logger.js';
export { EnsignError, EnsignErrorCodes, isEnsignError } from './errors.js';
export type { EnsignErrorCode } from './errors.js';
export { ok, err } from './result.js';
export type { Result } from './result.js';
export { systemClock } from './ports.js';
export type { Clock, Scheduler, TimerHandle } from './ports.js';
export { maskSecret, maskSecretsIn } from './secrets.js';
export type { AbortSignalLike, HttpClient, RuntimeAbortSignal, HttpHeaders, HttpRequest, HttpResponse, HttpStreamResponse } from './http.js';
export type { DatafileSink, DatafileSource } from './datafile-source.js';
export type { CryptoPort, FileSystemPort, Platform } from './platform.js';
export type { SharedDedup } from './shared-dedup.js';
