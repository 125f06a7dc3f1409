package dev.sluice.core.internal.connectors;

import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.util.function.Supplier;

/** Emits supplier results, optionally at a target rate on an open-loop schedule. */
public final class GeneratorSource<T> implements Source<T> {
  private final String name;
  private final Supplier<? extends T> supplier;
  private final long count;
  private final double ratePerSecond;

  public GeneratorSource(String name, Supplier<? extends T> supplier, long count, double rate) {
    if (count < 0) {
      throw new IllegalArgumentException("source '" + name + "': count must be >= 0, was " + count);
    }
    this.name = name;
    this.supplier = java.util.Objects.requireNonNull(supplier, "supplier");
    this.count = count;
    this.ratePerSecond = rate;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) {
    return new SourceReader<>() {
      private long emitted;
      private long startNanos = Long.MIN_VALUE;

      @Override
      public int read(SourceOutput<T> out, int max) {
        if (emitted >= count) {
          return END;
        }
        long allowed = Math.min(max, count - emitted);
        if (ratePerSecond > 0) {
          long now = System.nanoTime();
          if (startNanos == Long.MIN_VALUE) {
            startNanos = now;
          }
          long due = (long) ((now - startNanos) * ratePerSecond / 1e9) + 1 - emitted;
          allowed = Math.min(allowed, Math.max(0, due));
        }
        int n = (int) allowed;
        for (int i = 0; i < n; i++) {
          out.emit(supplier.get());
        }
        emitted += n;
        return n;
      }
    };
  }
}
