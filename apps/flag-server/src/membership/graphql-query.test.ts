import { describe, expect, it } from 'vitest';
import { parseSegmentsQuery } from './graphql-query.js';

describe('parseSegmentsQuery', () => {
  it("reads Optimizely's own spelling, spaces before the colon included", () => {
    const query = 'query {customer(fs_user_id : "user-42") {audiences(subset: ["vip","has \\"quotes\\""]) {edges {node {name state}}}}}';
    expect(parseSegmentsQuery({ query })).toEqual({ ok: true, query: { userKey: 'fs_user_id', userValue: 'user-42', subset: ['vip', 'has "quotes"'] } });
  });

  it('reads a vuid and an empty subset', () => {
    expect(parseSegmentsQuery({ query: 'query {customer(vuid: "vuid_1") {audiences(subset: []) {edges {node {name state}}}}}' })).toMatchObject({ ok: true, query: { userKey: 'vuid', subset: [] } });
  });

  it('rejects other queries, other keys and a missing query with a message naming the shape', () => {
    expect(parseSegmentsQuery({ query: '{ __schema { types { name } } }' })).toMatchObject({ ok: false, message: /only the ODP segments query/ });
    expect(parseSegmentsQuery({ query: 'query {customer(email: "a@b") {audiences(subset: []) {edges {node {name state}}}}}' })).toMatchObject({ ok: false });
    expect(parseSegmentsQuery({})).toMatchObject({ ok: false, message: /"query" string/ });
    expect(parseSegmentsQuery({ query: 'query {customer(fs_user_id: "") {audiences(subset: []) {edges {node {name state}}}}}' })).toMatchObject({ ok: false, message: /empty/ });
  });
});
