/**
 * Sluice scenarios: declarative load scenarios, presets, the scenario runner that drives a target
 * (the built-in system under test or one of the user's) on the core's emission scheduler, and
 * its text, JSON and HTML reports; HTTP targets ({@code dev.sluice.scenario.http}) and
 * virtual-user journeys ({@code dev.sluice.scenario.journey}). {@code internal} packages stay
 * closed.
 */
module dev.sluice.scenario {
  requires transitive dev.sluice.core;
  requires transitive java.net.http; // HttpClient.Version in HttpTargetSpec
  requires com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind; // JsonNode in HttpTargetSpecJson
  // HdrHistogram has no module name of its own; its automatic name comes from the jar's file
  // name (see engine-core's module-info)
  requires HdrHistogram;

  exports dev.sluice.scenario;
  exports dev.sluice.scenario.http;
  exports dev.sluice.scenario.journey;
}
