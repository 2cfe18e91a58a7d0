package io.scopegraph.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * A forgiving Java lexer for the mutation test: splits a source into tokens whose texts concatenate back to the
 * source exactly. Whitespace and comments are tokens too ({@link Kind#TRIVIA}), so mutants keep their layout.
 */
final class JavaTokens {
  enum Kind { TRIVIA, IDENT, NUMBER, STRING, CHAR, PUNCT }

  record Token(Kind kind, String text) {
    boolean is(String s) {
      return text.equals(s);
    }
  }

  /** Two-character operators kept whole, so that deleting or swapping one is one change. */
  private static final List<String> PAIRS = List.of("->", "::", "++", "--", "&&", "||", "==", "!=", "<=", ">=",
      "+=", "-=", "*=", "/=");

  private JavaTokens() {}

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int end;
      Kind kind;
      if (Character.isWhitespace(c)) {
        end = i + 1;
        while (end < s.length() && Character.isWhitespace(s.charAt(end))) {
          end++;
        }
        kind = Kind.TRIVIA;
      } else if (s.startsWith("//", i)) {
        end = s.indexOf('\n', i);
        end = end < 0 ? s.length() : end;
        kind = Kind.TRIVIA;
      } else if (s.startsWith("/*", i)) {
        end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        kind = Kind.TRIVIA;
      } else if (s.startsWith("\"\"\"", i)) {
        end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? s.length() : end + 3;
        kind = Kind.STRING;
      } else if (c == '"' || c == '\'') {
        end = quoted(s, i, c);
        kind = c == '"' ? Kind.STRING : Kind.CHAR;
      } else if (Character.isJavaIdentifierStart(c)) {
        end = i + 1;
        while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
          end++;
        }
        kind = Kind.IDENT;
      } else if (Character.isDigit(c)) {
        end = i + 1;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.'
            || s.charAt(end) == '_')) {
          end++;
        }
        kind = Kind.NUMBER;
      } else {
        end = i + (i + 1 < s.length() && PAIRS.contains(s.substring(i, i + 2)) ? 2 : 1);
        kind = Kind.PUNCT;
      }
      out.add(new Token(kind, s.substring(i, end)));
      i = end;
    }
    return out;
  }

  /** The end of a string or char literal starting at {@code start} (or of its line, if unterminated). */
  private static int quoted(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(s.length(), i + 1);
  }

  static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    tokens.forEach(t -> b.append(t.text()));
    return b.toString();
  }
}
