package dev.sluice.examples.scenario;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.emission.ScheduledEvent;
import dev.sluice.scenario.Presets;
import dev.sluice.scenario.ReportWriter;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioReport;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Target;
import java.time.Duration;

/**
 * Loads a pipeline of your own with a preset scenario: the runner emits the preset's payloads on
 * its schedule into the {@link Target}, measures each completed event's latency from its
 * intended emission time and judges the preset's criteria (here {@code steady} at 2,000 events/s
 * for 3 s, so its rate criterion asks for 1,900).
 */
public final class LoadYourOwnPipeline {
  private LoadYourOwnPipeline() {}

  /** The pipeline under load: keep the payloads that look like JSON objects. */
  static Target<ScheduledEvent<byte[]>> target() {
    return Target.of("JSON filter",
        (input, scenario) -> input.filter(e -> e.payload().length > 0 && e.payload()[0] == '{')
            .named("json-objects"),
        ScheduledEvent::intendedNanos);
  }

  /** Runs the scenario and returns the report. */
  static ScenarioReport run() {
    Scenario steady = Presets.find("steady", 2_000.0, Duration.ofSeconds(3)).orElseThrow();
    try (Engine engine = Engine.create(EngineConfig.defaults())) {
      return new ScenarioRunner(engine).run(steady, ScenarioRunner.Options.quiet(), target());
    }
  }

  /** Prints the text report; exits with 1 if a criterion was not met. */
  public static void main(String[] args) {
    ScenarioReport report = run();
    System.out.print(ReportWriter.text(report));
    System.exit(report.passed() ? 0 : 1);
  }
}
