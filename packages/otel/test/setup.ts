// Set-up of the OTel tests: a client on test data with a fake clock, an in-memory span exporter and an in-memory
// metric exporter, the way an application wires the OpenTelemetry SDK.
import { createFakeScheduler } from '@ensign/common/testing';
import type { FakeScheduler } from '@ensign/common/testing';
import { silentLogger } from '@ensign/common';
import { createCoreClient } from '@ensign/sdk-core';
import type { ClientOptions, EnsignClient } from '@ensign/sdk-core';
import { createTestData } from '@ensign/sdk-core/testing';
import type { TestData } from '@ensign/sdk-core/testing';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Telemetry {
  spans: InMemorySpanExporter;
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  /** Collects and returns the metric points by name (the sum of a counter, the last gauge value), with attributes. */
  collect(): Promise<Array<{ name: string; value: number; attributes: Record<string, unknown> }>>;
  shutdown(): Promise<void>;
}

/** Tracing through the global API (with an async-local-storage context manager) and a meter provider of our own. */
export function setUpTelemetry(): Telemetry {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    spans,
    tracerProvider,
    meterProvider,
    async collect() {
      exporter.reset();
      await reader.forceFlush();
      const all: ResourceMetrics[] = exporter.getMetrics();
      const last = all[all.length - 1];
      const out: Array<{ name: string; value: number; attributes: Record<string, unknown> }> = [];
      for (const scope of last?.scopeMetrics ?? []) {
        for (const metric of scope.metrics) {
          for (const point of metric.dataPoints) out.push({ name: metric.descriptor.name, value: point.value as number, attributes: { ...point.attributes } });
        }
      }
      return out;
    },
    async shutdown() {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}

/** A client on test data, with a fake clock and scheduler, events to an in-memory dispatcher. */
export async function testClient(options: Partial<ClientOptions> = {}): Promise<{ client: EnsignClient; td: TestData; scheduler: FakeScheduler; delivered: number[] }> {
  const td = createTestData();
  await td.update(td.flag('dark-mode').variationForUser('user-beta', true).fallthroughVariation(false));
  await td.update(td.flag('banner').variations('Welcome', 'Sale').ifMatch('plan', 'pro').thenReturn(1).fallthroughVariation(0));
  const scheduler = createFakeScheduler();
  const delivered: number[] = [];
  const client = createCoreClient(
    {
      datafileSource: td,
      logger: silentLogger,
      scheduler,
      clock: scheduler.clock,
      eventDispatcher: { dispatch: (batch) => (delivered.push(batch.events.length), Promise.resolve({ delivered: true })) },
      ...options,
    },
    {
      platform: {
        clock: scheduler.clock,
        scheduler,
        http: { request: () => Promise.reject(new Error('no network in tests')) },
      },
    },
  );
  return { client, td, scheduler, delivered };
}
