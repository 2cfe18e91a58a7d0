package io.scopegraph.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <!-- doctest: kind words… key=value… -->} comment right before a fenced block: how the block is tested.
 * Lines after the first that read {@code name:} start a section (hidden code such as {@code before:} statements or
 * {@code members:}); the lines below it, up to the next section, are its text.
 */
record Marker(String kind, List<String> words, Map<String, String> options, Map<String, String> sections) {
  private static final Pattern TOKEN = Pattern.compile("([\\w-]+)=\"([^\"]*)\"|([\\w-]+)=(\\S+)|(\\S+)");
  private static final Pattern SECTION = Pattern.compile("\\s*([a-z-]+):\\s*");

  static Marker parse(String comment) {
    List<String> lines = List.of(comment.split("\n", -1));
    Matcher token = TOKEN.matcher(lines.get(0).trim());
    String kind = null;
    List<String> words = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    while (token.find()) {
      if (token.group(1) != null) {
        options.put(token.group(1), token.group(2));
      } else if (token.group(3) != null) {
        options.put(token.group(3), token.group(4));
      } else if (kind == null) {
        kind = token.group(5);
      } else {
        words.add(token.group(5));
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("doctest comment without a kind: " + comment);
    }
    Map<String, String> sections = new LinkedHashMap<>();
    String section = null;
    StringBuilder text = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      Matcher header = SECTION.matcher(line);
      if (header.matches()) {
        if (section != null) {
          sections.put(section, text.toString());
        }
        section = header.group(1);
        text.setLength(0);
      } else if (section != null) {
        text.append(line).append('\n');
      } else if (!line.isBlank()) {
        throw new IllegalArgumentException("doctest comment: text outside a section: " + line);
      }
    }
    if (section != null) {
      sections.put(section, text.toString());
    }
    return new Marker(kind, List.copyOf(words), Map.copyOf(options), Map.copyOf(sections));
  }

  String section(String name) {
    return sections.getOrDefault(name, "");
  }

  String word(int i) {
    if (i >= words.size()) {
      throw new IllegalArgumentException("doctest: " + kind + " needs " + (i + 1) + " word(s): " + words);
    }
    return words.get(i);
  }
}
