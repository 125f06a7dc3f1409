package dev.sluice.windowing.internal;

/**
 * Rethrows a checked exception of a user function from a callback that cannot declare it (the
 * {@code WindowCollector} of an assigner), so the job's failure names the original exception.
 */
final class Sneaky {
  private Sneaky() {}

  /** Throws {@code e} unchanged; the return type lets callers write {@code throw rethrow(e)}. */
  static RuntimeException rethrow(Throwable e) {
    return Sneaky.<RuntimeException>doThrow(e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E doThrow(Throwable e) throws E {
    throw (E) e;
  }
}
