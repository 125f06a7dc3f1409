package dev.sluice.scenario.journey;

import dev.sluice.core.Engine;
import dev.sluice.scenario.journey.internal.JourneyRun;
import java.util.Objects;

/**
 * Runs virtual users: users arrive by the {@link LoadPlan}'s arrival process (the core's emission
 * scheduler: constant, Poisson or any rate profile), at most {@code maxConcurrentUsers} run their
 * {@link Journey} at once, and each is timed from its intended arrival. When the cap is reached,
 * the plan's policy applies: {@link LoadPlan.OnCapReached#WAIT} (users wait for a slot; nothing is
 * lost; the wait shows in {@link JourneyResult#startDelay()} and {@link
 * JourneyResult#delayedByCap()}) or {@link LoadPlan.OnCapReached#SKIP} (users who would start more
 * than {@code maxWait} late are not started; {@link JourneyResult#skipped()}).
 *
 * <p>Users go through the core's {@code Stage.mapAsync}, whose concurrency is the cap.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create()) {
 *   LoadPlan plan = LoadPlan.builder(RateProfile.poisson(3.0), Duration.ofMinutes(10)).build();
 *   JourneyResult r = JourneyRunner.withMaxConcurrentUsers(50).run(engine, plan, journey);
 *   System.out.println(r.describe());
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> {@link #run} blocks the calling thread until every started journey has
 * ended (or the plan's wall-clock limit cut the run off). Journeys start on an engine worker
 * thread. <b>Failure:</b> a journey's failure is counted, never thrown; a journey that never
 * ends holds its slot until the wall-clock limit (give steps their own timeouts, e.g. {@code
 * CompletableFuture.orTimeout}). Immutable and thread-safe.
 */
public final class JourneyRunner {
  private final int maxConcurrentUsers;
  private final String name;

  private JourneyRunner(int maxConcurrentUsers, String name) {
    if (maxConcurrentUsers < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentUsers must be >= 1, was " + maxConcurrentUsers);
    }
    this.maxConcurrentUsers = maxConcurrentUsers;
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * A runner letting at most {@code n} users run at once.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static JourneyRunner withMaxConcurrentUsers(int n) {
    return new JourneyRunner(n, "journeys");
  }

  /** A copy whose job is named {@code jobName}. */
  public JourneyRunner named(String jobName) {
    return new JourneyRunner(maxConcurrentUsers, jobName);
  }

  /** The cap. */
  public int maxConcurrentUsers() {
    return maxConcurrentUsers;
  }

  /**
   * Runs {@code journey} for every arrival of {@code plan} on {@code engine}.
   *
   * @throws IllegalArgumentException if the plan's payload type is unknown
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public JourneyResult run(Engine engine, LoadPlan plan, Journey journey)
      throws InterruptedException {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(journey, "journey");
    return new JourneyRun(name, maxConcurrentUsers, plan, journey).run(engine);
  }
}
