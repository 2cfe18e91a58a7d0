package io.scopegraph.docs;

import java.util.List;

/**
 * Whether a block is an excerpt of a source file: its non-blank lines, compared without indentation, end-of-line
 * comments and runs of spaces, appear in the file in the same order (the page may leave lines out). A line with
 * {@code …} matches a file line starting with the text before the {@code …}.
 */
final class Excerpts {
  private static final String ELLIPSIS = "…";

  private Excerpts() {}

  static boolean isExcerpt(String block, String file) {
    List<String> have = normalized(file);
    int at = 0;
    for (String want : normalized(block)) {
      while (at < have.size() && !sameLine(want, have.get(at))) {
        at++;
      }
      if (at == have.size()) {
        return false;
      }
      at++;
    }
    return true;
  }

  /** The first line of the block the file lacks, for the failure message. */
  static String firstMissing(String block, String file) {
    List<String> have = normalized(file);
    int at = 0;
    for (String want : normalized(block)) {
      while (at < have.size() && !sameLine(want, have.get(at))) {
        at++;
      }
      if (at == have.size()) {
        return want;
      }
      at++;
    }
    return null;
  }

  private static boolean sameLine(String want, String have) {
    int cut = want.indexOf(ELLIPSIS);
    return cut < 0 ? want.equals(have) : !want.substring(0, cut).isBlank() && have.startsWith(want.substring(0, cut).strip());
  }

  private static List<String> normalized(String text) {
    return text.lines()
        .map(l -> l.replaceAll("\\s+//.*$", "").strip().replaceAll("\\s+", " "))
        .filter(l -> !l.isEmpty() && !l.startsWith("//"))
        .toList();
  }
}
