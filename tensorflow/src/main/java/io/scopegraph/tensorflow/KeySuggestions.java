package io.scopegraph.tensorflow;

import java.util.List;

/** Finds the checkpoint key a missing key most likely meant, for error messages. */
final class KeySuggestions {
  private KeySuggestions() {}

  /**
   * Among the keys with the same leaf (the text after the last {@code /}) the one nearest to {@code key} by
   * edit distance, since a wrong scope is the usual mistake ({@code tower/w} for {@code tower_1/w}); without
   * such a key the nearest key if a few edits away (at most max(2, a third of the key's length)), else null.
   * Ties go to the first in key order.
   */
  static String closest(List<String> keys, String key) {
    String leaf = leaf(key);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : keys) {
      if (leaf(k).equals(leaf)) {
        int d = levenshtein(k, key);
        if (d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
    }
    if (best != null) {
      return best;
    }
    for (String k : keys) {
      int d = levenshtein(k, key);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  private static String leaf(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** The number of single-character insertions, deletions and substitutions that turn {@code a} into {@code b}. */
  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
