package dev.sluice.payloads.opcua.internal;

/** JSON field names of the OPC UA encodings. */
final class JsonFields {
  static final String UA_TYPE = "UaType";
  static final String VALUE = "Value";
  static final String DIMENSIONS = "Dimensions";
  /** The 1.04-era spelling of a Variant's {@code Dimensions} (open62541 1.4 writes it). */
  static final String DIMENSION_104 = "Dimension";
  static final String TYPE_104 = "Type";
  static final String BODY_104 = "Body";
  static final String STATUS = "Status";
  static final String STATUS_CODE = "StatusCode";
  static final String SOURCE_TIMESTAMP = "SourceTimestamp";
  static final String SOURCE_PICOSECONDS = "SourcePicoseconds";
  static final String SOURCE_PICOSECONDS_104 = "SourcePicoSeconds";
  static final String SERVER_TIMESTAMP = "ServerTimestamp";
  static final String SERVER_PICOSECONDS = "ServerPicoseconds";
  static final String SERVER_PICOSECONDS_104 = "ServerPicoSeconds";
  static final String CODE = "Code";
  static final String SYMBOL = "Symbol";
  static final String LOCALE = "Locale";
  static final String TEXT = "Text";
  static final String NAME = "Name";
  static final String URI = "Uri";
  static final String ID_TYPE = "IdType";
  static final String ID = "Id";
  static final String NAMESPACE = "Namespace";
  static final String SERVER_URI = "ServerUri";
  static final String UA_TYPE_ID = "UaTypeId";
  static final String UA_ENCODING = "UaEncoding";
  static final String UA_BODY = "UaBody";
  static final String TYPE_ID_104 = "TypeId";
  static final String ENCODING_104 = "Encoding";
  static final String SYMBOLIC_ID = "SymbolicId";
  static final String NAMESPACE_URI = "NamespaceUri";
  static final String LOCALIZED_TEXT = "LocalizedText";
  static final String ADDITIONAL_INFO = "AdditionalInfo";
  static final String INNER_STATUS_CODE = "InnerStatusCode";
  static final String INNER_DIAGNOSTIC_INFO = "InnerDiagnosticInfo";

  private JsonFields() {}
}
