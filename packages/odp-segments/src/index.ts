// Public entry of @ensign/odp-segments: each export is named.
export { OptimizelySegmentOption, odpUserKeyOf } from './segment-option.js';
export type { OdpUserKey, SegmentOption } from './segment-option.js';
export { createLruTtlCache } from './lru-ttl-cache.js';
export type { LruTtlCache, LruTtlCacheOptions } from './lru-ttl-cache.js';
export { createGraphqlSegmentFetcher, parseSegmentsAnswer, segmentsQueryText } from './graphql-fetcher.js';
export type { GraphqlSegmentFetcherOptions, OdpEndpoint, SegmentFetcher, SegmentQuery } from './graphql-fetcher.js';
export { createSegmentManager, SEGMENT_MANAGER_DEFAULTS } from './segment-manager.js';
export type { OdpSegmentsConfig, SegmentManager, SegmentManagerOptions } from './segment-manager.js';
export { buildIdentifyEvent, normalizeOdpEvent } from './odp-event.js';
export type { OdpDataValue, OdpEvent, OdpEventInput, OdpEventSource } from './odp-event.js';
export { createOdpEventDispatcher } from './event-dispatcher.js';
export type { OdpEventDispatcher, OdpEventDispatcherOptions, OdpEventStats } from './event-dispatcher.js';
