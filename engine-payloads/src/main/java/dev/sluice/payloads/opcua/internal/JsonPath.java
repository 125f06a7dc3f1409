package dev.sluice.payloads.opcua.internal;

/** A mutable JSON path ({@code $.Value[2]}), rendered only when an error needs it. */
final class JsonPath {

  private Object[] segments = new Object[16];
  private int size;

  void pushField(String name) {
    ensure();
    segments[size++] = name;
  }

  void pushIndex(int index) {
    ensure();
    segments[size++] = index;
  }

  void setIndex(int index) {
    segments[size - 1] = index;
  }

  void pop() {
    segments[--size] = null;
  }

  private void ensure() {
    if (size == segments.length) {
      segments = java.util.Arrays.copyOf(segments, size * 2);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("$");
    for (int i = 0; i < size; i++) {
      Object s = segments[i];
      if (s instanceof Integer idx) {
        sb.append('[').append(idx).append(']');
      } else {
        String name = (String) s;
        if (isIdentifier(name)) {
          sb.append('.').append(name);
        } else {
          sb.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
      }
    }
    return sb.toString();
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
