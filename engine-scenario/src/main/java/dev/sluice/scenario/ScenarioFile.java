package dev.sluice.scenario;

import dev.sluice.scenario.http.HttpTargetSpec;
import java.util.Objects;

/**
 * What a scenario file holds: the scenario and, if it has a {@code target} object, the HTTP
 * service it drives. Immutable.
 *
 * @param scenario the scenario
 * @param httpTarget the HTTP target, or null for the built-in system under test
 */
public record ScenarioFile(Scenario scenario, HttpTargetSpec httpTarget) {

  /** Checks. */
  public ScenarioFile {
    Objects.requireNonNull(scenario, "scenario");
  }

  /** What the scenario drives: the HTTP service, or {@link SystemUnderTest#INSTANCE}. */
  public Target<?> target() {
    return httpTarget == null ? SystemUnderTest.INSTANCE : new HttpServiceTarget(httpTarget);
  }
}
