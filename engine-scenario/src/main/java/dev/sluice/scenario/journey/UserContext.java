package dev.sluice.scenario.journey;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One virtual user's view of the run: who it is, the payload generated for it, and the timed
 * operations its journey uses. <b>Threading:</b> methods may be called from any thread; a step or
 * take records its figures when its stage completes, on the completing thread.
 */
public interface UserContext {

  /** The user's arrival number, from 0 (warm-up users included). */
  long userId();

  /** When the user was due to arrive, on {@link System#nanoTime()}. */
  long intendedArrivalNanos();

  /** The payload the plan's generator made for this user (its own array). */
  byte[] payload();

  /**
   * Runs a named step and times it: from this call until its stage completes. A step whose stage
   * fails (or whose action throws) counts as a failure of that step name, and the journey's
   * failure, if it fails, is attributed to the first failed step.
   *
   * @param name the step's name in the report
   * @param action starts the step's work and returns its stage; must not block
   * @return a stage with the step's result or failure
   */
  <T> CompletionStage<T> step(String name, Supplier<? extends CompletionStage<T>> action);

  /**
   * Takes a resource from {@code pool}; the time until it is available is reported as that pool's
   * wait (zero when one is ready).
   */
  <R> CompletionStage<R> take(ResourcePool<R> pool);
}
