package io.scopegraph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A small property-based test runner: random cases from a seeded generator, a number of tries, and a failing
 * case shrunk by deleting steps until no deletion still fails. The seed is fixed so the build sees the same cases
 * every time; {@code -Dscopegraph.propertySeed=N} and {@code -Dscopegraph.propertyTries=N} explore more.
 *
 * <p>Why not jqwik: from 1.10 on its maintainers ask that AI coding agents not use it, and this project is
 * partly written by one.
 */
final class PropertyCheck {
  static final long DEFAULT_SEED = 0x5c09e9a4L;

  private PropertyCheck() {}

  /** The tries of a property: {@code -Dscopegraph.propertyTries}, else {@code defaultTries}. */
  static int tries(int defaultTries) {
    return Integer.getInteger("scopegraph.propertyTries", defaultTries);
  }

  /**
   * Runs {@code property} on {@code tries} step lists from {@code generator}; the first failure is shrunk and
   * rethrown as an {@link AssertionError} naming the seed, the try and the smallest failing list.
   */
  static <S> void forAll(int tries, Function<SplittableRandom, List<S>> generator, Consumer<List<S>> property) {
    long seed = Long.getLong("scopegraph.propertySeed", DEFAULT_SEED);
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      List<S> steps = generator.apply(new SplittableRandom(seeds.nextLong()));
      if (failure(property, steps) != null) {
        List<S> smallest = shrink(property, steps);
        Throwable cause = failure(property, smallest);
        throw new AssertionError("Falsified at try " + i + " of seed " + seed + "; shrunk from " + steps.size()
            + " to " + smallest.size() + " steps:\n  " + smallest.stream().map(String::valueOf)
            .collect(Collectors.joining("\n  ")) + "\n" + cause, cause);
      }
    }
  }

  /** Deletes runs of steps (halving their length down to single steps) while the property still fails. */
  static <S> List<S> shrink(Consumer<List<S>> property, List<S> failing) {
    List<S> current = failing;
    int chunk = Math.max(1, current.size() / 2);
    while (true) {
      boolean deleted = false;
      for (int start = 0; start + chunk <= current.size(); ) {
        List<S> candidate = new ArrayList<>(current.subList(0, start));
        candidate.addAll(current.subList(start + chunk, current.size()));
        if (failure(property, candidate) != null) {
          current = candidate;
          deleted = true;
        } else {
          start += chunk;
        }
      }
      if (!deleted) {
        if (chunk == 1) {
          return current;
        }
        chunk /= 2;
      }
    }
  }

  private static <S> Throwable failure(Consumer<List<S>> property, List<S> steps) {
    try {
      property.accept(steps);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }

  // Generator helpers.

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  static <T> T oneOf(SplittableRandom r, T... values) {
    return values[r.nextInt(values.length)];
  }

  /** An index drawn with the given weights. */
  static int weighted(SplittableRandom r, int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; ; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
  }

  /** True with probability {@code p}. */
  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }
}
