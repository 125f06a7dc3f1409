/**
 * Sluice scenarios: declarative load scenarios, presets, the scenario runner that drives a target
 * (the built-in system under test or one of the user's) on the core's emission scheduler, and
 * its text, JSON and HTML reports.
 */
module dev.sluice.scenario {
  requires transitive dev.sluice.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports dev.sluice.scenario;

}
