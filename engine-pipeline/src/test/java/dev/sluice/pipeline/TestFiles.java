package dev.sluice.pipeline;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Helpers shared by the tests: the examples directory, copies, runs. */
final class TestFiles {
  private TestFiles() {}

  /** The repository's examples/pipelines directory. */
  static Path examples() {
    Path p = Path.of("../examples/pipelines").toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("no examples directory at " + p);
    }
    return p;
  }

  /** Copies the example {@code name} into {@code dir} (so outputs land there). */
  static Path copyExample(String name, Path dir) {
    Path from = examples().resolve(name);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Loads and runs {@code file} to the end on a small engine; fails if the job fails. */
  static PipelineRunner.Result run(Path file, LoadOptions options) throws InterruptedException {
    PipelineFile pf = PipelineFile.load(file, options, StageRegistry.load());
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
      if (!r.succeeded()) {
        throw new AssertionError("the job did not complete: " + r.summary(), r.failure().orElse(null));
      }
      return r;
    }
  }
}
