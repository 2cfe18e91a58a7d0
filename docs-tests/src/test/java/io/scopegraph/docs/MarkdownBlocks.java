package io.scopegraph.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced blocks of a markdown page, each with the doctest marker written right before it. */
final class MarkdownBlocks {
  private static final Pattern FENCE = Pattern.compile("^( *)```\\s*([\\w+-]*)\\s*$");
  private static final String MARKER_START = "<!-- doctest:";

  private MarkdownBlocks() {}

  static List<DocBlock> parse(String page, String markdown) {
    String[] lines = markdown.split("\n", -1);
    List<DocBlock> blocks = new ArrayList<>();
    Marker pending = null;
    int pendingEnd = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.trim().startsWith(MARKER_START)) {
        StringBuilder comment = new StringBuilder(line.trim().substring(MARKER_START.length()));
        while (!comment.toString().contains("-->")) {
          comment.append('\n').append(lines[++i]);
        }
        pending = Marker.parse(comment.substring(0, comment.indexOf("-->")));
        pendingEnd = i;
        continue;
      }
      Matcher fence = FENCE.matcher(line);
      if (!fence.matches()) {
        continue;
      }
      String indent = fence.group(1);
      int start = i;
      StringBuilder text = new StringBuilder();
      for (i++; !lines[i].equals(indent + "```"); i++) {
        if (i + 1 >= lines.length) {
          throw new IllegalArgumentException(page + ":" + (start + 1) + ": unclosed code block");
        }
        String content = lines[i];
        text.append(content.startsWith(indent) ? content.substring(indent.length()) : content.stripLeading())
            .append('\n');
      }
      Marker marker = pendingEnd == start - 1 ? pending : null;
      if (pending != null && marker == null) {
        throw new IllegalArgumentException(page + ":" + (pendingEnd + 1) + ": a doctest comment must be the line "
            + "right before a code block");
      }
      pending = null;
      DocBlock block = new DocBlock(page, start + 1, fence.group(2), text.toString(), marker, null);
      if (marker != null && marker.kind().equals("output")) {
        DocBlock previous = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        if (previous == null || !previous.isJava() || previous.expectedOutput() != null) {
          throw new IllegalArgumentException(block.where() + ": an output block must follow a Java block");
        }
        blocks.set(blocks.size() - 1, previous.withExpectedOutput(block.text()));
      }
      blocks.add(block);
    }
    return blocks;
  }
}
