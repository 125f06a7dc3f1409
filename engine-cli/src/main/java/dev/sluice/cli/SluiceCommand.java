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

  /** The exit code of invalid input. */
  static final int INVALID_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command with {@code args} and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command with {@code args}; returns the exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The {@code sluice} command line, with its handler of invalid parameters: a value that cannot
   * be converted to its option's type (for example {@code --rate fast}) gives one line naming
   * the option and exit code 2; other parameter errors (an unknown or missing option) keep
   * picocli's message followed by the usage.
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SluiceCommand());
    CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler((ex, args) -> {
      if (ex.getCause() instanceof CommandLine.TypeConversionException
          || (ex.getMessage() != null && ex.getMessage().startsWith("Invalid value for "))) {
        java.io.PrintWriter err = ex.getCommandLine().getErr();
        String m = ex.getMessage();
        err.println("sluice: " + Character.toLowerCase(m.charAt(0)) + m.substring(1));
        err.flush();
        return INVALID_INPUT;
      }
      return standard.handleParseException(ex, args);
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
