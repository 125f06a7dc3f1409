package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The combinator codecs: nullable values, lists, sets and maps. Records, so that two codecs built
 * from equal parts are equal.
 */
public final class CollectionCodecs {
  private CollectionCodecs() {}

  /** A presence byte, then the value. */
  public record Nullable<T>(StateCodec<T> codec) implements StateCodec<T> {
    public Nullable {
      Objects.requireNonNull(codec, "codec");
    }

    @Override
    public void encode(T value, DataOutput out) throws IOException {
      out.writeBoolean(value != null);
      if (value != null) {
        codec.encode(value, out);
      }
    }

    @Override
    public T decode(DataInput in) throws IOException {
      return in.readBoolean() ? codec.decode(in) : null;
    }

    @Override
    public String formatId() {
      return "nullable<" + codec.formatId() + ">";
    }
  }

  /** A count, then the elements in order; decodes to an {@link ArrayList}. */
  public record ListOf<T>(StateCodec<T> element) implements StateCodec<List<T>> {
    public ListOf {
      Objects.requireNonNull(element, "element codec");
    }

    @Override
    public void encode(List<T> value, DataOutput out) throws IOException {
      CodecIo.writeVarInt(out, value.size());
      int i = 0;
      for (T e : value) {
        encodeElement(element, e, i++, "list", out);
      }
    }

    @Override
    public List<T> decode(DataInput in) throws IOException {
      int n = CodecIo.readVarInt(in);
      List<T> list = new ArrayList<>(CodecIo.initialCapacity(n));
      for (int i = 0; i < n; i++) {
        list.add(element.decode(in));
      }
      return list;
    }

    @Override
    public String formatId() {
      return "list<" + element.formatId() + ">";
    }
  }

  /** A count, then the elements in iteration order; decodes to a {@link LinkedHashSet}. */
  public record SetOf<T>(StateCodec<T> element) implements StateCodec<Set<T>> {
    public SetOf {
      Objects.requireNonNull(element, "element codec");
    }

    @Override
    public void encode(Set<T> value, DataOutput out) throws IOException {
      CodecIo.writeVarInt(out, value.size());
      int i = 0;
      for (T e : value) {
        encodeElement(element, e, i++, "set", out);
      }
    }

    @Override
    public Set<T> decode(DataInput in) throws IOException {
      int n = CodecIo.readVarInt(in);
      Set<T> set = new LinkedHashSet<>(hashCapacity(n));
      for (int i = 0; i < n; i++) {
        set.add(element.decode(in));
      }
      return set;
    }

    @Override
    public String formatId() {
      return "set<" + element.formatId() + ">";
    }
  }

  /** A count, then key and value of each entry in iteration order; decodes to a {@link
   * LinkedHashMap}. */
  public record MapOf<K, V>(StateCodec<K> keys, StateCodec<V> values)
      implements StateCodec<Map<K, V>> {
    public MapOf {
      Objects.requireNonNull(keys, "key codec");
      Objects.requireNonNull(values, "value codec");
    }

    @Override
    public void encode(Map<K, V> value, DataOutput out) throws IOException {
      CodecIo.writeVarInt(out, value.size());
      int i = 0;
      for (Map.Entry<K, V> e : value.entrySet()) {
        encodeElement(keys, e.getKey(), i, "map key", out);
        encodeElement(values, e.getValue(), i, "map value", out);
        i++;
      }
    }

    @Override
    public Map<K, V> decode(DataInput in) throws IOException {
      int n = CodecIo.readVarInt(in);
      Map<K, V> map = new LinkedHashMap<>(hashCapacity(n));
      for (int i = 0; i < n; i++) {
        K k = keys.decode(in);
        map.put(k, values.decode(in));
      }
      return map;
    }

    @Override
    public String formatId() {
      return "map<" + keys.formatId() + "," + values.formatId() + ">";
    }
  }

  private static <T> void encodeElement(
      StateCodec<T> codec, T element, int index, String what, DataOutput out) throws IOException {
    try {
      codec.encode(element, out);
    } catch (NullPointerException e) {
      if (element != null) {
        throw e;
      }
      NullPointerException clear =
          new NullPointerException(
              "null "
                  + what
                  + " at position "
                  + index
                  + ": codec "
                  + codec.formatId()
                  + " takes no null; wrap it in StateCodecs.nullable(..)");
      clear.initCause(e);
      throw clear;
    }
  }

  private static int hashCapacity(int size) {
    return (int) (CodecIo.initialCapacity(size) / 0.75f) + 1;
  }
}
