package dev.sluice.pipeline;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.StageCounts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Runs a loaded {@link PipelineFile} as one job on an {@link Engine} until it ends: what {@code
 * sluice run} does. While the job runs it prints a progress line every interval (events read by
 * the sources, written by the sinks, the rate since the last line); at the end a summary.
 *
 * <p>Thread: {@link #run} blocks the calling thread until the job ends. Failure: a failing job
 * is reported in the {@link Result}, not thrown; planning errors of the engine (a parallelism a
 * stage cannot run, say) throw {@link dev.sluice.core.PipelineValidationException}.
 */
public final class PipelineRunner {
  private final Engine engine;

  /** A runner submitting to {@code engine}. */
  public PipelineRunner(Engine engine) {
    this.engine = engine;
  }

  /**
   * How a run reports.
   *
   * @param progress where progress lines go, or null for none
   * @param interval how often
   * @param overwrite whether progress lines overwrite each other (a terminal) or are appended
   */
  public record Options(PrintStream progress, Duration interval, boolean overwrite) {
    /** No progress output. */
    public static Options quiet() {
      return new Options(null, Duration.ofSeconds(1), false);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param status COMPLETED, FAILED or CANCELLED
   * @param failure the failure of a FAILED job
   * @param counts every stage's counts
   * @param elapsed the wall-clock time from submission to the end
   * @param sourceEvents events the sources emitted
   * @param sinkEvents events the sinks accepted
   */
  public record Result(JobStatus status, Optional<Throwable> failure, List<StageCounts> counts,
      Duration elapsed, long sourceEvents, long sinkEvents) {
    /** True if the job completed. */
    public boolean succeeded() {
      return status == JobStatus.COMPLETED;
    }

    /** A table of every stage's counts and the totals, for people. */
    public String summary() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "%s in %.3f s: %,d events in, %,d events out",
          status, elapsed.toNanos() / 1e9, sourceEvents, sinkEvents));
      double s = elapsed.toNanos() / 1e9;
      if (s > 0) {
        b.append(String.format(Locale.ROOT, " (%,.0f events/s)", sourceEvents / s));
      }
      b.append('\n');
      b.append(String.format(Locale.ROOT, "  %-28s %12s %12s %10s %10s %8s%n",
          "stage", "in", "out", "filtered", "dropped", "errors"));
      for (StageCounts c : counts) {
        b.append(String.format(Locale.ROOT, "  %-28s %,12d %,12d %,10d %,10d %,8d%n",
            c.stage(), c.in(), c.out(), c.filtered(), c.dropped(), c.errors()));
      }
      failure.ifPresent(f -> b.append("failure: ").append(f.getMessage()).append('\n'));
      return b.toString();
    }
  }

  /**
   * Runs {@code file} as a job named after it and waits for the end.
   *
   * @throws InterruptedException if the calling thread is interrupted (the job is cancelled)
   */
  public Result run(PipelineFile file, Options options) throws InterruptedException {
    Pipeline pipeline = file.toPipeline();
    List<String> sources = file.nodes().stream()
        .filter(n -> n.role() == StageFactory.Role.SOURCE).map(PipelineFile.NodeInfo::name).toList();
    List<String> sinks = file.nodes().stream()
        .filter(n -> n.role() == StageFactory.Role.SINK).map(PipelineFile.NodeInfo::name).toList();
    long start = System.nanoTime();
    Job job = engine.submit(pipeline, file.name());
    long lastIn = 0;
    long lastTime = start;
    try {
      while (true) {
        try {
          job.join(options.interval());
          break;
        } catch (TimeoutException e) {
          if (options.progress() != null) {
            List<StageCounts> counts = job.counts();
            long in = sum(counts, sources, true);
            long out = sum(counts, sinks, false);
            long now = System.nanoTime();
            double rate = (in - lastIn) / ((now - lastTime) / 1e9);
            lastIn = in;
            lastTime = now;
            String line = String.format(Locale.ROOT, "%6.1fs  in %,d  out %,d  %,.0f events/s",
                (now - start) / 1e9, in, out, rate);
            if (options.overwrite()) {
              options.progress().print("\r" + line + "   ");
            } else {
              options.progress().println(line);
            }
            options.progress().flush();
          }
        }
      }
    } catch (InterruptedException e) {
      job.cancel();
      throw e;
    } catch (RuntimeException e) {
      // join rethrows a failure as JobFailedException: the status says so below
    }
    if (options.progress() != null && options.overwrite()) {
      options.progress().println();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<StageCounts> counts = job.counts();
    return new Result(job.status(), job.failure(), counts, elapsed, sum(counts, sources, true),
        sum(counts, sinks, false));
  }

  private static long sum(List<StageCounts> counts, List<String> names, boolean outputs) {
    long n = 0;
    for (StageCounts c : counts) {
      if (names.contains(c.stage())) {
        n += outputs ? c.out() : c.in() - c.dropped() - c.errors();
      }
    }
    return n;
  }
}
