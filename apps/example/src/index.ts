// Public entry of @ensign/example: each export is named (the tests start the shop in-process with it).
export { DEFAULT_AMPLITUDE_API_KEY, startExampleApp } from './app.js';
export type { ExampleApp, ExampleAppOptions } from './app.js';
export { decideShop, FLAGS, PURCHASE_EVENT, shopper } from './decisions.js';
export type { Banner, Decided, FlagDecision, ShopDecisions } from './decisions.js';
export { createNdjsonDispatcher, readRecentEvents } from './ndjson-dispatcher.js';
export { fetchResults, parseResults, renderResultsSvg } from './results.js';
export type { ConversionStats, ExperimentResults, ResultsAnswer } from './results.js';
export { COUNTRIES, countryOf, resolveVisitor, visitorContext } from './visitor.js';
export type { Country, Visitor, VisitorDeps } from './visitor.js';
