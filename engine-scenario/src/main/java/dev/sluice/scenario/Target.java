package dev.sluice.scenario;

import dev.sluice.core.Stage;
import dev.sluice.core.emission.ScheduledEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * What a scenario drives: the SPI between the {@link ScenarioRunner} and a system under test.
 * The runner builds the emission source from the scenario (its arrival process, rate phases and
 * payload generator), hands the stream of {@link ScheduledEvent scheduled payloads} to {@link
 * #attach}, and puts its own measuring sink after the stage {@code attach} returns:
 *
 * <ul>
 *   <li>an event that reaches that stage is <b>completed</b>; its latency is measured from
 *       {@link #intendedNanosOf its intended emission time} (so a target that falls behind shows
 *       it: no coordinated omission);
 *   <li>an event the target fails on must go to the pipeline's dead-letter output (for example
 *       {@code onError(ErrorPolicy.DEAD_LETTER)} on a {@code mapAsync} stage); the runner counts
 *       it as an <b>error</b>, by {@link #errorKind kind};
 *   <li>an event a dropping edge discards counts as <b>dropped</b>.
 * </ul>
 *
 * <p>The built-in target is {@link SystemUnderTest#INSTANCE}; {@link #of} wraps a pipeline
 * function. An external target (an HTTP service, user journeys) implements this interface and
 * calls out through the core's {@code mapAsync}, with the circuit breaker named by {@link
 * #circuitBreakerNames} if it has one.
 *
 * <p><b>Threading:</b> {@link #attach} is called once per run on the thread that calls {@link
 * ScenarioRunner#run}; {@link #intendedNanosOf} is called on the sink's worker thread for every
 * completed event and must not block or allocate; {@link #errorKind} is called on the dead-letter
 * sink's thread. A target may be reused for several runs one after the other.
 *
 * @param <R> the type of completed events
 */
public interface Target<R> {

  /** A short name for reports, for example {@code built-in system under test}. */
  String name();

  /**
   * Appends the target to {@code input} and returns the stage whose events count as completed.
   * Failures must be dead-lettered, not thrown out of the job (a job failure ends the run).
   */
  Stage<R> attach(Stage<ScheduledEvent<byte[]>> input, Scenario scenario);

  /** The intended emission time ({@link ScheduledEvent#intendedNanos()}) of a completed event. */
  long intendedNanosOf(R completed);

  /**
   * The kind of a failure, for the report's errors by kind: a short phrase such as {@code
   * timeout} or {@code HTTP 503}. The default is {@code "error"} for every failure.
   *
   * @param error the exception the dead-lettered event failed with
   */
  default String errorKind(Throwable error) {
    return "error";
  }

  /** The names of the circuit breakers whose transitions the report lists; none by default. */
  default List<String> circuitBreakerNames(Scenario scenario) {
    return List.of();
  }

  /**
   * A target made of a pipeline function.
   *
   * @param name its name in reports
   * @param pipeline builds the system under test from the emitted events
   * @param intendedNanosOf reads a completed event's intended emission time
   */
  static <R> Target<R> of(
      String name,
      BiFunction<Stage<ScheduledEvent<byte[]>>, Scenario, Stage<R>> pipeline,
      ToLongFunction<? super R> intendedNanosOf) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(intendedNanosOf, "intendedNanosOf");
    return new Target<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Stage<R> attach(Stage<ScheduledEvent<byte[]>> input, Scenario scenario) {
        return pipeline.apply(input, scenario);
      }

      @Override
      public long intendedNanosOf(R completed) {
        return intendedNanosOf.applyAsLong(completed);
      }
    };
  }
}
