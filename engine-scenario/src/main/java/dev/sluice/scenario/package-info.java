/**
 * Load scenarios: the declarative {@link dev.sluice.scenario.Scenario}, its JSON form,
 * presets, and the runner that drives a pipeline and reports.
 */
package dev.sluice.scenario;
