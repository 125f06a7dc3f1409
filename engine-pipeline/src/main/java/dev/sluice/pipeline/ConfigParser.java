package dev.sluice.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads JSON or YAML text into {@link ConfigNode}s that remember their location. */
final class ConfigParser {
  private final String file;
  private final LoadOptions options;
  private final List<Problem> problems;

  ConfigParser(String file, LoadOptions options, List<Problem> problems) {
    this.file = file;
    this.options = options;
    this.problems = problems;
  }

  /** Parses {@code text}; null (with a problem recorded) if it is not well-formed. */
  ConfigNode parse(String text, boolean yaml) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(options.maxDepth() + 1)
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, options.maxFileBytes()))
            .build();
    JsonFactory factory =
        yaml ? YAMLFactory.builder().streamReadConstraints(constraints).build()
            : JsonFactory.builder().streamReadConstraints(constraints).build();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        problems.add(new Problem(file, "$", 1, 1, "the file is empty"));
        return null;
      }
      ConfigNode root = read(p, "$", 1);
      if (root == null) {
        return null;
      }
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        problems.add(new Problem(file, "$", l.getLineNr(), l.getColumnNr(),
            "unexpected content after the end of the pipeline object"));
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      if (msg != null && msg.contains("nesting depth")) {
        msg = "nesting deeper than " + options.maxDepth() + " levels";
      }
      problems.add(new Problem(file, "$", l == null ? 0 : l.getLineNr(),
          l == null ? 0 : l.getColumnNr(), "not well-formed " + (yaml ? "YAML" : "JSON") + ": " + msg));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(file, "$", 0, 0, "cannot read: " + e.getMessage()));
      return null;
    }
  }

  private ConfigNode read(JsonParser p, String path, int depth) throws IOException {
    JsonLocation l = p.currentTokenLocation();
    int line = l.getLineNr();
    int col = l.getColumnNr();
    if (depth > options.maxDepth()) {
      problems.add(new Problem(file, path, line, col,
          "nesting deeper than " + options.maxDepth() + " levels"));
      p.skipChildren();
      return null;
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        LinkedHashMap<String, ConfigNode> fields = new LinkedHashMap<>();
        boolean ok = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          p.nextToken();
          String childPath = path + (isIdentifier(name) ? "." + name : "['" + name.replace("'", "\\'") + "']");
          ConfigNode child = read(p, childPath, depth + 1);
          if (child == null) {
            ok = false;
            continue;
          }
          if (fields.put(name, child) != null) {
            problems.add(new Problem(file, childPath, kl.getLineNr(), kl.getColumnNr(),
                "the field '" + name + "' appears twice"));
          }
        }
        return ok ? ConfigNode.object(path, line, col, fields) : null;
      }
      case START_ARRAY -> {
        List<ConfigNode> elements = new ArrayList<>();
        boolean ok = true;
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          ConfigNode child = read(p, path + "[" + i++ + "]", depth + 1);
          if (child == null) {
            ok = false;
          } else {
            elements.add(child);
          }
        }
        return ok ? ConfigNode.array(path, line, col, elements) : null;
      }
      case VALUE_STRING -> {
        return ConfigNode.scalar(path, line, col, p.getText());
      }
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          problems.add(new Problem(file, path, line, col,
              "the number " + p.getText() + " does not fit in a 64-bit integer"));
          return null;
        }
        return ConfigNode.scalar(path, line, col, p.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return ConfigNode.scalar(path, line, col, p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return ConfigNode.scalar(path, line, col, p.getBooleanValue());
      }
      case VALUE_NULL -> {
        return ConfigNode.scalar(path, line, col, null);
      }
      default -> {
        problems.add(new Problem(file, path, line, col, "unexpected " + t));
        return null;
      }
    }
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
