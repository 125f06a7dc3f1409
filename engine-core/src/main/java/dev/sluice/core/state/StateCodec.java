package dev.sluice.core.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes values of one type to bytes and reads them back: how managed state is snapshotted.
 *
 * <p>A codec must be <b>deterministic</b> (the same value always gives the same bytes, and {@code
 * decode(encode(v))} equals {@code v}) and <b>stateless</b>, so that it is thread-safe and one
 * instance can serve every state and every parallel instance. {@code encode} is given non-null
 * values unless the codec says it accepts null ({@link StateCodecs#nullable}, {@link
 * StateCodecs#dynamic}).
 *
 * <p>{@link StateCodecs} has fast codecs for common types, combinators for collections, records
 * and enums, and a self-describing {@link StateCodecs#dynamic()} codec for keys whose type is not
 * known statically.
 *
 * <p><b>Failure:</b> {@code decode} throws an {@link IOException} (often an {@link
 * java.io.EOFException}) when the bytes end early or are not what this codec writes; the state
 * backend reports it with the state's name and key group.
 *
 * @param <T> the value type
 */
public interface StateCodec<T> {

  /**
   * Writes {@code value} to {@code out}.
   *
   * @throws IOException if {@code out} fails
   * @throws NullPointerException if {@code value} is null and the codec does not accept null
   */
  void encode(T value, DataOutput out) throws IOException;

  /**
   * Reads one value written by {@link #encode}.
   *
   * @throws IOException if the input ends early or holds bytes this codec does not write
   */
  T decode(DataInput in) throws IOException;

  /**
   * An identifier of the binary format this codec writes, stored with every snapshot and
   * compared when state is registered and restored: a state restored with a codec of a different
   * format fails with a clear message instead of misreading bytes. Two codecs with the same id
   * are taken to write the same format.
   *
   * <p>The built-in codecs return descriptive ids such as {@code long} or {@code
   * list<string>}. The default is the codec's class name, or for a lambda its declaring class's
   * name followed by {@code $lambda} (a lambda's own class name changes from run to run). Override
   * it to version your own format, e.g. {@code "myapp.PointCodec/2"}, and change it whenever the
   * format changes.
   */
  default String formatId() {
    Class<?> type = getClass();
    return type.isHidden() ? type.getNestHost().getName() + "$lambda" : type.getName();
  }
}
