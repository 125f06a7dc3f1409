package dev.sluice.cli;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.payloads.DocumentSequence;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.PrometheusTextParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      "A file may hold several documents: JSON Lines (senml-json, opcua-json), a CBOR sequence"
          + " (senml-cbor), OpenMetrics documents back to back (each ends with '# EOF'), Prometheus"
          + " text expositions each followed by a '# EOF' line.",
      "Exit code 0 on success, 1 on invalid payload input (the message says where), 2 on usage errors."
    },
    subcommands = {
      PayloadCommand.Validate.class, PayloadCommand.Convert.class, PayloadCommand.Generate.class
    })
final class PayloadCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Default input read limit, the same as the parsers' default limit (16 MiB). */
  static final int MAX_INPUT_BYTES = 16 << 20;

  /** The largest {@code --max-input-bytes}: about the largest Java array. */
  static final long MAX_INPUT_BYTES_LIMIT = Integer.MAX_VALUE - 8;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static byte[] read(Path file, long maxBytes) throws IOException {
    String hint = " (--max-input-bytes " + maxBytes + "; raise it to read larger input)";
    if (file == null || file.toString().equals("-")) {
      InputStream in = System.in;
      byte[] b = in.readNBytes((int) maxBytes + 1);
      if (b.length > maxBytes) {
        throw new IllegalArgumentException("input is larger than " + maxBytes + " bytes" + hint);
      }
      return b;
    }
    try {
      if (Files.size(file) > maxBytes) {
        throw new IllegalArgumentException(file + " is larger than " + maxBytes + " bytes" + hint);
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

  /** The documents a command reads: their format and the file (standard input if absent). */
  static final class InputDocument {
    @Option(names = "--format", required = true,
        description = "The input format: senml-json, senml-cbor, opcua-json, openmetrics or prometheus.")
    String format;

    @Option(names = "--max-input-bytes", paramLabel = "SIZE", defaultValue = "16MiB",
        description = "Largest input accepted, in bytes or with a KiB, MiB or GiB suffix"
            + " (default ${DEFAULT-VALUE}, at most 2 GiB); it applies to the file and to each"
            + " document in it.")
    String maxInputBytes;

    @Option(names = "--lenient",
        description = "prometheus only: accept a last line without a line feed (the format"
            + " requires one); every other rule still applies.")
    boolean lenient;

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

    /** The limits: the parsers' defaults with {@code --max-input-bytes}. */
    PayloadLimits limits() {
      return PayloadLimits.DEFAULTS.withMaxInputBytes(parseSize(maxInputBytes));
    }

    /**
     * Reads, splits and decodes the documents; an error names the document (when there are
     * several) and its line or byte in the file.
     */
    List<Object> decode() throws IOException {
      PayloadFormats.Format f = format();
      PayloadLimits limits = limits();
      if (lenient && !f.name().equals("prometheus")) {
        throw new IllegalArgumentException("--lenient applies to --format prometheus only");
      }
      byte[] input = read(file, limits.maxInputBytes());
      List<DocumentSequence.Part> parts = f.split(input, limits);
      if (parts.isEmpty()) {
        throw new PayloadFormatException(f.name(), "byte 0", "the input holds no document");
      }
      Function<byte[], Object> decoder =
          lenient ? PrometheusTextParser.lenient(limits)::parse : f.decoder().apply(limits);
      List<Object> models = new ArrayList<>(parts.size());
      for (DocumentSequence.Part part : parts) {
        try {
          models.add(decoder.apply(part.bytes()));
        } catch (PayloadFormatException e) {
          throw new PayloadFormatException(e.format(),
              (parts.size() > 1 ? "document " + (part.index() + 1) + ", " : "")
                  + shift(e.location(), part.line() - 1, part.byteOffset()),
              e.reason(), e);
        }
      }
      return models;
    }
  }

  private static final Pattern LINE = Pattern.compile("\\bline (\\d+)");
  private static final Pattern BYTE = Pattern.compile("\\bbyte (\\d+)");

  /** A location within a document as a location in the file. */
  static String shift(String location, int lines, long bytes) {
    String s = LINE.matcher(location).replaceAll(
        m -> "line " + (Long.parseLong(m.group(1)) + lines));
    return BYTE.matcher(s).replaceAll(m -> "byte " + (Long.parseLong(m.group(1)) + bytes));
  }

  /** {@code 123}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB}. */
  static long parseSize(String text) {
    Matcher m = Pattern.compile("(\\d{1,10})\\s*(|B|KiB|MiB|GiB)").matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--max-input-bytes must be a number of bytes, optionally"
          + " with a KiB, MiB or GiB suffix (like 64MiB), was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    long bytes = switch (m.group(2)) {
      case "KiB" -> n << 10;
      case "MiB" -> n << 20;
      case "GiB" -> n << 30;
      default -> n;
    };
    if (bytes < 1 || bytes > MAX_INPUT_BYTES_LIMIT) {
      throw new IllegalArgumentException("--max-input-bytes must be from 1 byte to "
          + MAX_INPUT_BYTES_LIMIT + " bytes (2 GiB), was '" + text + "'");
    }
    return bytes;
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Decode and validate the documents of a file; print what they hold.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin InputDocument input;

    @Option(names = "--verbose",
        description = "Also print each document's contents: SenML records (name, value, unit, time),"
            + " metric families and their samples, OPC UA DataValues.")
    boolean verbose;

    @Override
    public Integer call() {
      return guarded(spec.commandLine().getErr(), input.source(), () -> {
        PayloadFormats.Format f = input.format();
        List<Object> models = input.decode();
        PrintWriter out = spec.commandLine().getOut();
        out.println("valid " + f.name() + ": " + f.describe().apply(models));
        if (verbose) {
          for (int i = 0; i < models.size(); i++) {
            if (models.size() > 1) {
              out.println("document " + (i + 1) + ":");
            }
            for (String line : f.details().apply(models.get(i))) {
              out.println(line);
            }
          }
        }
        out.flush();
        return 0;
      });
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Decode, validate and write the documents of a file in normalised form, in the"
          + " same or a related format; the output is checked with the output format's validator.")
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
        List<Object> models = input.decode();
        Function<byte[], Object> check = out.decoder().apply(input.limits());
        List<byte[]> encoded = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
          byte[] doc = out.encode().apply(models.get(i));
          try {
            check.apply(doc);
          } catch (PayloadFormatException e) {
            throw new PayloadFormatException(out.name(),
                (models.size() > 1 ? "document " + (i + 1) + ", " : "") + e.location(),
                "the document cannot be written as valid " + out.name() + ": " + e.reason(), e);
          }
          encoded.add(doc);
        }
        write(output, out.join(encoded), false);
        return 0;
      });
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate payloads with the format's generator (deterministic for a seed);"
          + " several documents are written in the format's layout, which validate and convert read.")
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
        List<byte[]> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          docs.add(g.next());
        }
        write(output, f.join(docs), false);
        return 0;
      });
    }
  }
}
