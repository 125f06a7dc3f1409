package dev.sluice.payloads.opcua;

import java.util.Objects;

/**
 * An OPC UA QualifiedName: a name qualified by a namespace index, as used for BrowseNames. Its
 * string form is {@code <index>:<name>}, with the index omitted when it is 0 (and written as
 * {@code 0:} if the name itself starts with digits and a colon).
 *
 * <p><b>Threading:</b> immutable, thread-safe. <b>Allocation:</b> {@link #toString()} builds a
 * string. <b>Failure:</b> the constructor throws {@link IllegalArgumentException} for a namespace
 * index outside UInt16 and {@link NullPointerException} for a null name.
 *
 * @param namespaceIndex the namespace index, 0..65535
 * @param name the name
 */
public record QualifiedName(int namespaceIndex, String name) {

  /** Validates the fields. */
  public QualifiedName {
    if (namespaceIndex < 0 || namespaceIndex > 0xFFFF) {
      throw new IllegalArgumentException(
          "namespace index must be 0..65535 (UInt16), was " + namespaceIndex);
    }
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses {@code <index>:<name>} or a plain name (namespace 0). A prefix counts as an index only
   * if it is all digits.
   *
   * @throws IllegalArgumentException if the index prefix is out of the UInt16 range
   */
  public static QualifiedName parse(String text) {
    int colon = text.indexOf(':');
    if (colon > 0 && colon <= 6) {
      boolean digits = true;
      for (int i = 0; i < colon; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          digits = false;
          break;
        }
      }
      if (digits) {
        int ns = Integer.parseInt(text.substring(0, colon));
        return new QualifiedName(ns, text.substring(colon + 1));
      }
    }
    return new QualifiedName(0, text);
  }

  /** The string form, {@code 2:Temperature} or {@code Temperature}. */
  @Override
  public String toString() {
    if (namespaceIndex == 0 && !startsWithIndexPrefix(name)) {
      return name;
    }
    return namespaceIndex + ":" + name;
  }

  private static boolean startsWithIndexPrefix(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i > 0 && i < s.length() && s.charAt(i) == ':';
  }
}
