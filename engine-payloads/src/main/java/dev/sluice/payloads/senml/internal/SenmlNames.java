package dev.sluice.payloads.senml.internal;

/** Character rules of RFC 8428: resolved names (§4.5.1), extension labels, base64url (§4.3). */
public final class SenmlNames {

  private SenmlNames() {}

  /** Whether {@code c} may start a resolved name: A-Z, a-z or 0-9. */
  public static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Whether {@code c} may appear in a resolved name: name start characters or - : . / _. */
  public static boolean isNameChar(char c) {
    return isNameStart(c) || c == '-' || c == ':' || c == '.' || c == '/' || c == '_';
  }

  /**
   * Index of the first character of {@code name} that breaks the §4.5.1 rules, or -1 if the name
   * is valid. An empty name yields 0.
   */
  public static int firstInvalidNameChar(String name) {
    if (name.isEmpty() || !isNameStart(name.charAt(0))) {
      return 0;
    }
    for (int i = 1; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Describes {@code c} for an error message, escaping control and non-ASCII characters. */
  public static String describeChar(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }

  /**
   * Why {@code label} cannot be an extension label, or null if it can. Labels ending in '_' must
   * be understood (RFC 8428 §4.4); other labels must look like the CDDL labels of §11.
   */
  public static String extensionLabelProblem(String label) {
    if (label.endsWith("_")) {
      return "unknown field '"
          + printable(label)
          + "' must be understood (its label ends in '_', RFC 8428 §4.4) and is not supported";
    }
    if (label.isEmpty()) {
      return "empty field label";
    }
    if (label.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "field label '"
          + printable(label)
          + "' looks like an integer, which SenML CBOR reserves for RFC 8428 labels";
    }
    if (!isNameStart(label.charAt(0))) {
      return "field label '" + printable(label) + "' must start with a letter or digit";
    }
    for (int i = 1; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!(isNameStart(c) || c == '-' || c == '_' || c == ':' || c == '.')) {
        return "field label '"
            + printable(label)
            + "' has invalid character "
            + describeChar(c)
            + "; labels use A-Z a-z 0-9 - _ : .";
      }
    }
    return null;
  }

  /** Why {@code text} is not unpadded (or padded) base64url, or null if it decodes. */
  public static String base64UrlProblem(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '=' && text.length() - end < 2) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (!(isNameStart(c) || c == '-' || c == '_')) {
        return "vd is not base64url: invalid character " + describeChar(c) + " at index " + i;
      }
    }
    if (end % 4 == 1 || (end != text.length() && text.length() % 4 != 0)) {
      return "vd is not base64url: bad length " + text.length();
    }
    return null;
  }

  /** The label, shortened and with control characters escaped, for messages. */
  public static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(s.length(), 64);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : describeChar(c));
    }
    if (s.length() > n) {
      sb.append("...");
    }
    return sb.toString();
  }
}
