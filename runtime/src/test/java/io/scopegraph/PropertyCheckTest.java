package io.scopegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The property runner itself: it runs every try, and reports a failure shrunk to the steps that matter. */
class PropertyCheckTest {
  private static List<Integer> digits(SplittableRandom r) {
    List<Integer> steps = new ArrayList<>();
    for (int n = 20 + r.nextInt(20); steps.size() < n; ) {
      steps.add(r.nextInt(10));
    }
    return steps;
  }

  @Test
  @DisplayName("a property that holds runs all its tries")
  void runsAllTries() {
    int[] runs = {0};
    PropertyCheck.forAll(250, PropertyCheckTest::digits, steps -> runs[0]++);
    assertEquals(250, runs[0]);
  }

  @Test
  @DisplayName("a failing case is shrunk to the smallest list that still fails")
  void shrinksFailures() {
    AssertionError e = assertThrows(AssertionError.class, () -> PropertyCheck.forAll(100, PropertyCheckTest::digits,
        steps -> assertTrue(!steps.contains(3) || !steps.contains(7), "a 3 and a 7")));
    assertTrue(e.getMessage().matches("(?s)Falsified at try \\d+ of seed \\d+; shrunk from \\d+ to 2 steps:\n  [37]\n  [37]\n"
        + ".*a 3 and a 7.*"), e.getMessage());
  }

  @Test
  @DisplayName("shrinking keeps the order of the remaining steps")
  void shrinkKeepsOrder() {
    List<Integer> smallest = PropertyCheck.shrink(steps -> {
      int i = steps.indexOf(1);
      if (i >= 0 && steps.subList(i, steps.size()).contains(2)) {
        throw new AssertionError("1 before 2");
      }
    }, List.of(5, 1, 4, 4, 2, 1, 9));
    assertEquals(List.of(1, 2), smallest);
  }
}
