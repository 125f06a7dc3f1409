package dev.sluice.cep;

import dev.sluice.cep.internal.Nfa;
import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sources;
import java.util.Objects;

/**
 * A handle through which a program changes the rules of a running CEP stage: {@link #put} and
 * {@link #remove} send a {@link RuleUpdate} to every instance of the stage (through a push source
 * that is the stage's broadcast input, merged with its control stream if it has one). Give it to
 * {@link CepBuilder#rulesHandle} before the pipeline is submitted; it feeds one job.
 *
 * <p>The stage ends only when both its inputs have: call {@link #close()} (or drain the job) when
 * no more updates will come, or the job never completes. Updates reach the instances in the order
 * they were sent; nothing orders an update against data events not yet queued at the stage.
 *
 * <p>Thread-safe: any thread may call it. {@code put} compiles the pattern first and throws
 * {@link IllegalArgumentException} for an invalid one, so bad rules never reach the job; both
 * block while the source's buffer is full and return false once the source is closed.
 *
 * @param <T> the event type
 */
public final class CepRules<T> implements AutoCloseable {
  /** Updates the handle buffers before {@code put}/{@code remove} block. */
  public static final int CAPACITY = 1024;

  private final PushSource<RuleUpdate<T>> source;

  private CepRules(String name) {
    this.source = Sources.push(name, CAPACITY, BackpressureStrategy.BLOCK);
  }

  /**
   * A new handle.
   *
   * @param name the name of its source stage
   * @param <T> the event type
   * @return the handle
   */
  public static <T> CepRules<T> create(String name) {
    return new CepRules<>(Objects.requireNonNull(name, "name"));
  }

  /** The push source carrying the updates (the stage's broadcast input). */
  PushSource<RuleUpdate<T>> source() {
    return source;
  }

  /**
   * Adds or replaces rule {@code ruleId}.
   *
   * @param ruleId the rule id
   * @param pattern the pattern
   * @return false if the handle is closed (the update was not sent)
   * @throws IllegalArgumentException if the pattern is invalid
   * @throws InterruptedException if interrupted while the buffer is full
   */
  public boolean put(String ruleId, Pattern<T> pattern) throws InterruptedException {
    Nfa.compile(pattern);
    return source.offer(RuleUpdate.put(ruleId, pattern));
  }

  /**
   * Removes rule {@code ruleId}.
   *
   * @param ruleId the rule id
   * @return false if the handle is closed (the update was not sent)
   * @throws InterruptedException if interrupted while the buffer is full
   */
  public boolean remove(String ruleId) throws InterruptedException {
    return source.offer(RuleUpdate.remove(ruleId));
  }

  /** Whether updates are still accepted. */
  public boolean isOpen() {
    return source.isOpen();
  }

  /** Sends no more updates: the updates already sent are delivered, then the input ends. */
  @Override
  public void close() {
    if (source.isOpen()) {
      source.complete();
    }
  }
}
