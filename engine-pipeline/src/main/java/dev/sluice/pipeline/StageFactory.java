package dev.sluice.pipeline;

/**
 * A kind of node a pipeline file can name in its {@code type} field: a source, an operator
 * stage or a sink. Factories are found with {@link java.util.ServiceLoader} ({@code provides
 * dev.sluice.pipeline.StageFactory with ...} in a module, or a {@code
 * META-INF/services/dev.sluice.pipeline.StageFactory} entry on the class path), so a plug-in
 * module adds stages by being on the path; see {@link StageRegistry}.
 *
 * <p>Implementations are stateless and thread-safe. {@link #compile} runs once per node when a
 * file is loaded, never per event.
 */
public interface StageFactory {

  /** What a factory makes. */
  enum Role {
    /** Reads events: no input. */
    SOURCE,
    /** Transforms events: one or more inputs (several are merged). */
    OPERATOR,
    /** Writes events: one or more inputs, no output. */
    SINK
  }

  /** The name used in the file's {@code type} field, e.g. {@code filter}. */
  String type();

  /** Whether this is a source, an operator or a sink. */
  Role role();

  /** One line describing the type, for listings and the docs. */
  String summary();

  /**
   * Reads the node's settings from {@code config} and checks them against {@code input}, the
   * schema of the records reaching the node (null for a source). Every problem is reported to
   * {@code config} ({@link StageConfig#problem}) with the place it concerns; fields the factory
   * does not read are reported as unknown by the loader.
   *
   * @return the compiled node, or null if a problem was reported
   */
  CompiledStage compile(StageConfig config, RecordSchema input);

  /**
   * The fields that name the inputs of an operator with distinct inputs, such as a join's {@code
   * ["left", "right"]}: each holds the name of one node, and the inputs are not merged. Empty (the
   * default) for a node fed through {@code input}/{@code inputs}, whose inputs are merged. A
   * factory returning fields here is compiled with {@link #compile(StageConfig, java.util.List)}
   * and its stage applied with {@link CompiledStage#apply(java.util.List, StageSettings)}.
   */
  default java.util.List<String> inputFields() {
    return java.util.List.of();
  }

  /**
   * As {@link #compile(StageConfig, RecordSchema)} for an operator with {@link #inputFields()}:
   * {@code inputs} holds the schema of each input, in the order of those fields.
   */
  default CompiledStage compile(StageConfig config, java.util.List<RecordSchema> inputs) {
    throw new UnsupportedOperationException(type() + " has a single input");
  }
}
