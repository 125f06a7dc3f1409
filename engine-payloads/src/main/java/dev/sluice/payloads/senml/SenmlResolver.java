package dev.sluice.payloads.senml;

import dev.sluice.payloads.PayloadFormatException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a pack into resolved records (RFC 8428 §4.6): the base name is prefixed to the name, the
 * base time added to the time, the base unit used where a record has no unit, the base value
 * added to {@code v}, the base sum added to {@code s}, and the base version carried as {@link
 * ResolvedRecord#version()}. Base values apply to their record and all later ones until
 * replaced. Records with only base fields yield no resolved record.
 *
 * <p><b>Time.</b> A resolved time below 2<sup>28</sup> seconds is relative to "now" (§4.5.3);
 * the caller passes "now" so that resolution is deterministic and testable: for example {@code
 * System.currentTimeMillis() / 1000.0}, or the time the pack was received.
 *
 * <p><b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> one {@link ResolvedRecord}
 * per measurement, their names, and the result list. <b>Failure:</b> the pack is validated first
 * ({@link SenmlValidator}); an invalid pack throws {@link PayloadFormatException} with format
 * {@code senml}.
 */
public final class SenmlResolver {

  /** The SenML version RFC 8428 defines and this implementation understands. */
  public static final int SUPPORTED_VERSION = 10;

  /** Times below this many seconds are relative to "now" (RFC 8428 §4.5.3). */
  public static final double RELATIVE_TIME_LIMIT_SECONDS = 268_435_456d;

  private SenmlResolver() {}

  /**
   * Resolves a pack into records in chronological order, as RFC 8428 §4.6 asks of a resolved
   * pack; records with equal times keep their pack order (the sort is stable).
   *
   * @param nowSeconds "now" in seconds since the Unix epoch, applied to relative times
   * @throws PayloadFormatException if the pack is not valid
   */
  public static List<ResolvedRecord> resolve(SenmlPack pack, double nowSeconds) {
    List<ResolvedRecord> records = new ArrayList<>(resolveInPackOrder(pack, nowSeconds));
    records.sort(Comparator.comparingDouble(ResolvedRecord::timeSeconds));
    return List.copyOf(records);
  }

  /**
   * Resolves a pack keeping the records in pack order (useful to line resolved records up with
   * the records they came from).
   *
   * @param nowSeconds "now" in seconds since the Unix epoch, applied to relative times
   * @throws PayloadFormatException if the pack is not valid
   */
  public static List<ResolvedRecord> resolveInPackOrder(SenmlPack pack, double nowSeconds) {
    SenmlValidator.validate(pack);
    List<ResolvedRecord> out = new ArrayList<>(pack.size());
    String baseName = "";
    double baseTime = 0;
    String baseUnit = null;
    double baseValue = 0;
    Double baseSum = null;
    int version = SUPPORTED_VERSION;
    for (SenmlRecord r : pack.records()) {
      if (r.baseName() != null) {
        baseName = r.baseName();
      }
      if (r.baseTime() != null) {
        baseTime = r.baseTime();
      }
      if (r.baseUnit() != null) {
        baseUnit = r.baseUnit();
      }
      if (r.baseValue() != null) {
        baseValue = r.baseValue();
      }
      if (r.baseSum() != null) {
        baseSum = r.baseSum();
      }
      if (r.baseVersion() != null) {
        version = r.baseVersion();
      }
      if (r.isBaseOnly()) {
        continue;
      }
      double time = baseTime + (r.time() == null ? 0 : r.time());
      if (time < RELATIVE_TIME_LIMIT_SECONDS) {
        time += nowSeconds;
      }
      Double sum =
          r.sum() == null && baseSum == null
              ? null
              : (r.sum() == null ? 0 : r.sum()) + (baseSum == null ? 0 : baseSum);
      Map<String, Object> extensions = new TreeMap<>();
      r.extensions()
          .forEach(
              (label, value) -> {
                if (!label.startsWith("b")) {
                  extensions.put(label, value);
                }
              });
      out.add(
          new ResolvedRecord(
              baseName + (r.name() == null ? "" : r.name()),
              r.unit() != null ? r.unit() : baseUnit,
              r.value() == null ? null : baseValue + r.value(),
              r.stringValue(),
              r.booleanValue(),
              r.dataValue(),
              sum,
              time,
              r.updateTime(),
              version,
              extensions));
    }
    return List.copyOf(out);
  }
}
