package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The built-in codecs of single values and primitive arrays (singletons). */
public final class ScalarCodecs {
  private ScalarCodecs() {}

  public static final StateCodec<Long> LONGS =
      new Scalar<>("long") {
        @Override
        public void encode(Long value, DataOutput out) throws IOException {
          out.writeLong(value);
        }

        @Override
        public Long decode(DataInput in) throws IOException {
          return in.readLong();
        }
      };

  public static final StateCodec<Integer> INTS =
      new Scalar<>("int") {
        @Override
        public void encode(Integer value, DataOutput out) throws IOException {
          out.writeInt(value);
        }

        @Override
        public Integer decode(DataInput in) throws IOException {
          return in.readInt();
        }
      };

  /** Raw bits, so that every NaN payload and -0.0 survive. */
  public static final StateCodec<Double> DOUBLES =
      new Scalar<>("double") {
        @Override
        public void encode(Double value, DataOutput out) throws IOException {
          out.writeLong(Double.doubleToRawLongBits(value));
        }

        @Override
        public Double decode(DataInput in) throws IOException {
          return Double.longBitsToDouble(in.readLong());
        }
      };

  public static final StateCodec<Boolean> BOOLEANS =
      new Scalar<>("boolean") {
        @Override
        public void encode(Boolean value, DataOutput out) throws IOException {
          out.writeBoolean(value);
        }

        @Override
        public Boolean decode(DataInput in) throws IOException {
          return in.readBoolean();
        }
      };

  public static final StateCodec<String> STRINGS =
      new Scalar<>("string") {
        @Override
        public void encode(String value, DataOutput out) throws IOException {
          CodecIo.writeString(out, value);
        }

        @Override
        public String decode(DataInput in) throws IOException {
          return CodecIo.readString(in);
        }
      };

  public static final StateCodec<byte[]> BYTES =
      new Scalar<>("bytes") {
        @Override
        public void encode(byte[] value, DataOutput out) throws IOException {
          CodecIo.writeByteArray(out, value);
        }

        @Override
        public byte[] decode(DataInput in) throws IOException {
          return CodecIo.readByteArray(in);
        }
      };

  public static final StateCodec<long[]> LONG_ARRAYS =
      new Scalar<>("long[]") {
        @Override
        public void encode(long[] value, DataOutput out) throws IOException {
          CodecIo.writeVarInt(out, value.length);
          for (long v : value) {
            out.writeLong(v);
          }
        }

        @Override
        public long[] decode(DataInput in) throws IOException {
          int n = CodecIo.readVarInt(in);
          long[] values = new long[CodecIo.initialCapacity(n)];
          for (int i = 0; i < n; i++) {
            if (i == values.length) {
              values = java.util.Arrays.copyOf(values, (int) Math.min(n, 2L * values.length));
            }
            values[i] = in.readLong();
          }
          return values;
        }
      };

  /** Raw bits, as {@link #DOUBLES}. */
  public static final StateCodec<double[]> DOUBLE_ARRAYS =
      new Scalar<>("double[]") {
        @Override
        public void encode(double[] value, DataOutput out) throws IOException {
          CodecIo.writeVarInt(out, value.length);
          for (double v : value) {
            out.writeLong(Double.doubleToRawLongBits(v));
          }
        }

        @Override
        public double[] decode(DataInput in) throws IOException {
          int n = CodecIo.readVarInt(in);
          double[] values = new double[CodecIo.initialCapacity(n)];
          for (int i = 0; i < n; i++) {
            if (i == values.length) {
              values = java.util.Arrays.copyOf(values, (int) Math.min(n, 2L * values.length));
            }
            values[i] = Double.longBitsToDouble(in.readLong());
          }
          return values;
        }
      };

  private abstract static class Scalar<T> implements StateCodec<T> {
    private final String id;

    Scalar(String id) {
      this.id = id;
    }

    @Override
    public String formatId() {
      return id;
    }

    @Override
    public String toString() {
      return id;
    }
  }
}
