package dev.sluice.cli;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Plan;
import dev.sluice.core.PipelineValidationException;
import dev.sluice.monitor.Monitor;
import dev.sluice.pipeline.LoadOptions;
import dev.sluice.pipeline.PipelineFile;
import dev.sluice.pipeline.PipelineFileException;
import dev.sluice.pipeline.PipelineRunner;
import dev.sluice.pipeline.Problem;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice run | validate | plan FILE}: pipeline files (see docs/pipelines.md). Exit codes:
 * 0 success, 1 the job failed (run), 2 the file is invalid (every problem printed with its
 * path, line and column; nothing is run).
 */
final class PipelineCommands {
  private PipelineCommands() {}

  /** Options shared by the three commands. */
  static class FileOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "A pipeline file (.json, .yaml or .yml).")
    Path file;

    @Option(names = "--allow-classes",
        description = "Allow the file to name Java classes (the 'class' stage). Off by default.")
    boolean allowClasses;

    @Option(names = "--parallelism", paramLabel = "N",
        description = "Override the file's default operator parallelism.")
    Integer parallelism;

    @Option(names = "--max-file-bytes", paramLabel = "BYTES", defaultValue = "1048576",
        description = "The largest pipeline file accepted (default ${DEFAULT-VALUE}).")
    long maxFileBytes;

    LoadOptions options() {
      LoadOptions o = LoadOptions.defaults().withAllowClasses(allowClasses).withMaxFileBytes(maxFileBytes);
      return parallelism == null ? o : o.withParallelism(parallelism);
    }

    /** Loads the file, or prints every problem to {@code err} and returns null. */
    PipelineFile load(PrintWriter err) {
      if (parallelism != null && parallelism < 1) {
        err.println("sluice: --parallelism must be >= 1, was " + parallelism);
        err.flush();
        return null;
      }
      try {
        return PipelineFile.load(file, options(), StageRegistry.load());
      } catch (PipelineFileException e) {
        for (Problem p : e.problems()) {
          err.println(p);
        }
        err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
            + " in " + file + "; nothing was run");
        err.flush();
        return null;
      }
    }

    /** Plans on a throw-away engine, or prints the planner's problems and returns null. */
    Plan plan(PipelineFile pf, PrintWriter err) {
      try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(1))) {
        return engine.plan(pf.toPipeline());
      } catch (PipelineValidationException e) {
        for (String p : e.problems()) {
          err.println(file + ":0:0: $: " + p);
        }
        err.println("the engine rejected the pipeline; nothing was run");
        err.flush();
        return null;
      }
    }
  }

  /** {@code sluice validate FILE}. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Check a pipeline file without running it.",
          "Prints every problem as FILE:LINE:COLUMN: JSON-PATH: message.",
          "Exit code 0 if valid, 2 if not."})
  static final class Validate extends FileOptions implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PipelineFile pf = load(err);
      if (pf == null || plan(pf, err) == null) {
        return 2;
      }
      long sources = pf.nodes().stream().filter(n -> n.role() == StageFactory.Role.SOURCE).count();
      long sinks = pf.nodes().stream().filter(n -> n.role() == StageFactory.Role.SINK).count();
      out.printf(Locale.ROOT, "%s: valid: pipeline '%s', %d source(s), %d stage(s), %d sink(s)%n",
          file, pf.name(), sources, pf.nodes().size() - sources - sinks, sinks);
      for (PipelineFile.NodeInfo n : pf.nodes()) {
        out.printf(Locale.ROOT, "  %-8s %-20s %-14s %s%n", n.role().name().toLowerCase(Locale.ROOT),
            n.name(), n.type(), n.outputSchema() == null ? "" : n.outputSchema());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code sluice plan FILE}. */
  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = {"Show the physical plan of a pipeline file: chains of fused stages, their",
          "parallelism and the edges between them. Exit code 0, or 2 if the file is invalid."})
  static final class PlanCommand extends FileOptions implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--dot", description = "Print the plan as Graphviz DOT instead.")
    boolean dot;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PipelineFile pf = load(err);
      Plan plan = pf == null ? null : plan(pf, err);
      if (plan == null) {
        return 2;
      }
      if (dot) {
        out.print(plan.toDot());
      } else {
        out.printf(Locale.ROOT, "pipeline '%s'%n", pf.name());
        for (PipelineFile.NodeInfo n : pf.nodes()) {
          out.printf(Locale.ROOT, "  %-20s %-14s %s%n", n.name(), n.type(), n.description());
        }
        out.println();
        out.print(plan.toText());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code sluice run FILE}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a pipeline file to the end: live progress, then a summary.",
          "Exit code 0 if the job completed, 1 if it failed, 2 if the file is invalid."})
  static final class Run extends FileOptions implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--quiet", description = "No live progress.")
    boolean quiet;

    @Option(names = "--workers", paramLabel = "N", description = "Worker threads (default: one per core).")
    Integer workers;

    @Option(names = "--dashboard", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
        description = {"Serve the live dashboard and /metrics on 127.0.0.1 while the job runs",
            "(PORT, or a free port if omitted) and print its address. Read-only unless",
            "--dashboard-actions is given."})
    Integer dashboardPort;

    @Option(names = "--dashboard-actions",
        description = "Let the dashboard cancel the job, with a token printed once at start.")
    boolean dashboardActions;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PipelineFile pf = load(err);
      if (pf == null) {
        return 2;
      }
      EngineConfig config = EngineConfig.defaults();
      if (workers != null) {
        if (workers < 1) {
          err.println("sluice: --workers must be >= 1, was " + workers);
          err.flush();
          return 2;
        }
        config = config.withWorkerThreads(workers);
      }
      boolean terminal = System.console() != null;
      PipelineRunner.Result result;
      try (Engine engine = Engine.create(config)) {
        try {
          engine.plan(pf.toPipeline());
        } catch (PipelineValidationException e) {
          plan(pf, err);
          return 2;
        }
        Monitor monitor =
            dashboardPort == null ? null : Dashboard.start(engine, dashboardPort, dashboardActions, err);
        try {
          result = new PipelineRunner(engine).run(pf, new PipelineRunner.Options(
              quiet ? null : System.err, Duration.ofSeconds(1), terminal));
        } finally {
          if (monitor != null) {
            monitor.close();
          }
        }
      }
      out.print(result.summary());
      out.flush();
      return result.succeeded() ? 0 : 1;
    }
  }

  static List<String> types(StageFactory.Role role) {
    return StageRegistry.load().types(role);
  }
}
