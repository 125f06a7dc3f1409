package dev.sluice.pipeline.internal.io;

import dev.sluice.pipeline.Record;
import java.io.IOException;
import java.util.List;

/** Turns records into text for a file sink. One instance per writer (not thread-safe). */
public interface LineFormatter {
  /** A first line (CSV header), or null. */
  default String header() {
    return null;
  }

  /** One record as one line, without the line break. */
  String format(Record r) throws IOException;

  /**
   * For formats that write a whole document at the end (Prometheus exposition): the text for
   * {@code records} in order; null for line formats.
   */
  default String document(List<Record> records) {
    return null;
  }
}
