package io.scopegraph.tensorflow;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The oracle of a fuzz test: reading a mutant either succeeds (the read checks its result itself) or throws one of
 * the documented exception classes (or a subclass) with a message containing what that class's message must
 * name (the file, for the project's own exceptions), and caused by no unchecked exception other than an
 * {@link IllegalArgumentException} or a {@link CheckpointException} (a safety net that converts a bug's exception
 * still fails the test). Anything else,
 * including an {@link OutOfMemoryError}, a {@link StackOverflowError} or allocating far more than the file could
 * justify, fails the test with the format, seed and mutant, so that it can be replayed. Counts the outcomes.
 */
final class FuzzRun {
  /** The seed: fixed, so every build tries the same mutants; {@code -Dscopegraph.fuzz.seed=N} tries others. */
  static long seed() {
    return Long.getLong("scopegraph.fuzz.seed", 0x1607L);
  }

  /** How many times the usual number of random mutants to try: {@code -Dscopegraph.fuzz.scale=N}, 1 by default. */
  static int scale() {
    return Integer.getInteger("scopegraph.fuzz.scale", 1);
  }

  /** One read of a mutant. */
  interface Read {
    void run() throws Exception;
  }

  /**
   * What a read may allocate: a fixed allowance for the reader's own structures and the 128 MiB a tensor proto may
   * fill in ({@link TensorProtos#MAX_FILLED_ELEMENTS} float64s), plus a multiple of the file's size. Far below the
   * gigabytes that a length trusted from a file would allocate.
   */
  private static final long FIXED_ALLOWANCE = 160L << 20;
  private static final long PER_FILE_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final String format;
  private final long seed;
  private final Map<Class<? extends Throwable>, String> documented;
  private int tried;
  private int readOk;
  private int rejected;

  FuzzRun(String format, long seed, Map<Class<? extends Throwable>, String> documented) {
    this.format = format;
    this.seed = seed;
    this.documented = documented;
    if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
      throw new IllegalStateException("this JVM cannot count the bytes a thread allocates; the fuzz tests need it");
    }
  }

  /** Reads mutant {@code index}; {@code how} says how it was made, {@code size} is the file's size. */
  void check(int index, String how, long size, Read read) {
    tried++;
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      read.run();
      readOk++;
    } catch (AssertionError e) {
      throw new AssertionError(where(index, how) + ": read, but wrongly: " + e.getMessage(), e);
    } catch (Throwable t) {
      String mustName = null;
      for (Class<?> c = t.getClass(); mustName == null && c != null; c = c.getSuperclass()) {
        mustName = documented.get(c);
      }
      String message = t.getMessage();
      if (mustName == null || message == null || message.isEmpty() || !message.contains(mustName)) {
        throw new AssertionError(where(index, how) + ": expected one of " + documented + ", got " + t, t);
      }
      for (Throwable cause = t.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof RuntimeException && !(cause instanceof IllegalArgumentException)
            && !(cause instanceof CheckpointException)) {
          throw new AssertionError(where(index, how) + ": rejected, but because of " + cause, t);
        }
      }
      rejected++;
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    if (allocated > FIXED_ALLOWANCE + PER_FILE_BYTE * size) {
      throw new AssertionError(where(index, how) + ": allocated " + allocated + " bytes for a file of " + size
          + " bytes");
    }
  }

  private String where(int index, String how) {
    return format + " fuzz, seed " + seed + ", mutant #" + index + " (" + how + ")";
  }

  int tried() {
    return tried;
  }

  int readOk() {
    return readOk;
  }

  int rejected() {
    return rejected;
  }

  /** The line the README's counts come from. */
  String summary() {
    return String.format("Fuzz %s (seed %d): %d mutants, %d read OK, %d rejected", format, seed, tried, readOk,
        rejected);
  }
}
