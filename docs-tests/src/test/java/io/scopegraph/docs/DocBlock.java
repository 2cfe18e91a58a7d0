package io.scopegraph.docs;

/**
 * A fenced block of a page: where it starts (the fence's line, 1-based), its language, its text (the fence's
 * indentation removed), its doctest marker or {@code null}, and the expected output: the text of the next
 * fenced block when that one is marked {@code <!-- doctest: output -->}, else {@code null}.
 */
record DocBlock(String page, int line, String language, String text, Marker marker, String expectedOutput) {
  boolean isJava() {
    return language.equals("java");
  }

  String where() {
    return page + ":" + line;
  }

  DocBlock withExpectedOutput(String output) {
    return new DocBlock(page, line, language, text, marker, output);
  }
}
