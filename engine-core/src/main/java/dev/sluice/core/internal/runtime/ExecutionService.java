package dev.sluice.core.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The fixed pool of cooperative worker threads, plus dedicated threads for blocking tasklets.
 * Thread-safe.
 */
public final class ExecutionService {
  private final Worker[] workers;
  private final Thread[] threads;
  private final List<Worker> dedicated = new CopyOnWriteArrayList<>();
  /** Every dedicated thread not yet known to have ended; joined by {@link #shutdown}. */
  private final List<Thread> dedicatedThreads = new CopyOnWriteArrayList<>();
  private final String threadPrefix;
  private final long maxParkNanos;
  private int nextWorker;
  private int dedicatedCount;

  /**
   * Starts {@code workerCount} worker threads named {@code threadPrefix-worker-N}.
   *
   * @param maxParkMicros the longest an idle worker parks before looking again
   */
  public ExecutionService(int workerCount, String threadPrefix, long maxParkMicros) {
    this.threadPrefix = threadPrefix;
    this.maxParkNanos = maxParkMicros * 1000;
    this.workers = new Worker[workerCount];
    this.threads = new Thread[workerCount];
    for (int i = 0; i < workerCount; i++) {
      workers[i] = new Worker(threadPrefix + "-worker-" + i, false, newIdle());
      threads[i] = new Thread(workers[i], workers[i].name());
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  private IdleStrategy newIdle() {
    return new IdleStrategy(64, 16, 1_000, Math.max(1_000, maxParkNanos));
  }

  int workerCount() {
    return workers.length;
  }

  /** Places a job's tasklets: cooperative ones spread over the workers, blocking ones alone. */
  synchronized void start(List<Tasklet> tasklets) {
    List<Thread> toStart = new ArrayList<>();
    dedicatedThreads.removeIf(th -> !th.isAlive());
    for (Tasklet t : tasklets) {
      if (t.dedicatedThread) {
        Worker w = new Worker(threadPrefix + "-blocking-" + dedicatedCount++, true, newIdle());
        w.add(t);
        dedicated.add(w);
        t.job.addDedicated(w);
        Thread th = new Thread(() -> {
          try {
            w.run();
          } finally {
            dedicated.remove(w);
          }
        }, w.name());
        th.setDaemon(true);
        w.thread = th;
        toStart.add(th);
        dedicatedThreads.add(th);
      } else {
        workers[nextWorker].add(t);
        nextWorker = (nextWorker + 1) % workers.length;
      }
    }
    toStart.forEach(Thread::start);
  }

  /** Stops every thread and waits for them; tasklets still present are closed. */
  public void shutdown(long timeoutMillis) throws InterruptedException {
    for (Worker w : workers) {
      w.stop();
    }
    for (Worker w : dedicated) {
      w.stop();
      w.interrupt();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    for (Thread t : dedicatedThreads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }

  /** Names of threads of this service still alive (for leak checks). */
  public List<String> liveThreads() {
    List<String> alive = new ArrayList<>();
    for (Thread t : threads) {
      if (t.isAlive()) {
        alive.add(t.getName());
      }
    }
    for (Thread t : dedicatedThreads) {
      if (t.isAlive()) {
        alive.add(t.getName());
      }
    }
    return alive;
  }
}
