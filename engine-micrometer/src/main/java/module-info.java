/**
 * Sluice's Micrometer binder: the engine's job, stage and edge metrics in any Micrometer
 * registry. Micrometer is a dependency of this module only.
 */
module dev.sluice.micrometer {
  requires transitive dev.sluice.core;
  requires transitive micrometer.core;

  exports dev.sluice.micrometer;
}
