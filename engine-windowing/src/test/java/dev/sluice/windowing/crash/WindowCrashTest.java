package dev.sluice.windowing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Sinks;
import dev.sluice.core.checkpoint.JsonLinesFileSink;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of issue 12: {@link WindowCrashPipeline} (keyed rolling sums, event-time
 * windows, the exactly-once file sink, checkpoints in a {@code LocalDirectoryCheckpointStore})
 * runs in a child JVM that is killed with SIGKILL after a seeded random delay, again and again,
 * each restart resuming from the newest valid checkpoint at a parallelism drawn from {1, 2, 4};
 * in some restarts the newest checkpoint is first truncated or bit-flipped, and the child must
 * skip it with a warning. When a child finally exits 0 by itself, the committed output must equal
 * that of an uninterrupted run: the same lines per key in the same order, nothing lost, nothing
 * duplicated.
 *
 * <p>Kills: {@value #DEFAULT_KILLS} by default; {@code -Dsluice.crashKills=1000} (or the Maven
 * profile {@code crash-long}) for the long run, {@code -Dsluice.crashThreads=k} to run k episodes
 * (independent jobs, each with its own directories) at a time. Seed: {@code
 * -Dsluice.crashSeed=...} (printed; a failure also names the episode's own seed).
 */
class WindowCrashTest {
  static final int DEFAULT_KILLS = 50;
  private static final long DEFAULT_SEED = 0xC0FFEE_2026L;
  private static final long N = 24_000;
  private static final int SLEEP_EVERY = 24;
  private static final long CHECKPOINT_INTERVAL_MILLIS = 50;
  private static final int KILLS_PER_EPISODE = 12;
  private static final int MAX_EXTRA_DELAY_MILLIS = 150;
  private static final int[] PARALLELISMS = {1, 2, 4};

  @TempDir Path temp;

  @Test
  void killedAndRestoredChildrenCommitExactlyTheUninterruptedOutput() throws Exception {
    int targetKills = Integer.getInteger("sluice.crashKills", DEFAULT_KILLS);
    int threads = Integer.getInteger("sluice.crashThreads", 2);
    long seed = Long.decode(System.getProperty("sluice.crashSeed", Long.toString(DEFAULT_SEED)));
    System.out.printf(
        "WindowCrashTest: seed %d (rerun with -Dsluice.crashSeed=%d), target %d kills, %d episode(s) at a time%n",
        seed, seed, targetKills, threads);

    // the reference: the pipeline's output computed directly, and an uninterrupted in-process run
    Map<Integer, List<String>> expected = WindowCrashPipeline.expected(N);
    for (int parallelism : PARALLELISMS) {
      assertThat(uninterruptedRun(parallelism))
          .as("an uninterrupted in-process run at parallelism %d", parallelism)
          .isEqualTo(expected);
    }

    Stats stats = new Stats();
    AtomicInteger claimed = new AtomicInteger();
    AtomicInteger episodes = new AtomicInteger();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (true) {
                    int budget = claim(claimed, targetKills);
                    if (budget == 0) {
                      return null;
                    }
                    int episode = episodes.getAndIncrement();
                    long episodeSeed = seed + 0x9E3779B97F4A7C15L * (episode + 1);
                    int used;
                    try {
                      used = runEpisode(episode, budget, new SplittableRandom(episodeSeed), expected, stats);
                    } catch (Throwable e) {
                      throw new AssertionError(
                          "episode " + episode + " (seed " + seed + ", episode seed " + episodeSeed + "): " + e.getMessage(), e);
                    }
                    claimed.addAndGet(used - budget); // give back what the episode did not use
                    progress(
                        String.format(
                            "episode %d: %d kills, output exact; %d kills in all after %d s",
                            episode, used, stats.kills(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)));
                  }
                }));
      }
      for (Future<?> w : workers) {
        try {
          w.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw (Error) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    String summary;
    synchronized (stats) {
      summary =
          String.format(
              "seed %d: %d kills in %d episodes (%d child JVMs), %d s; kills before the"
                  + " run's first checkpoint %d, during a checkpoint write %d, elsewhere %d; restores at"
                  + " another parallelism %d; damaged checkpoints skipped %d (%d truncated, %d bit flips)",
              seed,
              stats.kills,
              episodes.get(),
              stats.children,
              TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
              stats.beforeFirstCheckpoint,
              stats.midCheckpointWrite,
              stats.kills - stats.beforeFirstCheckpoint - stats.midCheckpointWrite,
              stats.rescales,
              stats.corruptions,
              stats.truncations,
              stats.corruptions - stats.truncations);
    }
    progress(summary);
    assertThat(stats.kills).isGreaterThanOrEqualTo(targetKills);
    assertThat(stats.corruptions).as("damaged checkpoints; %s", summary).isGreaterThanOrEqualTo(Math.max(1, targetKills / 25));
    assertThat(stats.rescales).as("restores at another parallelism; %s", summary).isPositive();
  }

  private static int claim(AtomicInteger claimed, int target) {
    while (true) {
      int c = claimed.get();
      int budget = Math.min(KILLS_PER_EPISODE, target - c);
      if (budget <= 0) {
        return 0;
      }
      if (claimed.compareAndSet(c, c + budget)) {
        return budget;
      }
    }
  }

  private static final class Stats {
    int kills;
    int children;
    int beforeFirstCheckpoint;
    int midCheckpointWrite;
    int rescales;
    int corruptions;
    int truncations;

    synchronized int kills() {
      return kills;
    }
  }

  /** A progress line on stdout and, if -Dsluice.crashProgress=file is given, appended to it. */
  private static void progress(String line) {
    System.out.println("WindowCrashTest: " + line);
    String file = System.getProperty("sluice.crashProgress");
    if (file != null) {
      try {
        Files.writeString(
            Path.of(file), line + System.lineSeparator(), StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        System.out.println("WindowCrashTest: cannot append to " + file + ": " + e);
      }
    }
  }

  /**
   * One job from a fresh directory: kill and restart until a child ends by itself (at most
   * {@code killBudget} kills), then check the committed output. Returns the number of kills.
   */
  private int runEpisode(
      int episode, int killBudget, SplittableRandom random, Map<Integer, List<String>> expected, Stats stats)
      throws Exception {
    Path dir = Files.createDirectories(temp.resolve("episode-" + episode));
    Path storeDir = Files.createDirectories(dir.resolve("checkpoints"));
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Path jobDir = storeDir.resolve("job-" + WindowCrashPipeline.JOB_NAME);
    Set<Long> corrupted = new HashSet<>();
    int kills = 0;
    int previousParallelism = -1;
    String expectSkipped = null;
    StringBuilder history = new StringBuilder();
    for (int run = 0; ; run++) {
      int parallelism = PARALLELISMS[random.nextInt(PARALLELISMS.length)];
      boolean rescale = previousParallelism > 0 && parallelism != previousParallelism && !checkpointIds(jobDir).isEmpty();
      previousParallelism = parallelism;
      long newestBefore = newest(checkpointIds(jobDir));
      Path stdout = dir.resolve("run-" + run + ".out");
      Path stderr = dir.resolve("run-" + run + ".err");
      Process child = startChild(storeDir, outDir, parallelism, stdout, stderr);
      boolean kill = kills < killBudget;
      // kill before the run's first checkpoint (1 in 6), or after its 1st, 2nd or 3rd, each
      // time plus a random delay of up to MAX_EXTRA_DELAY_MILLIS
      int checkpointsFirst = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
      int delayMillis = random.nextInt(MAX_EXTRA_DELAY_MILLIS);
      if (kill) {
        awaitLines(child, stdout, stderr, "running", 1);
        awaitLines(child, stdout, stderr, "checkpoint ", checkpointsFirst);
        kill = !child.waitFor(delayMillis, TimeUnit.MILLISECONDS);
      }
      if (kill) {
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // 0: it ended by itself just before the signal
        assertThat(child.exitValue()).as("exit code of a child killed with SIGKILL").isIn(0, 137);
        kill = child.exitValue() == 137;
      }
      if (kill) {
        kills++;
        synchronized (stats) {
          stats.kills++;
          if (newest(checkpointIds(jobDir)) <= newestBefore) {
            stats.beforeFirstCheckpoint++;
          } else if (hasTempDirectory(jobDir)) {
            stats.midCheckpointWrite++;
          }
        }
      } else {
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child of run %d ended", run).isTrue();
        assertThat(child.exitValue())
            .as("exit code of run %d, stderr:%n%s", run, read(stderr))
            .isEqualTo(0);
      }
      synchronized (stats) {
        stats.children++;
        stats.rescales += rescale ? 1 : 0;
      }
      if (expectSkipped != null) {
        // the run after a damage: the child loads its checkpoint before it prints "running"
        assertThat(read(stdout)).contains("running");
        assertThat(read(stderr))
            .as("stderr of the run after damaging the newest checkpoint")
            .contains(expectSkipped);
        expectSkipped = null;
      }
      history.append(String.format("run %d p=%d %s; ", run, parallelism,
          kill ? "killed after " + checkpointsFirst + " checkpoint(s) + " + delayMillis + " ms" : "ended"));
      if (!kill) {
        break;
      }
      if (random.nextInt(3) == 0) {
        Damage damage = corruptNewestIfSafe(jobDir, outDir, corrupted, random);
        if (damage != null) {
          expectSkipped = damage.warning();
          history.append(damage).append("; ");
          synchronized (stats) {
            stats.corruptions++;
            stats.truncations += damage.truncated() ? 1 : 0;
          }
        }
      }
    }
    Map<Integer, List<String>> actual = committedPerKey(outDir);
    if (!actual.equals(expected)) {
      Path kept = keepForInspection(dir, episode);
      List<String> missing = new ArrayList<>();
      List<String> extra = new ArrayList<>();
      expected.values().forEach(missing::addAll);
      actual.values().forEach(extra::addAll);
      List<String> common = new ArrayList<>(extra);
      for (String line : common) {
        if (missing.remove(line)) {
          extra.remove(line);
        }
      }
      assertThat(actual)
          .as(
              "committed lines per key in order, episode %d (history: %s; directories kept in %s);"
                  + " %d lines expected, %d committed; missing %s; not expected %s",
              episode, history, kept, countLines(expected), countLines(actual), missing, extra)
          .isEqualTo(expected);
    }
    deleteRecursively(dir);
    return kills;
  }

  private record Damage(String warning, boolean truncated) {}

  /** Copies a failed episode's directories to target/crash-failures (or -Dsluice.crashKeep). */
  private static Path keepForInspection(Path dir, int episode) throws IOException {
    Path target =
        Path.of(System.getProperty("sluice.crashKeep", "target/crash-failures"))
            .toAbsolutePath()
            .resolve("episode-" + episode + "-" + System.currentTimeMillis());
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        Path to = target.resolve(dir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /**
   * Damages the newest checkpoint if restoring from the one before it keeps the output exact: no
   * output may have been committed for a checkpoint after that one (a committed transaction of
   * the damaged checkpoint would be replayed and appear twice; see docs/checkpoints.md). Returns
   * the warning the next run must print, or null if nothing was damaged.
   */
  private static Damage corruptNewestIfSafe(
      Path jobDir, Path outDir, Set<Long> corrupted, SplittableRandom random) throws IOException {
    List<Long> ids = checkpointIds(jobDir);
    if (ids.isEmpty()) {
      return null;
    }
    long newest = ids.get(ids.size() - 1);
    if (corrupted.contains(newest)) {
      return null;
    }
    long fallback = 0;
    for (long id : ids) {
      if (id < newest && !corrupted.contains(id)) {
        fallback = id;
      }
    }
    if (newestCommittedCheckpoint(outDir) > fallback) {
      return null;
    }
    Path chk = jobDir.resolve(String.format("chk-%019d", newest));
    List<Path> files;
    try (Stream<Path> s = Files.list(chk)) {
      files = new ArrayList<>(s.sorted().toList());
    }
    Path victim = files.get(random.nextInt(files.size()));
    long size = Files.size(victim);
    boolean truncate = random.nextBoolean() || size == 0;
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      if (truncate) {
        f.setLength(size == 0 ? 0 : random.nextLong(size));
        if (size == 0) {
          f.write(1);
        }
      } else {
        long at = random.nextLong(size);
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ (1 << random.nextInt(8)));
      }
    }
    corrupted.add(newest);
    return new Damage("skipping checkpoint " + newest + " of job '" + WindowCrashPipeline.JOB_NAME + "'", truncate);
  }

  private Map<Integer, List<String>> uninterruptedRun(int parallelism) throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      JobStatus status =
          engine
              .submit(
                  WindowCrashPipeline.pipeline(N, parallelism, 0, Sinks.callback("lines", lines::add)),
                  JobOptions.defaults().withName("uninterrupted"))
              .join(Duration.ofMinutes(2));
      assertThat(status).isEqualTo(JobStatus.COMPLETED);
    }
    return perKey(lines);
  }

  private Process startChild(Path storeDir, Path outDir, int parallelism, Path stdout, Path stderr)
      throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            WindowCrashPipeline.class.getName(),
            storeDir.toString(),
            outDir.toString(),
            Long.toString(N),
            Integer.toString(parallelism),
            Long.toString(CHECKPOINT_INTERVAL_MILLIS),
            Integer.toString(SLEEP_EVERY))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
  }

  /** Waits until {@code count} lines of stdout start with {@code prefix}, or the child ended. */
  private static void awaitLines(Process child, Path stdout, Path stderr, String prefix, int count)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (countLines(read(stdout), prefix) < count && child.isAlive()) {
      assertThat(System.nanoTime())
          .as("child printed %d lines '%s...' within 180 s; stderr:%n%s", count, prefix, read(stderr))
          .isLessThan(deadline);
      Thread.sleep(2);
    }
  }

  private static int countLines(String text, String prefix) {
    int count = 0;
    for (String line : text.split("\n")) {
      count += line.startsWith(prefix) ? 1 : 0;
    }
    return count;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Committed lines per key, in commit order: by checkpoint id, then writer instance. */
  static Map<Integer, List<String>> committedPerKey(Path outDir) throws IOException {
    List<Path> files = new ArrayList<>(JsonLinesFileSink.committedFiles(outDir, WindowCrashPipeline.FILE_PREFIX));
    files.sort(Comparator.comparingLong(WindowCrashTest::checkpointOf).thenComparingInt(WindowCrashTest::instanceOf));
    List<String> lines = new ArrayList<>();
    for (Path f : files) {
      lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
    }
    return perKey(lines);
  }

  private static long newestCommittedCheckpoint(Path outDir) throws IOException {
    long newest = 0;
    for (Path f : JsonLinesFileSink.committedFiles(outDir, WindowCrashPipeline.FILE_PREFIX)) {
      newest = Math.max(newest, checkpointOf(f));
    }
    return newest;
  }

  // committed file name: <prefix>-<instance>-<checkpoint id, 19 digits>.jsonl
  private static long checkpointOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".jsonl".length()));
  }

  private static int instanceOf(Path file) {
    String name = file.getFileName().toString();
    String rest = name.substring(WindowCrashPipeline.FILE_PREFIX.length() + 1, name.lastIndexOf('-'));
    return Integer.parseInt(rest);
  }

  private static Map<Integer, List<String>> perKey(List<String> lines) {
    Map<Integer, List<String>> out = new TreeMap<>();
    synchronized (lines) {
      for (String line : lines) {
        out.computeIfAbsent(WindowCrashPipeline.keyOf(line), k -> new ArrayList<>()).add(line);
      }
    }
    return out;
  }

  private static int countLines(Map<Integer, List<String>> perKey) {
    return perKey.values().stream().mapToInt(List::size).sum();
  }

  private static List<Long> checkpointIds(Path jobDir) throws IOException {
    if (!Files.isDirectory(jobDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("chk-"))
          .map(name -> Long.parseLong(name.substring(4)))
          .sorted()
          .toList();
    }
  }

  private static long newest(List<Long> ids) {
    return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
  }

  private static boolean hasTempDirectory(Path jobDir) throws IOException {
    if (!Files.isDirectory(jobDir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
