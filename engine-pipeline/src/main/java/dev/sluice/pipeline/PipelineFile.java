package dev.sluice.pipeline;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.Pipeline;
import dev.sluice.core.SinkStage;
import dev.sluice.core.Stage;
import dev.sluice.core.WatermarkPolicy;
import dev.sluice.core.fault.DeadLetter;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.pipeline.internal.io.DeadLetterSink;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * A pipeline file, loaded and validated: sources, stages and sinks with their settings, every
 * expression compiled and every field resolved. {@link #toPipeline()} turns it into a {@link
 * Pipeline} of the Java DSL, as often as needed (each call builds new sources, operators and
 * sinks).
 *
 * <p>Loading reports every problem it finds, not only the first, each with its JSON path, line
 * and column ({@link PipelineFileException}); nothing is run or opened while loading (input
 * files are opened when the job starts).
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class PipelineFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> COMMON_FIELDS =
      Set.of("name", "type", "input", "inputs", "parallelism", "backpressure", "queueCapacity",
          "onError", "uid", "eventTime", "description");

  private final String name;
  private final String description;
  private final List<NodeDef> nodes;
  private final DeadLetterSpec deadLetters;

  private PipelineFile(String name, String description, List<NodeDef> nodes, DeadLetterSpec deadLetters) {
    this.name = name;
    this.description = description;
    this.nodes = nodes;
    this.deadLetters = deadLetters;
  }

  /**
   * Loads and validates {@code file} (JSON, or YAML if its name ends in {@code .yaml} or {@code
   * .yml}) with the registry's stages; relative paths in it resolve against its directory.
   *
   * @throws PipelineFileException listing every problem, including an unreadable or oversized
   *     file
   */
  public static PipelineFile load(Path file, LoadOptions options, StageRegistry registry) {
    String shown = file.toString();
    List<Problem> problems = new ArrayList<>();
    try {
      long size = Files.size(file);
      if (size > options.maxFileBytes()) {
        throw new PipelineFileException(List.of(new Problem(shown, "$", 1, 1,
            "the file has " + size + " bytes; the limit is " + options.maxFileBytes()
                + " (pipeline files are small; data belongs in the files the sources read)")));
      }
      byte[] bytes = Files.readAllBytes(file);
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new PipelineFileException(List.of(new Problem(shown, "$", 1, 1, "the file is not UTF-8 text")));
      }
      Path dir = file.toAbsolutePath().getParent();
      return parse(text, shown, dir, isYaml(shown), options, registry);
    } catch (NoSuchFileException e) {
      problems.add(new Problem(shown, "$", 0, 0, "no such file"));
    } catch (IOException e) {
      problems.add(new Problem(shown, "$", 0, 0, "cannot read: " + e.getMessage()));
    }
    throw new PipelineFileException(problems);
  }

  /** True for names ending in {@code .yaml} or {@code .yml}. */
  public static boolean isYaml(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /**
   * Loads and validates pipeline text.
   *
   * @param fileName the name shown in problems
   * @param baseDirectory where relative paths resolve
   * @param yaml whether the text is YAML rather than JSON
   * @throws PipelineFileException listing every problem
   */
  public static PipelineFile parse(
      String text, String fileName, Path baseDirectory, boolean yaml, LoadOptions options,
      StageRegistry registry) {
    List<Problem> problems = new ArrayList<>();
    if (text.length() > options.maxFileBytes()) {
      throw new PipelineFileException(List.of(new Problem(fileName, "$", 1, 1,
          "the text has " + text.length() + " characters; the limit is " + options.maxFileBytes())));
    }
    ConfigNode root = new ConfigParser(fileName, options, problems).parse(text, yaml);
    if (root == null) {
      throw new PipelineFileException(problems);
    }
    if (root.kind() != ConfigNode.Kind.OBJECT) {
      throw new PipelineFileException(List.of(new Problem(fileName, "$", root.line(), root.column(),
          "a pipeline file holds one object with sources, stages and sinks; found " + root.describe())));
    }
    Loader loader = new Loader(fileName, baseDirectory, options, registry, problems);
    PipelineFile file = loader.load(root);
    if (!problems.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new PipelineFileException(sorted);
    }
    return file;
  }

  /** The pipeline's name (the file's {@code name}, or "pipeline"). */
  public String name() {
    return name;
  }

  /** The file's description, or "". */
  public String description() {
    return description;
  }

  /** The nodes in topological order (sources first): name, role, type and output schema. */
  public List<NodeInfo> nodes() {
    List<NodeInfo> out = new ArrayList<>();
    for (NodeDef n : nodes) {
      out.add(new NodeInfo(n.settings.name(), n.role, n.type, n.inputs,
          n.compiled.outputSchema(), n.compiled.describe()));
    }
    return out;
  }

  /**
   * A node of the file.
   *
   * @param name its name
   * @param role source, operator or sink
   * @param type its type
   * @param inputs the names of its inputs
   * @param outputSchema what it emits (null for a sink)
   * @param description what it does
   */
  public record NodeInfo(
      String name, StageFactory.Role role, String type, List<String> inputs,
      RecordSchema outputSchema, String description) {}

  /**
   * A new {@link Pipeline} with the file's sources, stages and sinks (new runtime objects on
   * each call).
   */
  public Pipeline toPipeline() {
    Pipeline p = Pipeline.create();
    Map<String, Stage<Record>> outputs = new HashMap<>();
    for (NodeDef n : nodes) {
      switch (n.role) {
        case SOURCE -> {
          Stage<Record> s = p.source(n.compiled.source(n.settings.name()));
          s.parallelism(n.settings.parallelism() > 0 ? n.settings.parallelism() : 1);
          if (n.settings.backpressure() != null) {
            s.backpressure(n.settings.backpressure());
          }
          if (n.settings.queueCapacity() > 0) {
            s.queueCapacity(n.settings.queueCapacity());
          }
          outputs.put(n.settings.name(), shareFrames(withEventTime(s, n), n));
        }
        case OPERATOR -> {
          Stage<Record> out;
          if (n.inputNodes != null) {
            List<Stage<Record>> ins = new ArrayList<>();
            for (String in : n.inputs) {
              ins.add(outputs.get(in));
            }
            out = n.compiled.apply(ins, n.settings);
          } else {
            out = n.compiled.apply(input(outputs, n), n.settings);
          }
          outputs.put(n.settings.name(), shareFrames(withEventTime(out, n), n));
        }
        case SINK -> {
          Stage<Record> in = input(outputs, n);
          SinkStage<Record> s = in.sink(n.compiled.sink(n.settings.name()));
          int par = n.settings.parallelism() > 0 ? n.settings.parallelism()
              : Math.min(n.compiled.maxParallelism(), n.defaultParallelism);
          s.parallelism(Math.max(1, par));
          if (n.settings.backpressure() != null) {
            s.backpressure(n.settings.backpressure());
          }
          if (n.settings.queueCapacity() > 0) {
            s.queueCapacity(n.settings.queueCapacity());
          }
          if (n.settings.errorPolicy() != null) {
            s.onError(n.settings.errorPolicy());
          }
        }
      }
    }
    if (deadLetters != null) {
      Stage<DeadLetter> dl = p.deadLetters();
      dl.sink(new DeadLetterSink("dead-letter-file", deadLetters.path()));
    }
    return p;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Stage<Record> input(Map<String, Stage<Record>> outputs, NodeDef n) {
    Stage<Record> first = outputs.get(n.inputs.get(0));
    if (n.inputs.size() == 1) {
      return first;
    }
    Stage<Record>[] others = new Stage[n.inputs.size() - 1];
    for (int i = 1; i < n.inputs.size(); i++) {
      others[i - 1] = outputs.get(n.inputs.get(i));
    }
    return first.union(others).named(n.settings.auxiliaryName("union"));
  }

  /**
   * A node emitting frames ({@link dev.sluice.pipeline.frame.FrameEdges}) to several consumers
   * shares each frame with all of them: it is retained once per extra consumer, and every
   * consumer releases its reference.
   */
  private Stage<Record> shareFrames(Stage<Record> s, NodeDef n) {
    if (dev.sluice.pipeline.frame.FrameEdges.frameSchema(n.compiled.outputSchema()) == null) {
      return s;
    }
    int consumers = 0;
    for (NodeDef other : nodes) {
      for (String in : other.inputs) {
        if (in.equals(n.settings.name())) {
          consumers++;
        }
      }
    }
    if (consumers <= 1) {
      return s;
    }
    int extra = consumers - 1;
    return s.map(r -> {
      dev.sluice.pipeline.frame.FrameEdges.frame(r).retain(extra);
      return r;
    }).named(n.settings.auxiliaryName("share"));
  }

  private static Stage<Record> withEventTime(Stage<Record> s, NodeDef n) {
    EventTime et = n.eventTime;
    if (et == null) {
      return s;
    }
    WatermarkPolicy policy = WatermarkPolicy.boundedOutOfOrderness(et.maxOutOfOrdernessMillis());
    if (et.idleTimeoutMillis() > 0) {
      policy = policy.withIdleTimeout(et.idleTimeoutMillis());
    }
    return s.withTimestamps(et.function(), policy).named(n.settings.auxiliaryName("timestamps"));
  }

  // ---------------------------------------------------------------------------------------------

  /** Event-time settings of a node. */
  record EventTime(String field, int slot, FieldType type, String unit, long maxOutOfOrdernessMillis,
      long idleTimeoutMillis) {
    ToLongFunction<Record> function() {
      int s = slot;
      String f = field;
      if (type == FieldType.STRING) {
        return r -> {
          Object v = r.get(s);
          if (v == null) {
            throw new IllegalArgumentException("the timestamp field '" + f + "' is missing");
          }
          try {
            return Instant.parse((String) v).toEpochMilli();
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                "the timestamp field '" + f + "' is not an ISO-8601 instant: " + v);
          }
        };
      }
      double scale = switch (unit) {
        case "seconds" -> 1000.0;
        case "micros" -> 0.001;
        case "nanos" -> 0.000001;
        default -> 1.0;
      };
      if (type == FieldType.LONG && scale == 1.0) {
        return r -> {
          Object v = r.get(s);
          if (v == null) {
            throw new IllegalArgumentException("the timestamp field '" + f + "' is missing");
          }
          return (Long) v;
        };
      }
      return r -> {
        Object v = r.get(s);
        if (v == null) {
          throw new IllegalArgumentException("the timestamp field '" + f + "' is missing");
        }
        return (long) Math.floor(((Number) v).doubleValue() * scale);
      };
    }
  }

  record DeadLetterSpec(Path path) {}

  /** One node while loading. */
  static final class NodeDef {
    StageFactory.Role role;
    String type;
    ConfigNode node;
    StageConfig config;
    List<String> inputs = List.of();
    ConfigNode inputsNode;
    /** Per input, where it is named (stages with distinct inputs only; else null). */
    List<ConfigNode> inputNodes;
    /** A named input is missing (reported): the graph is not compiled. */
    boolean inputsMissing;
    StageSettings settings;
    EventTime eventTime;
    CompiledStage compiled;
    int defaultParallelism = 1;
    StageFactory factory;
    boolean compileAttempted;
  }

  /** Validates a parsed file and compiles its nodes. */
  private static final class Loader {
    private final String file;
    private final Path baseDirectory;
    private final LoadOptions options;
    private final StageRegistry registry;
    private final List<Problem> problems;
    private int defaultParallelism;
    private BackpressureStrategy defaultBackpressure;
    private int defaultQueueCapacity;
    private ErrorPolicy defaultErrorPolicy;
    private boolean usesDeadLetters;

    Loader(String file, Path baseDirectory, LoadOptions options, StageRegistry registry,
        List<Problem> problems) {
      this.file = file;
      this.baseDirectory = baseDirectory;
      this.options = options;
      this.registry = registry;
      this.problems = problems;
    }

    PipelineFile load(ConfigNode root) {
      StageConfig top = new StageConfig(file, root, baseDirectory, options, problems);
      String name = top.string("name", "pipeline");
      String description = top.string("description", "");
      long version = top.longValue("version", 1, 1, 1);
      assert version == 1;
      StageConfig settings = top.object("settings");
      defaultParallelism = 1;
      if (settings != null) {
        defaultParallelism = (int) settings.longValue("parallelism", 1, 1, 1024);
        defaultBackpressure = backpressure(settings, null);
        defaultQueueCapacity = (int) settings.longValue("queueCapacity", 0, 1, 1 << 24);
        defaultErrorPolicy = errorPolicy(settings, null);
      }
      if (options.parallelism().isPresent()) {
        defaultParallelism = options.parallelism().getAsInt();
      }
      List<NodeDef> all = new ArrayList<>();
      all.addAll(nodes(top, "sources", StageFactory.Role.SOURCE, true));
      all.addAll(nodes(top, "stages", StageFactory.Role.OPERATOR, false));
      all.addAll(nodes(top, "sinks", StageFactory.Role.SINK, true));
      DeadLetterSpec dead = null;
      StageConfig dl = top.object("deadLetters");
      if (dl != null) {
        Path path = dl.path("path");
        dead = path == null ? null : new DeadLetterSpec(path);
      }
      if (all.size() > options.maxStages()) {
        top.problem(root, "the file has " + all.size() + " sources, stages and sinks; the limit is "
            + options.maxStages());
        return null;
      }
      Map<String, NodeDef> byName = new LinkedHashMap<>();
      for (NodeDef n : all) {
        if (n.settings == null) {
          continue;
        }
        NodeDef old = byName.putIfAbsent(n.settings.name(), n);
        if (old != null) {
          n.config.problem("name", "the name '" + n.settings.name() + "' is already used at line "
              + old.node.line());
        }
      }
      List<NodeDef> order = graph(all, byName);
      if (order != null) {
        compile(order, byName);
      }
      if (usesDeadLetters && dl == null) {
        top.problem(root, "a node has onError \"dead-letter\" but the file has no \"deadLetters\": "
            + "{\"path\": ...} to write them to");
      }
      for (NodeDef n : all) {
        if (!n.compileAttempted) {
          n.config.markAllRead(); // its own fields were not examined: no "unknown field" noise
        }
      }
      top.reportUnknown();
      return problems.isEmpty() ? new PipelineFile(name, description, order, dead) : null;
    }

    private List<NodeDef> nodes(StageConfig top, String key, StageFactory.Role role, boolean required) {
      ConfigNode arr = top.get(key);
      List<NodeDef> out = new ArrayList<>();
      if (arr == null) {
        if (required) {
          top.problem(key, "missing field '" + key + "': a pipeline needs at least one "
              + (role == StageFactory.Role.SOURCE ? "source" : "sink"));
        }
        return out;
      }
      if (arr.kind() != ConfigNode.Kind.ARRAY) {
        top.problem(arr, "expected an array of " + key + ", found " + arr.describe());
        return out;
      }
      if (arr.elements().isEmpty() && required) {
        top.problem(arr, "a pipeline needs at least one " + (role == StageFactory.Role.SOURCE ? "source" : "sink"));
      }
      for (ConfigNode e : arr.elements()) {
        if (e.kind() != ConfigNode.Kind.OBJECT) {
          top.problem(e, "expected an object, found " + e.describe());
          continue;
        }
        out.add(node(top, e, role));
      }
      return out;
    }

    private NodeDef node(StageConfig top, ConfigNode e, StageFactory.Role role) {
      NodeDef n = new NodeDef();
      n.role = role;
      n.node = e;
      StageConfig c = top.child(e);
      n.config = c;
      String name = c.string("name");
      if (name != null && !NAME.matcher(name).matches()) {
        c.problem("name", "a name has 1 to 64 letters, digits, '_', '.' or '-' and starts with a "
            + "letter or digit; was \"" + name + "\"");
        name = null;
      }
      n.type = c.string("type");
      if (n.type != null) {
        n.factory = registry.find(role, n.type).orElse(null);
        if (n.factory == null) {
          String other = null;
          for (StageFactory.Role r : StageFactory.Role.values()) {
            if (r != role && registry.find(r, n.type).isPresent()) {
              other = r.name().toLowerCase(Locale.ROOT);
            }
          }
          c.problem("type", "unknown " + roleWord(role) + " type '" + n.type + "'"
              + (other != null ? " (it is a " + other + " type)" : "")
              + "; " + roleWord(role) + " types: " + registry.types(role));
        }
      }
      if (role == StageFactory.Role.OPERATOR && n.factory != null
          && !n.factory.inputFields().isEmpty()) {
        namedInputs(c, n);
      } else if (role != StageFactory.Role.SOURCE) {
        ConfigNode in = c.has("input") ? c.get("input") : c.get("inputs");
        if (c.has("input") && c.has("inputs")) {
          c.problem("inputs", "give either 'input' or 'inputs', not both");
        }
        if (in == null) {
          c.problem("input", "missing field 'input': the name of the node feeding this one");
        } else {
          n.inputsNode = in;
          n.inputs = c.strings(in == c.get("input") ? "input" : "inputs");
          if (n.inputs.isEmpty()) {
            c.problem(in, "'input' names at least one node");
          }
        }
      } else if (c.has("input") || c.has("inputs")) {
        c.problem(c.has("input") ? "input" : "inputs", "a source has no input");
      }
      int par = (int) c.longValue("parallelism", 0, 1, 1024);
      BackpressureStrategy bp = backpressure(c, defaultBackpressure);
      int qc = (int) c.longValue("queueCapacity", defaultQueueCapacity, 1, 1 << 24);
      ErrorPolicy ep = errorPolicy(c, role == StageFactory.Role.SOURCE ? null : defaultErrorPolicy);
      if (role == StageFactory.Role.SOURCE && c.has("onError")) {
        c.problem("onError", "a source has no error policy (its reader's failures fail the job)");
      }
      c.string("description", "");
      if (c.has("uid")) {
        c.problem("uid", "'uid' is not supported in pipeline files yet: the name is the uid");
      }
      c.markRead(COMMON_FIELDS);
      n.settings = name == null ? null : new StageSettings(name, par, bp, qc, ep);
      return n;
    }

    /** Reads the input fields of a stage with distinct inputs (a join's left and right). */
    private static void namedInputs(StageConfig c, NodeDef n) {
      List<String> fields = n.factory.inputFields();
      for (String other : List.of("input", "inputs")) {
        if (!fields.contains(other) && c.has(other)) {
          c.problem(other, "a " + n.type + " stage names its inputs with " + fields.stream()
              .map(f -> "'" + f + "'").toList() + ", not '" + other + "'");
        }
      }
      List<String> names = new ArrayList<>();
      List<ConfigNode> at = new ArrayList<>();
      for (String f : fields) {
        ConfigNode v = c.get(f);
        String s = c.string(f);
        if (s == null) {
          continue;
        }
        names.add(s);
        at.add(v);
      }
      n.inputs = List.copyOf(names);
      n.inputNodes = List.copyOf(at);
      n.inputsNode = at.isEmpty() ? c.node() : at.get(0);
      n.inputsMissing = names.size() != fields.size(); // reported above
    }

    private static String roleWord(StageFactory.Role role) {
      return switch (role) {
        case SOURCE -> "source";
        case OPERATOR -> "stage";
        case SINK -> "sink";
      };
    }

    private BackpressureStrategy backpressure(StageConfig c, BackpressureStrategy dflt) {
      ConfigNode v = c.get("backpressure");
      if (v == null) {
        return dflt;
      }
      if (v.kind() == ConfigNode.Kind.OBJECT && v.field("sample") != null) {
        StageConfig s = c.child(v);
        double rate = s.doubleValue("sample", 0.0, 1.0);
        return rate > 0 ? BackpressureStrategy.sample(rate) : dflt;
      }
      String s = c.choice("backpressure", null, List.of("block", "drop-newest", "drop-oldest"));
      if (s == null) {
        if (v.kind() != ConfigNode.Kind.STRING) {
          return dflt;
        }
        return dflt;
      }
      return switch (s) {
        case "drop-newest" -> BackpressureStrategy.DROP_NEWEST;
        case "drop-oldest" -> BackpressureStrategy.DROP_OLDEST;
        default -> BackpressureStrategy.BLOCK;
      };
    }

    private ErrorPolicy errorPolicy(StageConfig c, ErrorPolicy dflt) {
      String s = c.choice("onError", null, List.of("fail", "skip", "dead-letter"));
      if (s == null) {
        if (dflt == ErrorPolicy.DEAD_LETTER) {
          usesDeadLetters = true;
        }
        return dflt;
      }
      return switch (s) {
        case "skip" -> ErrorPolicy.SKIP;
        case "dead-letter" -> {
          usesDeadLetters = true;
          yield ErrorPolicy.DEAD_LETTER;
        }
        default -> ErrorPolicy.FAIL;
      };
    }

    /** Checks inputs, cycles and dangling outputs; returns a topological order or null. */
    private List<NodeDef> graph(List<NodeDef> all, Map<String, NodeDef> byName) {
      boolean ok = true;
      Map<NodeDef, List<NodeDef>> consumers = new LinkedHashMap<>();
      Map<NodeDef, Integer> pending = new HashMap<>();
      for (NodeDef n : all) {
        consumers.put(n, new ArrayList<>());
        if (n.settings == null || n.inputsMissing) {
          ok = false;
        }
      }
      for (NodeDef n : all) {
        int count = 0;
        for (int i = 0; i < n.inputs.size(); i++) {
          String in = n.inputs.get(i);
          ConfigNode at = n.inputNodes != null ? n.inputNodes.get(i) : n.inputsNode;
          NodeDef src = byName.get(in);
          if (src == null) {
            n.config.problem(at, "unknown input '" + in + "'; nodes that can feed it: "
                + byName.values().stream().filter(x -> x.role != StageFactory.Role.SINK)
                    .map(x -> x.settings.name()).toList());
            ok = false;
          } else if (src.role == StageFactory.Role.SINK) {
            n.config.problem(at, "'" + in + "' is a sink: it has no output");
            ok = false;
          } else if (src == n) {
            n.config.problem(at, "'" + in + "' is its own input (a cycle)");
            ok = false;
          } else {
            consumers.get(src).add(n);
            count++;
          }
        }
        pending.put(n, count);
      }
      // Kahn's algorithm; what remains is on or behind a cycle.
      List<NodeDef> order = new ArrayList<>();
      Deque<NodeDef> ready = new ArrayDeque<>();
      for (NodeDef n : all) {
        if (pending.get(n) == 0 && n.inputs.size() == countResolved(n, byName)) {
          ready.add(n);
        }
      }
      while (!ready.isEmpty()) {
        NodeDef n = ready.poll();
        order.add(n);
        for (NodeDef c : consumers.get(n)) {
          if (pending.merge(c, -1, Integer::sum) == 0) {
            ready.add(c);
          }
        }
      }
      for (NodeDef n : all) {
        if (!order.contains(n) && n.settings != null && pending.get(n) > 0
            && n.inputs.size() == countResolved(n, byName) && onCycle(n, byName)) {
          n.config.problem(n.inputsNode, "'" + n.settings.name() + "' is part of a cycle: "
              + cycle(n, byName));
          ok = false;
        }
      }
      for (NodeDef n : all) {
        if (n.role != StageFactory.Role.SINK && n.settings != null && consumers.get(n).isEmpty()) {
          n.config.problem("name", "the output of '" + n.settings.name()
              + "' goes nowhere: give it as the input of a stage or sink, or remove it");
          ok = false;
        }
      }
      return ok ? order : null;
    }

    private static int countResolved(NodeDef n, Map<String, NodeDef> byName) {
      int c = 0;
      for (String in : n.inputs) {
        NodeDef s = byName.get(in);
        if (s != null && s.role != StageFactory.Role.SINK && s != n) {
          c++;
        }
      }
      return c;
    }

    private static boolean onCycle(NodeDef start, Map<String, NodeDef> byName) {
      return cycle(start, byName) != null;
    }

    /** "a -> b -> a" if start lies on a cycle, else null. */
    private static String cycle(NodeDef start, Map<String, NodeDef> byName) {
      Deque<List<NodeDef>> paths = new ArrayDeque<>();
      paths.add(List.of(start));
      java.util.Set<NodeDef> seen = new java.util.HashSet<>();
      while (!paths.isEmpty()) {
        List<NodeDef> path = paths.poll();
        NodeDef last = path.get(path.size() - 1);
        for (String in : last.inputs) {
          NodeDef s = byName.get(in);
          if (s == null) {
            continue;
          }
          if (s == start) {
            // path holds start, its input, that one's input, ...: data flows the other way
            StringBuilder b = new StringBuilder(start.settings.name());
            for (int i = path.size() - 1; i >= 1; i--) {
              b.append(" -> ").append(path.get(i).settings.name());
            }
            return b.append(" -> ").append(start.settings.name()).toString();
          }
          if (seen.add(s)) {
            List<NodeDef> next = new ArrayList<>(path);
            next.add(s);
            paths.add(next);
          }
        }
      }
      return null;
    }

    private void compile(List<NodeDef> order, Map<String, NodeDef> byName) {
      for (NodeDef n : order) {
        if (n.factory == null) {
          continue;
        }
        RecordSchema input = null;
        int inputParallelism = 1;
        boolean inputsOk = true;
        for (String in : n.inputs) {
          NodeDef src = byName.get(in);
          if (src.compiled == null) {
            inputsOk = false;
            break;
          }
          RecordSchema s = src.compiled.outputSchema();
          inputParallelism = Math.max(inputParallelism, effectiveParallelism(src));
          if (n.inputNodes != null) {
            continue; // distinct inputs: not merged, their schemas may differ
          }
          if (input == null) {
            input = s;
          } else if (!input.equals(s)) {
            n.config.problem(n.inputsNode, "the inputs have different fields: '" + n.inputs.get(0)
                + "' emits " + input + " but '" + in + "' emits " + s
                + "; merge only streams of one schema (use a map stage to align them)");
            inputsOk = false;
          }
        }
        if (!inputsOk) {
          continue;
        }
        if (dev.sluice.pipeline.frame.FrameEdges.frameSchema(input) != null && !n.type.startsWith("frame-")) {
          // Nothing but a frame stage releases frames: anything else would hold them forever.
          n.config.problem(n.inputsNode, "'" + n.inputs.get(0) + "' emits frames ("
              + input.name(0) + "); only frame stages (frame-map, frame-window, frame-records) "
              + "read them: put a frame-records stage before this " + roleWord(n.role));
          continue;
        }
        int before = n.config.problemCount();
        n.compileAttempted = true;
        CompiledStage c;
        if (n.inputNodes != null) {
          List<RecordSchema> schemas = new ArrayList<>();
          for (String in : n.inputs) {
            schemas.add(byName.get(in).compiled.outputSchema());
          }
          c = n.factory.compile(n.config, schemas);
        } else {
          c = n.factory.compile(n.config, input);
        }
        if (c == null && n.config.problemCount() == before) {
          n.config.problem(n.node, "the " + n.type + " factory rejected the node without a reason");
        }
        n.compiled = n.config.problemCount() == before ? c : null;
        n.defaultParallelism = inputParallelism;
        if (n.compiled != null && n.compiled.keyed() && n.settings.parallelism() == 0) {
          // The file's default parallelism applies to keyed stages; stateless stages keep their
          // input's, so they stay fused with it and each key's events keep their order.
          StageSettings s = n.settings;
          n.settings = new StageSettings(s.name(), defaultParallelism, s.backpressure(),
              s.queueCapacity(), s.errorPolicy());
        }
        if (n.compiled != null) {
          if (n.settings.parallelism() > n.compiled.maxParallelism()) {
            n.config.problem("parallelism", "a " + n.type + " " + roleWord(n.role)
                + " runs at most " + n.compiled.maxParallelism() + " instance(s)");
          }
          n.eventTime = eventTime(n);
        }
      }
    }

    private static int effectiveParallelism(NodeDef n) {
      if (n.settings.parallelism() > 0) {
        return n.settings.parallelism();
      }
      return n.role == StageFactory.Role.SOURCE ? 1 : n.defaultParallelism;
    }

    private EventTime eventTime(NodeDef n) {
      StageConfig et = n.config.object("eventTime");
      if (et == null) {
        return null;
      }
      if (n.role == StageFactory.Role.SINK) {
        n.config.problem("eventTime", "event time is set on sources and stages, not sinks");
        return null;
      }
      RecordSchema schema = n.compiled.outputSchema();
      String field = et.field("timestampField", schema, FieldType.LONG, FieldType.DOUBLE, FieldType.STRING);
      String unit = et.choice("unit", "millis", List.of("millis", "seconds", "micros", "nanos"));
      long bound = et.millis("maxOutOfOrderness", 0, 0);
      long idle = et.millis("idleTimeout", 0, 0);
      if (field == null) {
        return null;
      }
      int slot = schema.slot(field);
      return new EventTime(field, slot, schema.type(slot), unit, bound, idle);
    }
  }
}
