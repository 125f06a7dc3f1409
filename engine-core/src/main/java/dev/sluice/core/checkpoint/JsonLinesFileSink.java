package dev.sluice.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.internal.connectors.JsonLinesFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A sink that writes events as JSON lines to files in a directory, exactly once with
 * checkpoints: its writers are {@link TwoPhaseCommitWriter}s.
 *
 * <p><b>Files</b> (instance {@code i}, checkpoint {@code n}, both in every name so that instances
 * and checkpoints never collide):
 *
 * <ul>
 *   <li>{@code .<prefix>-<i>.inprogress}: the open transaction, hidden (leading dot);
 *   <li>{@code .<prefix>-<i>-<n>.pending}: a prepared transaction, made durable (fsynced) on the
 *       barrier of checkpoint {@code n}, still hidden;
 *   <li>{@code <prefix>-<i>-<n>.jsonl}: committed, visible output ({@code n} zero-padded to 19
 *       digits, so the names sort in commit order per instance).
 * </ul>
 *
 * <p><b>Protocol:</b> {@code prepareCommit(n)} flushes and fsyncs the in-progress file, renames it
 * atomically to its pending name, fsyncs the directory, and returns a committable listing every
 * pending file not yet committed (with its length); nothing is written for an empty transaction.
 * {@code checkpointComplete(n)} renames every pending file up to {@code n} to its final name. A
 * restore calls {@code recover} with the restored checkpoint's committables: their files are
 * committed (a file already committed is checked by its length and left alone), and every
 * in-progress or pending file of this instance, or of an old instance {@code j} with {@code j %
 * parallelism == i}, that no committable names is deleted. The visible files then hold every
 * event up to the restored checkpoint exactly once, and the replay adds the rest.
 *
 * <p><b>Without checkpoints</b> it is an at-least-once file sink: {@link SinkWriter#complete()}
 * commits everything written (including pending transactions) when the input ends, and a job
 * that fails or is cancelled leaves its uncommitted data hidden. {@code complete()} also commits
 * pending transactions whose checkpoint has not completed, so that a finished job's output is
 * visible even without a final checkpoint.
 *
 * <p>Committed files are never deleted or changed by the sink. Restoring from a checkpoint older
 * than the newest committed one (for example a savepoint) leaves the newer committed files in
 * place; delete them by their checkpoint id if that output must not be repeated.
 *
 * <p><b>Threading:</b> the sink is immutable; each writer is used by the runtime from one
 * (dedicated, since {@link #isBlocking()} is true) thread. <b>Failure:</b> an I/O error fails the
 * job; a formatter that returns a line containing a line break fails it naming the sink.
 * <b>Allocation:</b> the formatted line and its UTF-8 bytes per event.
 *
 * @param <T> event type
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Path directory;
  private final String filePrefix;
  private final Function<? super T, String> formatter;
  private final boolean fsync;

  private JsonLinesFileSink(Builder<T> b) {
    this.name = b.name;
    this.directory = b.directory;
    this.filePrefix = b.filePrefix;
    this.formatter = b.formatter;
    this.fsync = b.fsync;
  }

  /**
   * A builder for a sink named {@code name} writing into {@code directory} (created when a writer
   * starts).
   */
  public static <T> Builder<T> builder(String name, Path directory) {
    return new Builder<>(name, directory);
  }

  /**
   * Formats an event with Jackson's default {@link ObjectMapper} (records, maps, lists, strings,
   * numbers, beans) as one line of JSON; the default formatter.
   */
  public static String toJson(Object event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write a " + (event == null ? "null" : event.getClass().getName()) + " as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** The directory the files are written to. */
  public Path directory() {
    return directory;
  }

  /** The prefix of every file name. */
  public String filePrefix() {
    return filePrefix;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public TwoPhaseCommitWriter<T> createWriter(int instanceIndex, int parallelism)
      throws IOException {
    Files.createDirectories(directory);
    return new JsonLinesFileWriter<>(
        name, directory, filePrefix, instanceIndex, parallelism, formatter, fsync);
  }

  /**
   * The committed (visible) files of {@code filePrefix} in {@code directory}, by instance and then
   * checkpoint id: reading them in this order gives each instance's output in the order it was
   * written.
   */
  public static List<Path> committedFiles(Path directory, String filePrefix) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, filePrefix + "-*.jsonl")) {
      for (Path p : stream) {
        if (JsonLinesFileWriter.parseFinal(filePrefix, p.getFileName().toString()) != null) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(
        (a, b) -> {
          long[] x = JsonLinesFileWriter.parseFinal(filePrefix, a.getFileName().toString());
          long[] y = JsonLinesFileWriter.parseFinal(filePrefix, b.getFileName().toString());
          return x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
        });
    return files;
  }

  /** Every line of {@link #committedFiles}, in their order. */
  public static List<String> committedLines(Path directory, String filePrefix) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path p : committedFiles(directory, filePrefix)) {
      lines.addAll(Files.readAllLines(p));
    }
    return lines;
  }

  @Override
  public String toString() {
    return "JsonLinesFileSink[" + name + ", " + directory + "/" + filePrefix + "-*]";
  }

  /** Configures a {@link JsonLinesFileSink}; not thread-safe. */
  public static final class Builder<T> {
    private final String name;
    private final Path directory;
    private String filePrefix;
    private Function<? super T, String> formatter = JsonLinesFileSink::toJson;
    private boolean fsync = true;

    private Builder(String name, Path directory) {
      this.name = Objects.requireNonNull(name, "name");
      this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
      this.filePrefix = PREFIX.matcher(name).matches() ? name : "part";
    }

    /**
     * The prefix of the file names; give one per job writing into the directory. Default: the
     * sink's name if it is a valid prefix, else {@code part}. Letters, digits, {@code _ . -}, not
     * starting with a dot or dash.
     */
    public Builder<T> filePrefix(String prefix) {
      if (!PREFIX.matcher(Objects.requireNonNull(prefix, "prefix")).matches()) {
        throw new IllegalArgumentException(
            "file prefix '" + prefix + "' must match " + PREFIX.pattern());
      }
      this.filePrefix = prefix;
      return this;
    }

    /**
     * Turns an event into one line of JSON (without the line break). Default: {@link #toJson}.
     */
    public Builder<T> formatter(Function<? super T, String> formatter) {
      this.formatter = Objects.requireNonNull(formatter, "formatter");
      return this;
    }

    /**
     * Whether prepared files and the directory are fsynced (default true). Without it, output
     * survives a crash of the process but not of the machine; for tests.
     */
    public Builder<T> fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /** The sink. */
    public JsonLinesFileSink<T> build() {
      return new JsonLinesFileSink<>(this);
    }
  }
}
