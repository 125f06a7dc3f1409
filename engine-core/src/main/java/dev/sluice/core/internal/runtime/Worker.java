package dev.sluice.core.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that loops over its tasklets (cooperative ones on a shared worker, or one blocking
 * tasklet on a dedicated thread), removes those that finish or whose job stops, and backs off
 * when none makes progress.
 *
 * <p>Parking and waking: before it parks, the worker sets {@code parked} (a volatile write) and
 * then runs its tasklets once more; only if that round makes no progress does it park. A thread
 * that hands it work (a batch published into one of its tasklets' channels, an empty batch
 * returned to a blocked producer) writes the work first, then issues a full fence and calls
 * {@link #wakeIfParked()}. Either the last round sees the work, or the waker sees the flag and
 * unparks: a hand-off never waits out a park. Wakers race for the flag with a CAS, so a parked
 * worker is unparked once.
 */
final class Worker implements Runnable {
  private static final Tasklet[] NONE = new Tasklet[0];
  private static final VarHandle PARKED;

  static {
    try {
      PARKED = MethodHandles.lookup().findVarHandle(Worker.class, "parked", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final boolean dedicated;
  private final IdleStrategy idle;
  private volatile Tasklet[] tasklets = NONE;
  private volatile boolean running = true;
  /** True from just before the worker's last round before parking until it wakes. */
  private volatile boolean parked;
  volatile Thread thread;

  Worker(String name, boolean dedicated, IdleStrategy idle) {
    this.name = name;
    this.dedicated = dedicated;
    this.idle = idle;
  }

  String name() {
    return name;
  }

  int load() {
    return tasklets.length;
  }

  synchronized void add(Tasklet t) {
    Tasklet[] ts = Arrays.copyOf(tasklets, tasklets.length + 1);
    ts[tasklets.length] = t;
    t.worker = this;
    tasklets = ts;
    wake();
  }

  private synchronized void remove(Tasklet t) {
    Tasklet[] cur = tasklets;
    List<Tasklet> keep = new ArrayList<>(cur.length);
    for (Tasklet x : cur) {
      if (x != t) {
        keep.add(x);
      }
    }
    tasklets = keep.toArray(NONE);
  }

  void wake() {
    Thread th = thread;
    if (th != null) {
      LockSupport.unpark(th);
    }
  }

  /**
   * Unparks the worker if it is parked (or about to park). Call after making work visible to it
   * and a full fence ({@link VarHandle#fullFence()}). Any thread.
   */
  void wakeIfParked() {
    if (parked && PARKED.compareAndSet(this, true, false)) {
      Thread th = thread;
      if (th != null) {
        LockSupport.unpark(th);
      }
    }
  }

  void stop() {
    running = false;
    wake();
  }

  /** Interrupts a dedicated thread blocked in user code (on cancel). */
  void interrupt() {
    Thread th = thread;
    if (dedicated && th != null) {
      th.interrupt();
    }
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      while (running) {
        Tasklet[] ts = tasklets;
        if (dedicated && ts.length == 0) {
          return;
        }
        if (ts.length == 0) {
          LockSupport.parkNanos(1_000_000L);
          continue;
        }
        if (round(ts)) {
          idle.reset();
        } else if (!idle.backOff()) {
          parked = true; // announce, then look once more: see the class comment
          if (round(tasklets)) {
            parked = false;
            idle.reset();
          } else {
            idle.park();
            parked = false;
          }
        }
      }
    } finally {
      for (Tasklet t : tasklets) {
        remove(t);
        t.close(null);
        t.job.onTaskletFinished(t);
      }
    }
  }

  /** Calls each tasklet once; true if any made progress. */
  private boolean round(Tasklet[] ts) {
    boolean progress = false;
    for (Tasklet t : ts) {
      progress |= step(t);
    }
    return progress;
  }

  private boolean step(Tasklet t) {
    JobExecution job = t.job;
    if (job.isStopping()) {
      remove(t);
      t.close(job.failureOrNull());
      job.onTaskletFinished(t);
      return true;
    }
    int r;
    try {
      r = t.call();
    } catch (Throwable e) {
      if ((dedicated && Thread.interrupted() && job.isStopping()) || job.isCancelRequested()) {
        // interrupted by cancel, or thrown while being cancelled: not a failure
        remove(t);
        t.close(null);
        job.onTaskletFinished(t);
        return true;
      }
      remove(t);
      if (e instanceof StageFailure sf
          && sf.getCause() instanceof java.util.concurrent.CancellationException) {
        job.cancel(); // a sink whose consumer went away cancels the job
        t.close(null);
        job.onTaskletFinished(t);
        return true;
      }
      job.fail(t, e);
      t.close(e);
      job.onTaskletFinished(t);
      return true;
    }
    if (r == Tasklet.DONE) {
      remove(t);
      t.close(null);
      job.onTaskletFinished(t);
      return true;
    }
    return r == Tasklet.PROGRESS;
  }
}
