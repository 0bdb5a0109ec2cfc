/*
 * Realistic read-model fixtures for tests and the dev harness: a small fleet
 * on three management clusters with one cluster in each lifecycle state.
 * Times are relative to when the module is loaded so that "overdue since" and
 * "stale for" read naturally in the dev app and stay stable within a test run.
 */
export { FIXTURE_NOW, hoursAgo, summarizePatch } from './clusterBuilders';
export * from './fixtureClusters';
export * from './fixtureResponses';
export * from './fixtureProfiles';
