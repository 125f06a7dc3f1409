package dev.sluice.scenario.journey;

import java.util.concurrent.CompletionStage;

/**
 * A virtual user: an asynchronous, multi-step function run once per arrival. Steps are named and
 * timed through {@link UserContext#step}; resources come from a {@link ResourcePool} through
 * {@link UserContext#take}. The journey succeeds when its stage completes normally and fails when
 * it completes exceptionally (or {@link #run} throws); a failure is attributed to the first step
 * that failed.
 *
 * <pre>{@code
 * Journey checkout = user -> user.take(wallets)
 *     .thenCompose(wallet -> user.step("login", () -> api.login(wallet)))
 *     .thenCompose(session -> user.step("buy", () -> api.buy(session)));
 * }</pre>
 *
 * <p><b>Threading:</b> {@link #run} is called on an engine worker thread and must not block: it
 * starts the work and returns its stage. Many users run concurrently (up to the runner's cap), so
 * a journey must be safe to run concurrently with itself.
 */
@FunctionalInterface
public interface Journey {

  /** Starts one user's journey; the stage completes when the journey ends. */
  CompletionStage<?> run(UserContext user);
}
