package io.scopegraph.tensorflow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf text format of TensorFlow's {@code CheckpointState}, as Python's {@code text_format} writes and
 * reads it: one {@code field: "value"} a line, strings C-escaped (bytes outside printable ASCII in octal).
 * Parsing accepts the optional timestamp fields, comments and adjacent strings, and skips unknown fields.
 */
final class CheckpointStateText {
  /** A file that is not text format; TensorFlow logs it and treats the directory as having no state. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  /** How deep unknown nested messages may go, as protobuf's parsers limit recursion (so no stack overflow). */
  static final int MAX_DEPTH = 100;

  private final String text;
  private int pos;
  private int depth;

  private CheckpointStateText(String text) {
    this.text = text;
  }

  static String format(CheckpointState state) {
    StringBuilder sb = new StringBuilder();
    line(sb, "model_checkpoint_path", state.modelCheckpointPath());
    for (String p : state.allModelCheckpointPaths()) {
      line(sb, "all_model_checkpoint_paths", p);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String field, String value) {
    sb.append(field).append(": \"");
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                .append((char) ('0' + (c & 7)));
          }
        }
      }
    }
    sb.append("\"\n");
  }

  /** The state as written (relative paths not yet joined); an empty {@code model_checkpoint_path} is kept. */
  static CheckpointState parse(String text) throws ParseException {
    return new CheckpointStateText(text).parseMessage();
  }

  private CheckpointState parseMessage() throws ParseException {
    String model = "";
    List<String> all = new ArrayList<>();
    for (skipSpace(); pos < text.length(); skipSpace()) {
      String field = identifier();
      skipSpace();
      switch (field) {
        case "model_checkpoint_path" -> {
          expect(':');
          model = string();
        }
        case "all_model_checkpoint_paths" -> {
          expect(':');
          all.add(string());
        }
        case "all_model_checkpoint_timestamps", "last_preserved_timestamp" -> {
          expect(':');
          number();
        }
        default -> skipValue();
      }
      skipSpace();
      if (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ';')) {
        pos++;
      }
    }
    return new CheckpointState(model, all);
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private String identifier() throws ParseException {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("a field name");
    }
    return text.substring(start, pos);
  }

  private void expect(char c) throws ParseException {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("'" + c + "'");
    }
    pos++;
    skipSpace();
  }

  /** A scalar token: a number, an enum name, true or false. */
  private String token() throws ParseException {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "+-._".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    if (start == pos) {
      throw error("a value");
    }
    return text.substring(start, pos);
  }

  private void number() throws ParseException {
    String t = token();
    try {
      Double.parseDouble(t.replaceAll("(?i)^([+-]?)inf(inity)?$", "$1Infinity").replaceAll("[fF]$", ""));
    } catch (NumberFormatException e) {
      throw error("a number");
    }
  }

  /** The value of a field this reader does not know: a scalar, one or more strings, or a nested message. */
  private void skipValue() throws ParseException {
    boolean colon = pos < text.length() && text.charAt(pos) == ':';
    if (colon) {
      expect(':');
    }
    char c = pos < text.length() ? text.charAt(pos) : 0;
    if (c == '{' || c == '<') {
      char close = c == '{' ? '}' : '>';
      if (++depth > MAX_DEPTH) {
        throw error("at most " + MAX_DEPTH + " nested messages");
      }
      pos++;
      for (skipSpace(); pos < text.length() && text.charAt(pos) != close; skipSpace()) {
        identifier();
        skipSpace();
        skipValue();
        skipSpace();
        if (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ';')) {
          pos++;
        }
      }
      expect(close);
      depth--;
    } else if (!colon) {
      throw error("':'");
    } else if (c == '"' || c == '\'') {
      string();
    } else {
      token();
    }
  }

  /** One or more adjacent quoted strings, C-unescaped to bytes and decoded as UTF-8. */
  private String string() throws ParseException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    do {
      quoted(bytes);
      skipSpace();
    } while (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\''));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void quoted(ByteArrayOutputStream out) throws ParseException {
    char quote = pos < text.length() ? text.charAt(pos) : 0;
    if (quote != '"' && quote != '\'') {
      throw error("a string");
    }
    pos++;
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw error("the closing quote");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return;
      }
      if (c != '\\') {
        int end = Character.isHighSurrogate(c) && pos < text.length() && Character.isLowSurrogate(text.charAt(pos))
            ? pos + 1 : pos; // a surrogate pair is one character, encoded as a whole
        out.writeBytes(text.substring(pos - 1, end).getBytes(StandardCharsets.UTF_8));
        pos = end;
        continue;
      }
      unescape(out);
    }
  }

  private void unescape(ByteArrayOutputStream out) throws ParseException {
    if (pos >= text.length()) {
      throw error("an escape");
    }
    char c = text.charAt(pos++);
    switch (c) {
      case 'n' -> out.write('\n');
      case 't' -> out.write('\t');
      case 'r' -> out.write('\r');
      case 'a' -> out.write(7);
      case 'b' -> out.write('\b');
      case 'f' -> out.write('\f');
      case 'v' -> out.write(11);
      case '"', '\'', '\\', '?' -> out.write(c);
      case 'x' -> out.write(digits(16, 2, 1));
      default -> {
        if (c < '0' || c > '7') {
          throw error("a valid escape, not \\" + c);
        }
        pos--;
        out.write(digits(8, 3, 1));
      }
    }
  }

  private int digits(int radix, int max, int min) throws ParseException {
    int value = 0;
    int n = 0;
    while (n < max && pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
      value = value * radix + Character.digit(text.charAt(pos++), radix);
      n++;
    }
    if (n < min) {
      throw error("digits");
    }
    return value;
  }

  private ParseException error(String expected) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      line += text.charAt(i) == '\n' ? 1 : 0;
      column = text.charAt(i) == '\n' ? 1 : column + 1;
    }
    return new ParseException(line + ":" + column + " : Expected " + expected + ".");
  }
}
