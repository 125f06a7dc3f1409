package dev.sluice.payloads.opcua.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The symbolic names of the frequently used StatusCodes (values from OPC UA Part 4 / Part 6 Annex
 * A), keyed by the code with info bits cleared.
 */
public final class StatusCodeNames {

  private static final Map<Integer, String> BY_CODE = new HashMap<>();
  private static final Map<String, Integer> BY_NAME = new HashMap<>();

  static {
    add("Good", 0x00000000);
    add("Uncertain", 0x40000000);
    add("Bad", 0x80000000);
    // Good_*
    add("GoodSubscriptionTransferred", 0x002D0000);
    add("GoodCompletesAsynchronously", 0x002E0000);
    add("GoodOverload", 0x002F0000);
    add("GoodClamped", 0x00300000);
    add("GoodLocalOverride", 0x00960000);
    add("GoodEntryInserted", 0x00A20000);
    add("GoodEntryReplaced", 0x00A30000);
    add("GoodNoData", 0x00A50000);
    add("GoodMoreData", 0x00A60000);
    add("GoodCommunicationEvent", 0x00A70000);
    add("GoodShutdownEvent", 0x00A80000);
    add("GoodCallAgain", 0x00A90000);
    add("GoodNonCriticalTimeout", 0x00AA0000);
    add("GoodResultsMayBeIncomplete", 0x00BA0000);
    add("GoodDataIgnored", 0x00D90000);
    add("GoodEdited", 0x00DC0000);
    add("GoodPostActionFailed", 0x00DD0000);
    add("GoodDependentValueChanged", 0x00E00000);
    add("GoodSubNormal", 0x00EB0000);
    add("GoodCascade", 0x04090000);
    // Uncertain_*
    add("UncertainReferenceOutOfServer", 0x406C0000);
    add("UncertainNoCommunicationLastUsableValue", 0x408F0000);
    add("UncertainLastUsableValue", 0x40900000);
    add("UncertainSubstituteValue", 0x40910000);
    add("UncertainInitialValue", 0x40920000);
    add("UncertainSensorNotAccurate", 0x40930000);
    add("UncertainEngineeringUnitsExceeded", 0x40940000);
    add("UncertainSubNormal", 0x40950000);
    add("UncertainDataSubNormal", 0x40A40000);
    add("UncertainReferenceNotDeleted", 0x40BC0000);
    add("UncertainNotAllNodesAvailable", 0x40C00000);
    add("UncertainDominantValueChanged", 0x40DE0000);
    add("UncertainDependentValueChanged", 0x40E20000);
    add("UncertainOverRange", 0x40F20000);
    add("UncertainUnderRange", 0x40F30000);
    add("UncertainTransducerInManual", 0x42080000);
    add("UncertainSimulatedValue", 0x42090000);
    add("UncertainSensorCalibration", 0x420A0000);
    add("UncertainConfigurationError", 0x420F0000);
    // Bad_*
    add("BadUnexpectedError", 0x80010000);
    add("BadInternalError", 0x80020000);
    add("BadOutOfMemory", 0x80030000);
    add("BadResourceUnavailable", 0x80040000);
    add("BadCommunicationError", 0x80050000);
    add("BadEncodingError", 0x80060000);
    add("BadDecodingError", 0x80070000);
    add("BadEncodingLimitsExceeded", 0x80080000);
    add("BadUnknownResponse", 0x80090000);
    add("BadTimeout", 0x800A0000);
    add("BadServiceUnsupported", 0x800B0000);
    add("BadShutdown", 0x800C0000);
    add("BadServerNotConnected", 0x800D0000);
    add("BadServerHalted", 0x800E0000);
    add("BadNothingToDo", 0x800F0000);
    add("BadTooManyOperations", 0x80100000);
    add("BadDataTypeIdUnknown", 0x80110000);
    add("BadCertificateInvalid", 0x80120000);
    add("BadSecurityChecksFailed", 0x80130000);
    add("BadUserAccessDenied", 0x801F0000);
    add("BadIdentityTokenInvalid", 0x80200000);
    add("BadIdentityTokenRejected", 0x80210000);
    add("BadSecureChannelIdInvalid", 0x80220000);
    add("BadInvalidTimestamp", 0x80230000);
    add("BadSessionIdInvalid", 0x80250000);
    add("BadSessionClosed", 0x80260000);
    add("BadSessionNotActivated", 0x80270000);
    add("BadSubscriptionIdInvalid", 0x80280000);
    add("BadRequestHeaderInvalid", 0x802A0000);
    add("BadRequestCancelledByClient", 0x802C0000);
    add("BadNoCommunication", 0x80310000);
    add("BadWaitingForInitialData", 0x80320000);
    add("BadNodeIdInvalid", 0x80330000);
    add("BadNodeIdUnknown", 0x80340000);
    add("BadAttributeIdInvalid", 0x80350000);
    add("BadIndexRangeInvalid", 0x80360000);
    add("BadIndexRangeNoData", 0x80370000);
    add("BadDataEncodingInvalid", 0x80380000);
    add("BadDataEncodingUnsupported", 0x80390000);
    add("BadNotReadable", 0x803A0000);
    add("BadNotWritable", 0x803B0000);
    add("BadOutOfRange", 0x803C0000);
    add("BadNotSupported", 0x803D0000);
    add("BadNotFound", 0x803E0000);
    add("BadObjectDeleted", 0x803F0000);
    add("BadNotImplemented", 0x80400000);
    add("BadMonitoringModeInvalid", 0x80410000);
    add("BadMonitoredItemIdInvalid", 0x80420000);
    add("BadMonitoredItemFilterInvalid", 0x80430000);
    add("BadFilterNotAllowed", 0x80450000);
    add("BadStructureMissing", 0x80460000);
    add("BadContinuationPointInvalid", 0x804A0000);
    add("BadNoContinuationPoints", 0x804B0000);
    add("BadTooManySessions", 0x80560000);
    add("BadTypeMismatch", 0x80740000);
    add("BadMethodInvalid", 0x80750000);
    add("BadArgumentsMissing", 0x80760000);
    add("BadTooManySubscriptions", 0x80770000);
    add("BadRequestTimeout", 0x80850000);
    add("BadSecureChannelClosed", 0x80860000);
    add("BadConfigurationError", 0x80890000);
    add("BadNotConnected", 0x808A0000);
    add("BadDeviceFailure", 0x808B0000);
    add("BadSensorFailure", 0x808C0000);
    add("BadOutOfService", 0x808D0000);
    add("BadDeadbandFilterInvalid", 0x808E0000);
    add("BadNoData", 0x809B0000);
    add("BadDataLost", 0x809D0000);
    add("BadDataUnavailable", 0x809E0000);
    add("BadInvalidArgument", 0x80AB0000);
    add("BadConnectionRejected", 0x80AC0000);
    add("BadDisconnect", 0x80AD0000);
    add("BadConnectionClosed", 0x80AE0000);
    add("BadInvalidState", 0x80AF0000);
    add("BadEndOfStream", 0x80B00000);
    add("BadNoDataAvailable", 0x80B10000);
    add("BadWaitingForResponse", 0x80B20000);
    add("BadOperationAbandoned", 0x80B30000);
    add("BadSyntaxError", 0x80B60000);
    add("BadMaxConnectionsReached", 0x80B70000);
    add("BadRequestTooLarge", 0x80B80000);
    add("BadResponseTooLarge", 0x80B90000);
    add("BadAggregateNotSupported", 0x80D50000);
    add("BadAggregateInvalidInputs", 0x80D60000);
    add("BadTooManyMonitoredItems", 0x80DB0000);
    add("BadDominantValueChanged", 0x80E10000);
    add("BadDependentValueChanged", 0x80E30000);
    add("BadRequestNotAllowed", 0x80E40000);
    add("BadTooManyArguments", 0x80E50000);
    add("BadServerTooBusy", 0x80EE0000);
    add("BadNoValue", 0x80F00000);
    add("BadNumericOverflow", 0x81120000);
  }

  private StatusCodeNames() {}

  private static void add(String name, int code) {
    BY_CODE.put(code, name);
    BY_NAME.put(name, code);
  }

  /** The name of {@code code} with its info bits (the low 16 bits) cleared, or null. */
  public static String nameOf(int code) {
    return BY_CODE.get(code & 0xFFFF0000);
  }

  /**
   * The code named {@code name}, or null. Accepts the Part 4 spelling with an underscore after the
   * severity ({@code Bad_NodeIdUnknown}) as well as {@code BadNodeIdUnknown}.
   */
  public static Integer codeOf(String name) {
    Integer code = BY_NAME.get(name);
    if (code == null) {
      int u = name.indexOf('_');
      if (u > 0) {
        code = BY_NAME.get(name.substring(0, u) + name.substring(u + 1));
      }
    }
    return code;
  }

  /** How many names are known. */
  public static int size() {
    return BY_CODE.size();
  }
}
