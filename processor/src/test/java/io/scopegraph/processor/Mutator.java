package io.scopegraph.processor;

import io.scopegraph.processor.JavaTokens.Kind;
import io.scopegraph.processor.JavaTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Seeded source mutations for the processor's robustness test: each turns a valid (or deliberately wrong) model
 * into a slightly broken one, the way code looks while it is typed. A mutant is a function of the seed and its
 * index only, so any one can be rebuilt from those two numbers.
 */
final class Mutator {
  /** One change to a source; answers a description of what it did, or null when it does not apply. */
  private interface Operator extends BiFunction<Edit, Random, String> {}

  /**
   * The operators, each with the name a failure report shows and a weight: javac stops before annotation processing
   * on a syntax error, so the operators that keep a source parseable are drawn more often.
   */
  enum Op {
    DELETE_TOKEN(1, Mutator::deleteToken),
    SWAP_TOKENS(1, Mutator::swapTokens),
    BREAK_BRACKET(1, Mutator::breakBracket),
    ODD_STRING(4, Mutator::oddString),
    UNKNOWN_TYPE(2, Mutator::unknownType),
    UNKNOWN_NAME(2, Mutator::unknownName),
    RENAME_IDENTIFIER(3, Mutator::renameIdentifier),
    MOVE_ANNOTATION(4, Mutator::moveAnnotation),
    DUPLICATE_ANNOTATION(2, Mutator::duplicateAnnotation),
    INSERT_ANNOTATION(4, Mutator::insertAnnotation),
    CHANGE_NUMBER(3, Mutator::changeNumber),
    REMOVE_MODIFIER(2, Mutator::removeModifier),
    ADD_MODIFIER(2, Mutator::addModifier),
    FLIP_CONSTANT(2, Mutator::flipConstant),
    DELETE_LINE(2, Mutator::deleteLine),
    DUPLICATE_LINE(3, Mutator::duplicateLine),
    MOVE_LINE(1, Mutator::moveLine),
    WRAP_LINE(4, Mutator::wrapLine),
    INSERT_MEMBER(4, Mutator::insertMember),
    EDIT_ARGUMENTS(5, Mutator::editArguments);

    private final int weight;
    private final Operator operator;

    Op(int weight, Operator operator) {
      this.weight = weight;
      this.operator = operator;
    }

    static Op draw(Random random) {
      int total = 0;
      for (Op op : values()) {
        total += op.weight;
      }
      int at = random.nextInt(total);
      for (Op op : values()) {
        at -= op.weight;
        if (at < 0) {
          return op;
        }
      }
      throw new AssertionError();
    }
  }

  /** A mutant: its index, the file it was made from, what was changed, and the source. */
  record Mutant(int index, String base, List<String> changes, String source) {}

  static final List<String> ODD_STRINGS = List.of("\"\"", "\"a/\"", "\"/\"", "\"\\u0000\"", "\"a b\"", "\"_1\"",
      "\"" + "n".repeat(300) + "\"", "\"" + "long".repeat(17_000) + "\"", "null", "\"%s\"", "\"%\"", "\"a//b\"",
      "\".\"", "\"..\"", "\"-\"", "\"/a\"", "\"\u00fc\"", "\"\\n\"", "\"a\\\"b\"", "\"1\"", "(\"a\" + \"b\")",
      "String.valueOf(1)", "\"a\\\\b\"", "\"\\t\"");

  static final List<String> NUMBERS = List.of("0", "-1", "Integer.MAX_VALUE", "2147483647", "-2147483648",
      "Integer.MIN_VALUE", "Long.MAX_VALUE", "1", "1000000", "0L", "-1L", "2147483648", "0.5f", "1e10");

  private static final String A = "io.scopegraph.annotations.";

  static final List<String> ANNOTATIONS = List.of("@VariableScope(\"v\")", "@VariableScope", "@NameScope(\"n\")",
      "@NameScope", "@ScopeName", "@ScopeReuse", "@Model", "@" + A + "VariableScope(\"v\")",
      "@" + A + "VariableScope(defaultName = \"d\")", "@" + A + "VariableScope(reuse = io.scopegraph.Reuse.TRUE)",
      "@" + A + "VariableScope(value = \"v\", reuse = io.scopegraph.Reuse.AUTO)", "@" + A + "NameScope(\"n\")",
      "@" + A + "NameScope(defaultName = \"d\")", "@" + A + "ScopeName", "@" + A + "ScopeReuse", "@" + A + "Model",
      "@" + A + "Checkpoint(\"ck\")", "@" + A + "Checkpoint(\"\")", "@" + A + "OpScope(\"o\")",
      "@" + A + "VariableOpScope(\"vo\")", "@" + A + "VariableScope(\"\")", "@" + A + "NameScope(\"a/\")",
      "@" + A + "VariableScope(dtype = {})",
      "@" + A + "VariableScope(dtype = {io.scopegraph.DType.FLOAT32, io.scopegraph.DType.INT32})",
      "@" + A + "VariableScope(value = \"v\", initializer = Object.class)",
      "@" + A + "VariableScope(value = \"v\", regularizer = io.scopegraph.Regularizer.class)",
      "@" + A + "VariableScope(value = \"v\", partitioner = Unknown1.class)", "@Override",
      "@SuppressWarnings(\"scopegraph:DuplicateVariable\")", "@Deprecated", "@FunctionalInterface");

  /** Annotations a move or a duplicate prefers: the processor's own. */
  private static final Set<String> OURS = Set.of("VariableScope", "NameScope", "ScopeName", "ScopeReuse", "Model",
      "OpScope", "VariableOpScope", "Checkpoint");

  private static final List<String> MODIFIERS = List.of("final", "abstract", "static", "private", "protected",
      "public", "default", "synchronized", "strictfp", "native", "transient", "volatile");

  private static final List<List<String>> CONSTANTS = List.of(List.of("true", "false", "null"),
      List.of("TRUE", "FALSE", "AUTO", "null", "UNKNOWN1"), List.of("FLOAT32", "INT32", "FLOAT64", "BOOL", "INT64"));

  /** Wrappers around one statement: loops the analysis must not run forever, and trees it must not choke on. */
  static final List<String> WRAPPERS = List.of("for (int q = 0; q < %N; q++) { %S }", "while (true) { %S }",
      "for (;;) { %S }", "do { %S } while (false);", "if (tf == null) { %S } else { %S }", "{ %S } { %S }",
      "try { %S } finally { %S }", "Runnable r = () -> { %S };", "synchronized (this) { %S }",
      "switch (%N) { case 1 -> { %S } default -> { %S } }",
      "label: for (int q = %N; q > 0; q--) { %S continue label; }",
      "new Object() { void f() { %S } };", "for (int q = 0; q < %N; q++) for (int p = 0; p < %N; p++) { %S }",
      "for (int q : new int[] {1, 2, 3}) { %S }", "if (false) { %S }", "while (%N > 0) { %S break; }");

  /**
   * Members for a class body ({@code %C}: the top-level class): odd kinds of models and of scoped methods, and
   * annotations on what they do not belong to.
   */
  static final List<String> MEMBERS = List.of(
      "@Model interface I%R { @VariableScope(\"i\") default Tensor f(Tensor x) { return x; } }",
      "@Model enum E%R { A; @VariableScope(\"e\") Tensor f(Tensor x) { return x; } }",
      "@Model record R%R(Ops tf) { @VariableScope(\"r\") public Tensor f(Tensor x) { return x; } }",
      "@Model @interface A%R { }",
      "@Model static abstract class G%R<T extends Tensor> { protected final Ops tf; G%R(Ops tf) { this.tf = tf; } "
          + "@VariableScope(\"g\") public T g(T x) { tf.getVariable(\"w\", Shape.of(4, 4)); return x; } }",
      "@Model static abstract class S%R extends %C { protected S%R(Ops tf) { super(tf); } }",
      "@Model abstract class In%R { protected final Ops tf; In%R(Ops tf) { this.tf = tf; } }",
      "@Model static class NoOps%R { }",
      "@Model static abstract class Self%R { protected final Ops tf; Self%R(Ops tf) { this.tf = tf; } "
          + "Self%R other = ScopedSelf%R.create(tf); @VariableScope(\"s\") public Tensor f(Tensor x) { "
          + "return other.f(x); } }",
      "@VariableScope(\"v\") <T> T generic%R(T t) { return t; }",
      "@VariableScope(\"v\") Tensor varargs%R(@ScopeName String... names) { return null; }",
      "@VariableScope Tensor named%R(@ScopeName int n, Tensor x) { return x; }",
      "@VariableScope(\"v\") Tensor reuse%R(@ScopeReuse String r, @ScopeReuse Reuse q) { return null; }",
      "@VariableScope(\"v\") abstract Tensor abstract%R(Tensor x);",
      "@VariableScope(\"v\") static Tensor static%R(Tensor x) { return x; }",
      "@VariableScope(\"v\") private Tensor private%R(Tensor x) { return x; }",
      "@VariableScope(\"v\") final Tensor final%R(Tensor x) { return x; }",
      "@NameScope(\"n\") @VariableScope(\"v\") Tensor both%R(Tensor x) { return x; }",
      "@VariableScope(\"v\") Tensor recurse%R(Tensor x) { return recurse%R(recurse%R(x)); }",
      "@VariableScope(\"v\") Tensor loop%R(Tensor x) { for (int i = 0; i < 2147483647; i++) { "
          + "for (int j = 0; j <= 2147483647; j++) { tf.getVariable(\"w\", Shape.of(-1, 0)); } } return x; }",
      "@VariableScope(defaultName = \"d\") Tensor dflt%R(Tensor x) { return tf.getVariable(\"w\", "
          + "Shape.of(Integer.MAX_VALUE, -1)); }",
      "Tensor twice%R(Tensor x) { tf.getVariable(\"\", Shape.of()); tf.getVariable(null, null); "
          + "return tf.getVariable(\"a b\", Shape.of(4)); }",
      "@VariableScope(\"v\") Tensor shadow%R(Ops tf) { return tf.getVariable(\"w\", Shape.of(1)); }",
      "@VariableScope(\"v\") Tensor varscope%R() { try (var s = tf.variableScope(\"x\")) { "
          + "return tf.getVariable(\"w\", Shape.of(1)); } }",
      "@io.scopegraph.annotations.Checkpoint(\"no/such\") Tensor ckpt%R(Tensor x) { return x; }",
      "%C(int x) { this(null); }",
      "%C() { }",
      "private %C(Ops tf, Ops more) { this(tf); }",
      "protected final Ops ops%R = null;",
      "Ops ops() { return null; }",
      "static { new Object(); }",
      "@Override public String toString() { return \"\" + getClass(); }",
      "@SuppressWarnings(\"scopegraph:\") Tensor suppressed%R(Tensor x) { return x; }");

  /** Arguments a call may get instead of its own (method bodies reach the processor unattributed). */
  static final List<String> ARGUMENTS = List.of("null", "tf", "this", "0", "-1", "\"\"", "\"a/\"", "Shape.of()",
      "Shape.of(-1)", "Shape.scalar()", "Reuse.TRUE", "Reuse.AUTO", "true", "x", "tf.getVariable(\"w\", Shape.of(4))",
      "new float[0]", "(Tensor) null", "Integer.MAX_VALUE", "name", "tf.layers().dense(null, 4)", "DType.FLOAT32",
      "Initializers.zeros()", "new int[] {1, 2}", "() -> null", "this::toString", "x = null", "i++", "unknown1",
      "Unknown1.class", "Reuse.UNKNOWN1");

  private static final Set<String> NOT_CALLS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "try",
      "return", "throw", "new");

  private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
      "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
      "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
      "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
      "true", "false", "null", "var", "record", "yield");

  private Mutator() {}

  /**
   * Mutant {@code index} of {@code base}: one to three operators drawn from a generator seeded with the seed and
   * the index (never the same source as the base).
   */
  static Mutant mutate(String baseName, String base, long seed, int index) {
    Random random = new Random(seed * 1_000_003L + index);
    int count = 1 + (random.nextInt(10) < 3 ? 1 : 0) + (random.nextInt(10) < 1 ? 1 : 0);
    Edit edit = new Edit(base);
    List<String> changes = new ArrayList<>();
    for (int attempts = 0; changes.size() < count && attempts < 50; attempts++) {
      Op op = Op.draw(random);
      String change = op.operator.apply(edit, random);
      if (change != null) {
        changes.add(op + ": " + change);
      }
    }
    if (edit.source().equals(base)) { // e.g. a swap of two equal tokens: delete one instead
      changes.add("DELETE_TOKEN: " + deleteToken(edit, random));
    }
    return new Mutant(index, baseName, changes, edit.source());
  }

  /** The source being mutated, as tokens (re-lexed after each text edit). */
  private static final class Edit {
    List<Token> tokens;

    Edit(String source) {
      tokens = new ArrayList<>(JavaTokens.lex(source));
    }

    String source() {
      return JavaTokens.join(tokens);
    }

    void setSource(String source) {
      tokens = new ArrayList<>(JavaTokens.lex(source));
    }

    List<Integer> indices(java.util.function.Predicate<Token> p) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).kind() != Kind.TRIVIA && p.test(tokens.get(i))) {
          out.add(i);
        }
      }
      return out;
    }

    void replace(int i, String text) {
      tokens.set(i, new Token(Kind.IDENT, text));
    }

    void insert(int i, String text) {
      tokens.add(i, new Token(Kind.IDENT, text));
    }

    /** Where a declaration, statement, parameter or argument may start: after { } ; ( , */
    List<Integer> insertionPoints() {
      List<Integer> out = new ArrayList<>();
      Token previous = null;
      for (int i = 0; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.kind() == Kind.TRIVIA) {
          continue;
        }
        if (previous != null && Set.of("{", "}", ";", "(", ",").contains(previous.text())) {
          out.add(i);
        }
        previous = t;
      }
      return out;
    }

    /** The annotations as token ranges [start, end): '@' name ('.' name)* and a balanced argument list. */
    List<int[]> annotations() {
      List<int[]> out = new ArrayList<>();
      for (int i = 0; i < tokens.size(); i++) {
        if (!tokens.get(i).is("@")) {
          continue;
        }
        int j = next(i);
        if (j < 0 || tokens.get(j).kind() != Kind.IDENT || tokens.get(j).is("interface")) {
          continue;
        }
        int end = j + 1;
        for (int dot = next(j); dot >= 0 && tokens.get(dot).is("."); dot = next(end - 1)) {
          int name = next(dot);
          if (name < 0 || tokens.get(name).kind() != Kind.IDENT) {
            break;
          }
          end = name + 1;
        }
        int open = next(end - 1);
        if (open >= 0 && tokens.get(open).is("(")) {
          int depth = 0;
          int k = open;
          for (; k < tokens.size(); k++) {
            depth += tokens.get(k).is("(") ? 1 : tokens.get(k).is(")") ? -1 : 0;
            if (depth == 0) {
              break;
            }
          }
          end = Math.min(k + 1, tokens.size());
        }
        out.add(new int[] {i, end});
      }
      return out;
    }

    /** The annotation's simple name (the last identifier before its arguments). */
    String simpleName(int[] span) {
      String name = "";
      for (int k = span[0]; k < span[1] && !tokens.get(k).is("("); k++) {
        if (tokens.get(k).kind() == Kind.IDENT) {
          name = tokens.get(k).text();
        }
      }
      return name;
    }

    String text(int[] span) {
      return JavaTokens.join(tokens.subList(span[0], span[1]));
    }

    private int next(int i) {
      for (int k = i + 1; k < tokens.size(); k++) {
        if (tokens.get(k).kind() != Kind.TRIVIA) {
          return k;
        }
      }
      return -1;
    }
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  private static String deleteToken(Edit e, Random r) {
    List<Integer> all = e.indices(t -> true);
    int i = pick(all, r);
    return "'" + e.tokens.remove(i).text() + "' at token " + i;
  }

  private static String swapTokens(Edit e, Random r) {
    List<Integer> all = e.indices(t -> true);
    int k = r.nextInt(all.size() - 1);
    int a = all.get(k);
    int b = all.get(k + 1);
    Token first = e.tokens.get(a);
    e.tokens.set(a, e.tokens.get(b));
    e.tokens.set(b, first);
    return "'" + first.text() + "' and '" + e.tokens.get(a).text() + "' at token " + a;
  }

  private static String breakBracket(Edit e, Random r) {
    List<String> brackets = List.of("{", "}", "(", ")");
    List<Integer> existing = e.indices(t -> brackets.contains(t.text()));
    String b = pick(brackets, r);
    switch (r.nextInt(3)) {
      case 0 -> {
        int i = pick(existing, r);
        return "deleted '" + e.tokens.remove(i).text() + "' at token " + i;
      }
      case 1 -> {
        int i = pick(e.indices(t -> true), r);
        e.insert(i, b);
        return "inserted '" + b + "' at token " + i;
      }
      default -> {
        int i = pick(existing, r);
        String old = e.tokens.get(i).text();
        e.replace(i, b);
        return "'" + old + "' became '" + b + "' at token " + i;
      }
    }
  }

  private static String oddString(Edit e, Random r) {
    List<Integer> strings = e.indices(t -> t.kind() == Kind.STRING);
    if (strings.isEmpty()) {
      return null;
    }
    int i = pick(strings, r);
    String odd = pick(ODD_STRINGS, r);
    String old = e.tokens.get(i).text();
    e.replace(i, odd);
    return old + " became " + abbreviate(odd) + " at token " + i;
  }

  private static String unknownType(Edit e, Random r) {
    List<Integer> types = e.indices(t -> t.kind() == Kind.IDENT && Character.isUpperCase(t.text().charAt(0)));
    if (types.isEmpty()) {
      return null;
    }
    int i = pick(types, r);
    String old = e.tokens.get(i).text();
    e.replace(i, "Unknown1");
    return old + " became Unknown1 at token " + i;
  }

  private static String unknownName(Edit e, Random r) {
    List<Integer> names = e.indices(t -> t.kind() == Kind.IDENT && Character.isLowerCase(t.text().charAt(0))
        && !KEYWORDS.contains(t.text()));
    int i = pick(names, r);
    String old = e.tokens.get(i).text();
    e.replace(i, "unknown1");
    return old + " became unknown1 at token " + i;
  }

  private static String renameIdentifier(Edit e, Random r) {
    List<Integer> names = e.indices(t -> t.kind() == Kind.IDENT && !KEYWORDS.contains(t.text()));
    int i = pick(names, r);
    String old = e.tokens.get(i).text();
    String other = e.tokens.get(pick(names, r)).text();
    e.replace(i, other);
    return old + " became " + other + " at token " + i;
  }

  /** An annotation span, the processor's own four times in five when there are any. */
  private static int[] pickAnnotation(Edit e, Random r) {
    List<int[]> all = e.annotations();
    List<int[]> ours = all.stream().filter(s -> OURS.contains(e.simpleName(s))).toList();
    if (all.isEmpty()) {
      return null;
    }
    return !ours.isEmpty() && r.nextInt(5) > 0 ? pick(ours, r) : pick(all, r);
  }

  private static String moveAnnotation(Edit e, Random r) {
    int[] span = pickAnnotation(e, r);
    if (span == null) {
      return null;
    }
    String text = e.text(span);
    e.tokens.subList(span[0], span[1]).clear();
    int to = pick(e.insertionPoints(), r);
    e.insert(to, text + " ");
    return abbreviate(text) + " from token " + span[0] + " to token " + to;
  }

  private static String duplicateAnnotation(Edit e, Random r) {
    int[] span = pickAnnotation(e, r);
    if (span == null) {
      return null;
    }
    String text = e.text(span);
    int to = r.nextBoolean() ? span[0] : pick(e.insertionPoints(), r);
    e.insert(to, text + " ");
    return abbreviate(text) + " from token " + span[0] + " copied to token " + to;
  }

  private static String insertAnnotation(Edit e, Random r) {
    String annotation = pick(ANNOTATIONS, r);
    int to = pick(e.insertionPoints(), r);
    e.insert(to, annotation + " ");
    return annotation + " at token " + to;
  }

  private static String changeNumber(Edit e, Random r) {
    List<Integer> numbers = e.indices(t -> t.kind() == Kind.NUMBER);
    if (numbers.isEmpty()) {
      return null;
    }
    int i = pick(numbers, r);
    String old = e.tokens.get(i).text();
    String number = pick(NUMBERS, r);
    e.replace(i, number);
    return old + " became " + number + " at token " + i;
  }

  private static String removeModifier(Edit e, Random r) {
    List<Integer> modifiers = e.indices(t -> MODIFIERS.contains(t.text()));
    if (modifiers.isEmpty()) {
      return null;
    }
    int i = pick(modifiers, r);
    return "'" + e.tokens.remove(i).text() + "' at token " + i;
  }

  private static String addModifier(Edit e, Random r) {
    List<Integer> places = e.indices(t -> MODIFIERS.contains(t.text()));
    places.addAll(e.insertionPoints());
    int i = pick(places, r);
    String modifier = pick(MODIFIERS, r);
    e.insert(i, modifier + " ");
    return "'" + modifier + "' at token " + i;
  }

  private static String flipConstant(Edit e, Random r) {
    List<Integer> constants = e.indices(t -> CONSTANTS.stream().anyMatch(c -> c.contains(t.text())));
    if (constants.isEmpty()) {
      return null;
    }
    int i = pick(constants, r);
    String old = e.tokens.get(i).text();
    List<String> group = CONSTANTS.stream().filter(c -> c.contains(old)).findFirst().orElseThrow();
    String other = pick(group, r);
    e.replace(i, other);
    return old + " became " + other + " at token " + i;
  }

  private static List<String> lines(Edit e) {
    return new ArrayList<>(List.of(e.source().split("\n", -1)));
  }

  private static void setLines(Edit e, List<String> lines) {
    e.setSource(String.join("\n", lines));
  }

  /**
   * A line of code (not blank, not only a comment), three times in four one whose brackets balance (a statement or a
   * field: moving it leaves a source javac parses, and processes).
   */
  private static int codeLine(List<String> lines, Random r) {
    List<Integer> code = new ArrayList<>();
    List<Integer> balanced = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).trim();
      if (!t.isEmpty() && !t.startsWith("//") && !t.startsWith("*") && !t.startsWith("/*")) {
        code.add(i);
        if (t.chars().filter(c -> c == '{').count() == t.chars().filter(c -> c == '}').count()
            && t.chars().filter(c -> c == '(').count() == t.chars().filter(c -> c == ')').count()
            && !t.startsWith("package") && !t.startsWith("@")) {
          balanced.add(i);
        }
      }
    }
    if (!balanced.isEmpty() && r.nextInt(4) > 0) {
      return pick(balanced, r);
    }
    return code.isEmpty() ? -1 : pick(code, r);
  }

  /** Inserts a member from {@link #MEMBERS} where a member of a top-level or nested class may start. */
  private static String insertMember(Edit e, Random r) {
    java.util.regex.Matcher top = java.util.regex.Pattern.compile("(?:class|interface|enum|record) (\\w+)")
        .matcher(e.source());
    String member = pick(MEMBERS, r).replace("%C", top.find() ? top.group(1) : "M")
        .replace("%R", Integer.toString(r.nextInt(100)));
    List<Integer> places = new ArrayList<>();
    java.util.Deque<Boolean> typeBodies = new java.util.ArrayDeque<>(); // per open brace: a class body or not
    boolean declaresType = false;
    Token previous = null;
    for (int i = 0; i < e.tokens.size(); i++) {
      Token t = e.tokens.get(i);
      if (t.kind() == Kind.TRIVIA) {
        continue;
      }
      if (Set.of("class", "interface", "enum", "record").contains(t.text()) && (previous == null
          || !previous.is("."))) {
        declaresType = true;
      } else if (t.is("{")) {
        typeBodies.push(declaresType);
      } else if (t.is("}") && !typeBodies.isEmpty()) {
        typeBodies.pop();
      }
      if (t.is("{") || t.is("}") || t.is(";")) {
        declaresType = false;
        if (Boolean.TRUE.equals(typeBodies.peek())) {
          places.add(i + 1);
        }
      }
      previous = t;
    }
    if (places.isEmpty()) {
      return null;
    }
    int at = pick(places, r);
    e.insert(at, "\n  " + member + "\n");
    return abbreviate(member) + " at token " + at;
  }

  /** Drops, repeats, adds or replaces one argument of a call (or an annotation's, or a declaration's parameter). */
  private static String editArguments(Edit e, Random r) {
    List<Integer> opens = new ArrayList<>();
    Token previous = null;
    for (int i = 0; i < e.tokens.size(); i++) {
      Token t = e.tokens.get(i);
      if (t.kind() == Kind.TRIVIA) {
        continue;
      }
      if (t.is("(") && previous != null && previous.kind() == Kind.IDENT && !NOT_CALLS.contains(previous.text())) {
        opens.add(i);
      }
      previous = t;
    }
    if (opens.isEmpty()) {
      return null;
    }
    int open = pick(opens, r);
    List<int[]> args = new ArrayList<>(); // token ranges [start, end) of the top-level arguments
    int depth = 0;
    int start = open + 1;
    int close = -1;
    for (int k = open; k < e.tokens.size() && close < 0; k++) {
      String t = e.tokens.get(k).text();
      if (t.equals("(") || t.equals("{") || t.equals("[")) {
        depth++;
      } else if (t.equals(")") || t.equals("}") || t.equals("]")) {
        depth--;
        if (depth == 0) {
          close = k;
          args.add(new int[] {start, k});
        }
      } else if (t.equals(",") && depth == 1) {
        args.add(new int[] {start, k});
        start = k + 1;
      }
    }
    if (close < 0) {
      return null;
    }
    boolean none = args.size() == 1 && JavaTokens.join(e.tokens.subList(args.get(0)[0], args.get(0)[1])).isBlank();
    int which = none ? 0 : r.nextInt(args.size());
    int[] arg = args.get(which);
    String text = JavaTokens.join(e.tokens.subList(arg[0], arg[1])).trim();
    String other = pick(ARGUMENTS, r);
    switch (none ? 2 : r.nextInt(4)) {
      case 0 -> { // drop it, and a comma
        int from = which > 0 ? arg[0] - 1 : arg[0];
        int to = which > 0 || args.size() == 1 ? arg[1] : arg[1] + 1;
        e.tokens.subList(from, to).clear();
        return "dropped argument " + which + " '" + abbreviate(text) + "' at token " + open;
      }
      case 1 -> {
        e.insert(arg[1], ", " + text);
        return "repeated argument " + which + " '" + abbreviate(text) + "' at token " + open;
      }
      case 2 -> {
        e.insert(close, (none ? "" : ", ") + other);
        return "added argument '" + other + "' at token " + open;
      }
      default -> {
        e.tokens.subList(arg[0], arg[1]).clear();
        e.insert(arg[0], other);
        return "argument " + which + " '" + abbreviate(text) + "' became '" + other + "' at token " + open;
      }
    }
  }

  private static String deleteLine(Edit e, Random r) {
    List<String> lines = lines(e);
    int i = codeLine(lines, r);
    if (i < 0) {
      return null;
    }
    String removed = lines.remove(i);
    setLines(e, lines);
    return "line " + (i + 1) + ": " + abbreviate(removed.trim());
  }

  private static String duplicateLine(Edit e, Random r) {
    List<String> lines = lines(e);
    int i = codeLine(lines, r);
    if (i < 0) {
      return null;
    }
    lines.add(i, lines.get(i));
    setLines(e, lines);
    return "line " + (i + 1) + ": " + abbreviate(lines.get(i).trim());
  }

  private static String moveLine(Edit e, Random r) {
    List<String> lines = lines(e);
    int i = codeLine(lines, r);
    if (i < 0) {
      return null;
    }
    String line = lines.remove(i);
    int to = r.nextInt(lines.size() + 1);
    lines.add(to, line);
    setLines(e, lines);
    return "line " + (i + 1) + " to line " + (to + 1) + ": " + abbreviate(line.trim());
  }

  /** Wraps one statement line (ending in ';') in a loop, a branch, a lambda, a local class, ... */
  private static String wrapLine(Edit e, Random r) {
    List<String> lines = lines(e);
    List<Integer> statements = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).trim();
      // statements: indented deeper than members (two spaces) in the corpus's layout
      if (t.endsWith(";") && lines.get(i).startsWith("    ") && !t.startsWith("//")) {
        statements.add(i);
      }
    }
    if (statements.isEmpty()) {
      return null;
    }
    int i = pick(statements, r);
    String wrapper = pick(WRAPPERS, r);
    String bound = pick(NUMBERS, r);
    String statement = lines.get(i).trim();
    lines.set(i, wrapper.replace("%N", bound).replace("%S", statement));
    setLines(e, lines);
    return "line " + (i + 1) + " in " + wrapper.replace("%N", bound);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 60) + "...(" + s.length() + " chars)";
  }
}
