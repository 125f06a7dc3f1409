package dev.sluice.payloads.senml.internal;

/** The RFC 8428 fields with their JSON labels and CBOR integer labels (RFC 8428 §6, Table 4). */
public enum SenmlLabel {
  BASE_NAME("bn", -2),
  BASE_TIME("bt", -3),
  BASE_UNIT("bu", -4),
  BASE_VALUE("bv", -5),
  BASE_SUM("bs", -6),
  BASE_VERSION("bver", -1),
  NAME("n", 0),
  UNIT("u", 1),
  VALUE("v", 2),
  STRING_VALUE("vs", 3),
  BOOLEAN_VALUE("vb", 4),
  DATA_VALUE("vd", 8),
  SUM("s", 5),
  TIME("t", 6),
  UPDATE_TIME("ut", 7);

  private static final SenmlLabel[] BY_CBOR = new SenmlLabel[15];

  static {
    for (SenmlLabel l : values()) {
      BY_CBOR[l.cbor + 6] = l;
    }
  }

  /** JSON label. */
  public final String json;

  /** CBOR integer label. */
  public final int cbor;

  /** Bit of this label in a field-presence mask. */
  final int bit;

  SenmlLabel(String json, int cbor) {
    this.json = json;
    this.cbor = cbor;
    this.bit = 1 << ordinal();
  }

  /** The label for a JSON field name, or null if it is not an RFC 8428 label. */
  public static SenmlLabel ofJson(String name) {
    switch (name) {
      case "bn":
        return BASE_NAME;
      case "bt":
        return BASE_TIME;
      case "bu":
        return BASE_UNIT;
      case "bv":
        return BASE_VALUE;
      case "bs":
        return BASE_SUM;
      case "bver":
        return BASE_VERSION;
      case "n":
        return NAME;
      case "u":
        return UNIT;
      case "v":
        return VALUE;
      case "vs":
        return STRING_VALUE;
      case "vb":
        return BOOLEAN_VALUE;
      case "vd":
        return DATA_VALUE;
      case "s":
        return SUM;
      case "t":
        return TIME;
      case "ut":
        return UPDATE_TIME;
      default:
        return null;
    }
  }

  /** The label for a CBOR integer key, or null if RFC 8428 defines none. */
  public static SenmlLabel ofCbor(long key) {
    return key >= -6 && key <= 8 ? BY_CBOR[(int) key + 6] : null;
  }
}
