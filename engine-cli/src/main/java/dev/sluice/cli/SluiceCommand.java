package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice} command. Exit codes: 0 success, 1 a scenario failed its criteria or a
 * pipeline job failed, 2 invalid input (the message says what and where).
 */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    version = "sluice 0.1.0-SNAPSHOT",
    description = "Sluice: run load scenarios against the engine, work with payloads, run pipeline files.",
    subcommands = {ScenarioCommand.class, PayloadCommand.class, PipelineCommands.Run.class,
        PipelineCommands.Validate.class, PipelineCommands.PlanCommand.class})
public final class SluiceCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command with {@code args} and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command with {@code args}; returns the exit code. */
  public static int execute(String... args) {
    return new CommandLine(new SluiceCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
