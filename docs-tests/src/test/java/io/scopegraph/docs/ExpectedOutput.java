package io.scopegraph.docs;

import java.util.List;

/**
 * Compares a program's (or javac's) output with the output a page shows. The normalisation: trailing whitespace
 * of each line and trailing blank lines are ignored; a line that is only {@code …} stands for any number of lines
 * (the page leaves them out); a line ending in {@code " …"} stands for any line starting with the text before it.
 * A page may also name what varies from run to run ({@code varies="regex"}): those parts are masked on both sides.
 */
final class ExpectedOutput {
  private static final String ELLIPSIS = "…";

  private ExpectedOutput() {}

  static boolean matches(String expected, String actual) {
    return matches(lines(expected), 0, lines(actual), 0);
  }

  static boolean matches(String expected, String actual, String varies) {
    return varies == null ? matches(expected, actual)
        : matches(expected.replaceAll(varies, "#"), actual.replaceAll(varies, "#"));
  }

  private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
    if (e == expected.size()) {
      return a == actual.size();
    }
    String want = expected.get(e);
    if (want.trim().equals(ELLIPSIS)) {
      for (int skip = a; skip <= actual.size(); skip++) {
        if (matches(expected, e + 1, actual, skip)) {
          return true;
        }
      }
      return false;
    }
    if (a == actual.size()) {
      return false;
    }
    String got = actual.get(a);
    boolean same = want.endsWith(" " + ELLIPSIS)
        ? got.startsWith(want.substring(0, want.length() - ELLIPSIS.length()))
        : got.equals(want);
    return same && matches(expected, e + 1, actual, a + 1);
  }

  private static List<String> lines(String text) {
    List<String> lines = text.lines().map(String::stripTrailing).toList();
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isEmpty()) {
      end--;
    }
    return lines.subList(0, end);
  }
}
