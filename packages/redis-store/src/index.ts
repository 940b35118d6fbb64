// Public entry of @ensign/redis-store: each export is named.
export { createRedisUserProfileService } from './user-profile-service.js';
export type { RedisUserProfileService, RedisUserProfileServiceOptions } from './user-profile-service.js';
export { createRedisDedup } from './redis-dedup.js';
export type { RedisDedup, RedisDedupOptions } from './redis-dedup.js';
export type { SharedDedup } from '@ensign/common';
export { createRedisDatafileSource } from './datafile-source.js';
export type { RedisDatafileSourceOptions } from './datafile-source.js';
export { createRedisDatafileChannel } from './datafile-channel.js';
export type { DatafileChange, RedisDatafileChannel, RedisDatafileChannelOptions, StoredDatafile } from './datafile-channel.js';
export type { RedisConnectionOptions } from './connection.js';
