package io.scopegraph.docs;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The anchors GitHub gives a page's headings (outside code blocks), duplicates numbered {@code -1}, {@code -2}. */
final class Anchors {
  private Anchors() {}

  static Set<String> of(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode && line.matches("#{1,6} .*")) {
        String slug = slug(line.replaceFirst("^#+ ", ""));
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
    }
    return anchors;
  }

  /** GitHub's rule: the heading's text, lower-cased, without punctuation but {@code -} and {@code _}, spaces as -. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").strip().toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
