package dev.sluice.cli;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.payloads.PayloadFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice payload validate|convert|generate}. */
@Command(
    name = "payload",
    mixinStandardHelpOptions = true,
    description = {
      "Validate, convert and generate payloads.",
      "Exit code 0 on success, 1 on invalid payload input (the message says where), 2 on usage errors."
    },
    subcommands = {
      PayloadCommand.Validate.class, PayloadCommand.Convert.class, PayloadCommand.Generate.class
    })
final class PayloadCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Input read limit, the same as the parsers' default limit. */
  static final int MAX_INPUT_BYTES = 16 << 20;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static byte[] read(Path file) throws IOException {
    if (file == null || file.toString().equals("-")) {
      InputStream in = System.in;
      byte[] b = in.readNBytes(MAX_INPUT_BYTES + 1);
      if (b.length > MAX_INPUT_BYTES) {
        throw new IllegalArgumentException("input is larger than " + MAX_INPUT_BYTES + " bytes");
      }
      return b;
    }
    try {
      if (Files.size(file) > MAX_INPUT_BYTES) {
        throw new IllegalArgumentException(file + " is larger than " + MAX_INPUT_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file);
    }
  }

  static void write(Path out, byte[] bytes, boolean newlineIfMissing) throws IOException {
    boolean newline =
        newlineIfMissing && (bytes.length == 0 || bytes[bytes.length - 1] != '\n');
    if (out == null) {
      OutputStream o = System.out;
      o.write(bytes);
      if (newline) {
        o.write('\n');
      }
      o.flush();
    } else {
      Files.write(out, newline ? concat(bytes, new byte[] {'\n'}) : bytes);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** Runs an action, turning errors into messages and exit codes. */
  static int guarded(PrintWriter err, String source, Callable<Integer> action) {
    try {
      return action.call();
    } catch (PayloadFormatException e) {
      err.println("sluice: " + (source == null ? "" : source + ": ") + e.getMessage());
      err.flush();
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("sluice: " + e.getMessage());
      err.flush();
      return 2;
    } catch (Exception e) {
      err.println("sluice: " + e);
      err.flush();
      return 2;
    }
  }

  /** The document a command reads: its format and the file (standard input if absent). */
  static final class InputDocument {
    @Option(names = "--format", required = true,
        description = "The input format: senml-json, senml-cbor, opcua-json, openmetrics or prometheus.")
    String format;

    @Parameters(arity = "0..1", description = "The input file; standard input if absent or '-'.")
    Path file;

    /** How errors name the input. */
    String source() {
      return file == null ? "stdin" : file.toString();
    }

    /** The input's format. */
    PayloadFormats.Format format() {
      return PayloadFormats.require(format);
    }

    /** Reads and decodes the document. */
    Object decode() throws IOException {
      return format().decode().apply(read(file));
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Decode and validate a document; print what it holds.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin InputDocument input;

    @Override
    public Integer call() {
      return guarded(spec.commandLine().getErr(), input.source(), () -> {
        PayloadFormats.Format f = input.format();
        Object model = input.decode();
        spec.commandLine().getOut().println("valid " + f.name() + ": " + f.describe().apply(model));
        spec.commandLine().getOut().flush();
        return 0;
      });
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Decode, validate and write a document in normalised form, in the same or a related format.")
  static final class Convert implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin InputDocument input;

    @Option(names = "--to", description = "The output format (default: the input format, normalised).")
    String to;

    @Option(names = "--output", description = "Output file (default: standard output).")
    Path output;

    @Override
    public Integer call() {
      return guarded(spec.commandLine().getErr(), input.source(), () -> {
        PayloadFormats.Format in = input.format();
        PayloadFormats.Format out = to == null ? in : PayloadFormats.require(to);
        if (!in.family().equals(out.family())) {
          throw new IllegalArgumentException(
              "cannot convert " + in.name() + " to " + out.name() + ": different payload families");
        }
        Object model = input.decode();
        write(output, out.encode().apply(model), !out.binary());
        return 0;
      });
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate payloads with the format's generator (deterministic for a seed).")
  static final class Generate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, description = "The format to generate.")
    String format;

    @Option(names = "--count", defaultValue = "1", description = "How many documents (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "256", description = "Size target in bytes (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--option", description = "Generator option key=value (repeatable).")
    Map<String, String> options = new HashMap<>();

    @Option(names = "--output", description = "Output file (default: standard output).")
    Path output;

    @Override
    public Integer call() {
      return guarded(spec.commandLine().getErr(), null, () -> {
        if (count < 1) {
          throw new IllegalArgumentException("--count must be >= 1, was " + count);
        }
        PayloadFormats.Format f = PayloadFormats.require(format);
        Map<String, String> o = new HashMap<>(options);
        o.putAll(f.generatorOptions());
        PayloadGenerator g =
            PayloadGenerators.require(f.generator()).create(new GeneratorSpec(seed, size, o));
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
          byte[] doc = g.next();
          all.write(doc);
          if (!f.binary() && (doc.length == 0 || doc[doc.length - 1] != '\n')) {
            all.write('\n');
          }
        }
        write(output, all.toByteArray(), false);
        return 0;
      });
    }
  }
}
