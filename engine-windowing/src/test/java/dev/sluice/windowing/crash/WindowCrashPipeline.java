package dev.sluice.windowing.crash;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.KeyedValue;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.JsonLinesFileSink;
import dev.sluice.core.checkpoint.LocalDirectoryCheckpointStore;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import dev.sluice.windowing.aggregate.Aggregations;
import dev.sluice.windowing.aggregate.Tuple2;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline of the crash test: a replayable seeded source of readings with event time and
 * bounded disorder, a keyed rolling sum (keyed state), an event-time tumbling window per key over
 * the rolling sums (window state and timers) and the exactly-once JSON-lines file sink.
 *
 * <p>Its output is a function of {@code n} alone, whatever the parallelism and however often the
 * job is restored, at any parallelism: each key's readings lie in one quarter of the index range,
 * and every source reader reads whole quarters in index order (a fresh reader {@code i} of
 * {@code p} in {1, 2, 4} reads quarters {@code [4i/p, 4(i+1)/p)}; a restored reader takes an old
 * reader's remaining range whole), so a key's readings reach its rolling sum in index order on
 * every run; the disorder of event times ({@value #JITTER_MILLIS} ms) stays within the watermark's
 * bound, so no reading is late. {@link #expected} computes the output directly.
 *
 * <p>{@link #main} is the child JVM of {@link WindowCrashTest}: it resumes from the newest valid
 * checkpoint (skipping corrupt ones with a warning on stderr), prints {@code running} once the job
 * is submitted and {@code checkpoint <id>} whenever a newer checkpoint has completed, and exits 0
 * when the job has completed.
 */
public final class WindowCrashPipeline {
  /** The job name the checkpoints are stored under. */
  public static final String JOB_NAME = "crash-windows";

  /** The file prefix of the sink's output. */
  public static final String FILE_PREFIX = "windows";

  static final int KEYS_PER_QUARTER = 16;
  static final long WINDOW_MILLIS = 3_000;
  static final long JITTER_MILLIS = 7;
  static final long OUT_OF_ORDERNESS_MILLIS = 10;

  private WindowCrashPipeline() {}

  /** One reading: its key, event time and value. */
  public record Reading(int key, long timeMillis, long value) {}

  private static long mix(long i) {
    long z = i * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Reading {@code i} of {@code n}: a pure function of both. */
  public static Reading reading(long i, long n) {
    long h = mix(i);
    int quarter = (int) (i / (n / 4));
    int key = quarter * KEYS_PER_QUARTER + (int) Math.floorMod(h, (long) KEYS_PER_QUARTER);
    long time = i + Math.floorMod(h >>> 8, JITTER_MILLIS);
    long value = Math.floorMod(h >>> 20, 100L);
    return new Reading(key, time, value);
  }

  /**
   * The pipeline over {@code n} readings (a multiple of 4) at {@code parallelism}; the source
   * sleeps 1 ms every {@code sleepEvery} readings (0: never) so a run lasts long enough to be
   * killed.
   */
  public static Pipeline pipeline(long n, int parallelism, int sleepEvery, Sink<String> sink) {
    if (n <= 0 || n % 4 != 0) {
      throw new IllegalArgumentException("n must be a positive multiple of 4, was " + n);
    }
    Pipeline p = Pipeline.create();
    Stage<Reading> readings =
        p.source(Sources.sequence("readings", n, i -> slowly(i, sleepEvery, n)))
            .uid("readings")
            .parallelism(parallelism)
            .withTimestamps(Reading::timeMillis, OUT_OF_ORDERNESS_MILLIS)
            .uid("timestamps");
    Stage<KeyedValue<Integer, Long>> runningSums =
        readings
            .keyBy(Reading::key)
            .rollingAggregate(AggregateOperations.summingLong(Reading::value))
            .uid("running-sums");
    Stage<WindowResult<Integer, Tuple2<Long, Long>>> windows =
        Windowing.of(runningSums.keyBy(KeyedValue::key))
            .window(TumblingWindows.ofMillis(WINDOW_MILLIS))
            .aggregate(
                Aggregations.allOf(
                    Aggregations.counting(), Aggregations.summingLong(kv -> kv.value() % 1000)))
            .uid("windows");
    windows.map(WindowCrashPipeline::line).uid("format").sink(sink).uid("sink");
    return p;
  }

  private static Reading slowly(long i, int sleepEvery, long n) {
    if (sleepEvery > 0 && i % sleepEvery == 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return reading(i, n);
  }

  static String line(WindowResult<Integer, Tuple2<Long, Long>> r) {
    return line(r.key(), r.start(), r.value().first(), r.value().second());
  }

  private static String line(int key, long start, long count, long sum) {
    return "key=" + key + " window=" + start + " count=" + count + " sum=" + sum;
  }

  /** The key of an output line. */
  static int keyOf(String line) {
    return Integer.parseInt(line.substring(4, line.indexOf(' ')));
  }

  /** The output of an uninterrupted run, per key in order, computed without the engine. */
  public static Map<Integer, List<String>> expected(long n) {
    Map<Integer, Long> running = new TreeMap<>();
    // key -> window start -> {count, sum}
    Map<Integer, TreeMap<Long, long[]>> windows = new TreeMap<>();
    for (long i = 0; i < n; i++) {
      Reading r = reading(i, n);
      long sum = running.merge(r.key(), r.value(), Long::sum);
      long start = Math.floorDiv(r.timeMillis(), WINDOW_MILLIS) * WINDOW_MILLIS;
      long[] acc = windows.computeIfAbsent(r.key(), k -> new TreeMap<>()).computeIfAbsent(start, s -> new long[2]);
      acc[0]++;
      acc[1] += sum % 1000;
    }
    Map<Integer, List<String>> out = new TreeMap<>();
    windows.forEach(
        (key, byStart) -> {
          List<String> lines = new ArrayList<>();
          byStart.forEach((start, acc) -> lines.add(line(key, start, acc[0], acc[1])));
          out.put(key, lines);
        });
    return out;
  }

  /**
   * The child: {@code storeDir outDir n parallelism intervalMillis sleepEvery}. Resumes from the
   * newest valid checkpoint, runs the job to its end and exits 0; exits 2 if the job did not
   * complete.
   */
  public static void main(String[] args) throws Exception {
    Path storeDir = Path.of(args[0]);
    Path outDir = Path.of(args[1]);
    long n = Long.parseLong(args[2]);
    int parallelism = Integer.parseInt(args[3]);
    long intervalMillis = Long.parseLong(args[4]);
    int sleepEvery = Integer.parseInt(args[5]);
    // SIGKILL loses no written data (the page cache survives the process): fsync is for power loss
    LocalDirectoryCheckpointStore store =
        LocalDirectoryCheckpointStore.builder(storeDir).fsync(false).build();
    JsonLinesFileSink<String> sink =
        JsonLinesFileSink.<String>builder("windows-out", outDir)
            .filePrefix(FILE_PREFIX)
            .formatter(s -> s)
            .fsync(false)
            .build();
    JobStatus status;
    try (Engine engine =
        Engine.create(EngineConfig.defaults().withWorkerThreads(4).withThreadNamePrefix("crash-"))) {
      Job job =
          engine.submit(
              pipeline(n, parallelism, sleepEvery, sink),
              JobOptions.defaults()
                  .withName(JOB_NAME)
                  .withRestartStrategy(RestartStrategy.none())
                  .withRestoreFromLatest(store)
                  .withCheckpointing(
                      CheckpointConfig.every(Duration.ofMillis(intervalMillis), store)));
      // "running", then "checkpoint <id>" each time a newer checkpoint has completed (the parent
      // times its kills by these lines)
      long reported = job.lastCompletedCheckpoint().map(c -> c.id()).orElse(0L);
      System.out.println("running at parallelism " + parallelism + ", restored from " + reported);
      System.out.flush();
      while (!job.completion().isDone()) {
        long id = job.lastCompletedCheckpoint().map(c -> c.id()).orElse(0L);
        if (id > reported) {
          reported = id;
          System.out.println("checkpoint " + id);
          System.out.flush();
        }
        Thread.sleep(2);
      }
      status = job.join(Duration.ofMinutes(10));
    }
    System.out.println("ended " + status);
    System.out.flush();
    System.exit(status == JobStatus.COMPLETED ? 0 : 2);
  }
}
