package dev.sluice.payloads.senml;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.senml.internal.SenmlNames;
import java.util.Map;

/**
 * Checks the rules of RFC 8428 §4 that the field types alone do not express. A pack is valid when:
 *
 * <ul>
 *   <li>it has at least one record;
 *   <li>every number is finite and {@code ut} is not negative;
 *   <li>{@code bver}, where present, is between 1 and {@value SenmlResolver#SUPPORTED_VERSION}
 *       (a reader must not use a pack of a newer version, §4.4), and every record has the same
 *       version: a {@code bver} may repeat the version in force but not change it, and a record
 *       after records that used the default 10 may not declare another;
 *   <li>a record with only base fields (such as {@code [{"bn":"dev1:"},...]}) is allowed and
 *       describes no measurement; every other record has exactly one of {@code v vs vb vd}, or
 *       none if it has a sum field {@code s} (§4.2). The base value {@code bv} and base sum
 *       {@code bs} are alike: each is added to the value or sum "found in an entry" (§4.1), so
 *       neither stands in for a record's own value or sum;
 *   <li>the name after resolution ({@code bn} in force + {@code n}) is not empty, starts with
 *       A-Z, a-z or 0-9 and continues with those or {@code - : . / _} (§4.5.1);
 *   <li>extension labels do not end in {@code _} (must-understand fields this implementation
 *       does not know, §4.4) and use the label characters A-Z a-z 0-9 {@code - _ : .}.
 * </ul>
 *
 * <p>Errors name the record and field as a JSON path, {@code $[3].n}, whichever format the pack
 * came from. When the offending characters of a name come from an earlier base name, the path
 * points to that {@code bn}.
 *
 * <p><b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> none for a valid pack apart
 * from the name check's bounded work; errors allocate their message. <b>Failure:</b> throws
 * {@link PayloadFormatException} for the first rule broken, in record order.
 */
public final class SenmlValidator {

  private SenmlValidator() {}

  /**
   * Validates a pack, reporting errors with the format name {@code senml}.
   *
   * @throws PayloadFormatException naming the record and field of the first problem
   */
  public static void validate(SenmlPack pack) {
    validate(pack, "senml");
  }

  /**
   * Validates a pack, reporting errors with the given format name (the codecs pass {@code
   * senml-json} or {@code senml-cbor}).
   *
   * @throws PayloadFormatException naming the record and field of the first problem
   */
  public static void validate(SenmlPack pack, String format) {
    if (pack.records().isEmpty()) {
      throw new PayloadFormatException(format, "$", "a SenML pack must contain at least one record");
    }
    String baseName = "";
    int baseNameIndex = -1;
    Integer version = null;
    int versionIndex = -1;
    int index = 0;
    for (SenmlRecord r : pack.records()) {
      String at = "$[" + index + "]";
      checkFinite(format, at, "bt", r.baseTime());
      checkFinite(format, at, "bv", r.baseValue());
      checkFinite(format, at, "bs", r.baseSum());
      checkFinite(format, at, "v", r.value());
      checkFinite(format, at, "s", r.sum());
      checkFinite(format, at, "t", r.time());
      checkFinite(format, at, "ut", r.updateTime());
      if (r.updateTime() != null && r.updateTime() < 0) {
        throw error(format, at + ".ut", "update time must not be negative, was " + r.updateTime());
      }
      for (Map.Entry<String, Object> e : r.extensions().entrySet()) {
        String problem = SenmlNames.extensionLabelProblem(e.getKey());
        if (problem != null) {
          throw error(format, at + "." + SenmlNames.printable(e.getKey()), problem);
        }
        if (e.getValue() instanceof Double d && !Double.isFinite(d)) {
          throw error(format, at + "." + e.getKey(), "number must be finite, found " + d);
        }
      }
      Integer bver = r.baseVersion();
      if (bver != null) {
        if (bver < 1) {
          throw error(format, at + ".bver", "bver must be a positive integer, was " + bver);
        }
        if (bver > SenmlResolver.SUPPORTED_VERSION) {
          throw error(
              format,
              at + ".bver",
              "SenML version " + bver + " is newer than the supported version "
                  + SenmlResolver.SUPPORTED_VERSION + "; the pack must not be used (RFC 8428 §4.4)");
        }
        if (version != null && !version.equals(bver)) {
          throw error(
              format,
              at + ".bver",
              "all records of a pack must have the same version: $[" + versionIndex
                  + "].bver is " + version + ", this record declares " + bver);
        }
        if (version == null && index > 0 && bver != SenmlResolver.SUPPORTED_VERSION) {
          throw error(
              format,
              at + ".bver",
              "all records of a pack must have the same version: records $[0].."
                  + "$[" + (index - 1) + "] used the default version 10, this record declares "
                  + bver);
        }
        if (version == null) {
          version = bver;
          versionIndex = index;
        }
      }
      if (r.baseName() != null) {
        baseName = r.baseName();
        baseNameIndex = index;
      }
      if (!r.isBaseOnly()) {
        checkValues(format, at, r);
        checkName(format, at, r, baseName, baseNameIndex);
      }
      index++;
    }
  }

  private static void checkValues(String format, String at, SenmlRecord r) {
    int count = r.valueFieldCount();
    if (count > 1) {
      String first = null;
      String second = null;
      for (String label : new String[] {"v", "vs", "vb", "vd"}) {
        boolean present =
            switch (label) {
              case "v" -> r.value() != null;
              case "vs" -> r.stringValue() != null;
              case "vb" -> r.booleanValue() != null;
              default -> r.hasDataValue();
            };
        if (present) {
          if (first == null) {
            first = label;
          } else if (second == null) {
            second = label;
          }
        }
      }
      throw error(
          format,
          at + "." + second,
          "a record must have exactly one value field; it has both '" + first + "' and '"
              + second + "'");
    }
    if (count == 0 && r.sum() == null) {
      throw error(
          format,
          at,
          "a record needs a value ('v', 'vs', 'vb' or 'vd') or a sum ('s'); it has neither"
              + " (a base value 'bv' or base sum 'bs' is added to them, RFC 8428 §4.1, and does"
              + " not replace them)");
    }
  }

  private static void checkName(
      String format, String at, SenmlRecord r, String baseName, int baseNameIndex) {
    String name = r.name() == null ? "" : r.name();
    String full = baseName + name;
    if (full.isEmpty()) {
      if (r.name() != null) {
        throw error(format, at + ".n", "name is empty and no base name is in force");
      }
      throw error(format, at, "record has no name: it has no 'n' and no base name 'bn' is in force");
    }
    int bad = SenmlNames.firstInvalidNameChar(full);
    if (bad < 0) {
      return;
    }
    char c = full.charAt(bad);
    String what =
        bad == 0
            ? "must start with a letter or digit, found " + SenmlNames.describeChar(c)
            : "has invalid character " + SenmlNames.describeChar(c) + " at index " + bad
                + "; names may contain only A-Z a-z 0-9 - : . / _";
    String location;
    if (bad < baseName.length()) {
      location = "$[" + baseNameIndex + "].bn";
      if (!location.equals(at + ".bn")) {
        what += " (base name applied to " + at + ")";
      }
    } else {
      location = at + ".n";
    }
    throw error(format, location, "resolved name '" + SenmlNames.printable(full) + "' " + what);
  }

  private static void checkFinite(String format, String at, String field, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw error(format, at + "." + field, "number must be finite, found " + value);
    }
  }

  private static PayloadFormatException error(String format, String location, String reason) {
    return new PayloadFormatException(format, location, reason);
  }
}
