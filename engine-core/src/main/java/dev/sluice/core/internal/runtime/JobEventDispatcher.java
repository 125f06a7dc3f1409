package dev.sluice.core.internal.runtime;

import dev.sluice.core.JobListener;
import dev.sluice.core.JobStatusChange;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.DebugEventLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's event thread: calls job listeners in order, completes jobs' completions after
 * them, and runs delayed job restarts. One thread, so everything it runs is ordered (FIFO for
 * tasks due at the same time). Once shut down, work is done on the calling thread instead.
 * Thread-safe.
 */
public final class JobEventDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(JobEventDispatcher.class);

  private final ScheduledThreadPoolExecutor executor;
  private final DebugEventLog debugLog;
  private final List<JobListener> engineListeners = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();
  private volatile Thread thread;

  /** A dispatcher whose thread is named {@code threadName}; {@code debugLog} may be null. */
  public JobEventDispatcher(String threadName, DebugEventLog debugLog) {
    this.debugLog = debugLog;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              thread = t;
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    executor.prestartAllCoreThreads();
  }

  /** Adds a listener that hears every job's changes. */
  public void addListener(JobListener listener) {
    engineListeners.add(listener);
  }

  /** Removes a listener added with {@link #addListener}; false if it was not there. */
  public boolean removeListener(JobListener listener) {
    return engineListeners.remove(listener);
  }

  /** Listener calls that threw. */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /** Runs {@code task} on the event thread after what is already queued (or here, if shut down). */
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /**
   * Runs {@code task} on the event thread after {@code delayMillis}; null if shut down (the task
   * is then not run).
   */
  public Future<?> schedule(Runnable task, long delayMillis) {
    try {
      return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** Delivers {@code change} to the job's own listeners, then to the engine's. */
  void publish(JobStatusChange change, List<JobListener> jobListeners) {
    if (jobListeners.isEmpty() && engineListeners.isEmpty()) {
      return;
    }
    execute(
        () -> {
          for (JobListener l : jobListeners) {
            call(l, change);
          }
          for (JobListener l : engineListeners) {
            call(l, change);
          }
        });
  }

  private void call(JobListener listener, JobStatusChange change) {
    try {
      listener.onStatusChange(change);
    } catch (Throwable t) {
      listenerFailures.incrementAndGet();
      LOG.warn("job listener {} failed on {}", listener, change, t);
      if (debugLog != null) {
        debugLog.record(
            DebugEvent.Kind.INFO, change.job().name(),
            "listener failed on " + change.previous() + " -> " + change.status() + ": " + t);
      }
    }
  }

  /** Runs what is queued (not delayed restarts), then stops the thread; waits up to the timeout. */
  public void shutdown(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMillis));
    executor.shutdown();
    executor.awaitTermination(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
    Thread t = thread;
    if (t != null) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }

  /** The event thread's name if it is alive, else null. */
  String liveThreadName() {
    Thread t = thread;
    return t != null && t.isAlive() ? t.getName() : null;
  }

  /** Names of this dispatcher's threads still alive (zero or one). */
  public List<String> liveThreads() {
    String n = liveThreadName();
    return n == null ? List.of() : List.of(n);
  }
}
