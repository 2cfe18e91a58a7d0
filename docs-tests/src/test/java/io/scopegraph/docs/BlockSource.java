package io.scopegraph.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java block as a compilation unit, in a package of its own ({@code doctest.<page>.l<line>}) so that the blocks
 * of a page, which often declare the same class names, compile together.
 *
 * The {@code imports:} section adds imports to every kind.
 *
 * <ul>
 *   <li>{@code statements}: the body of {@code main}, after {@code Graph graph = new Graph(); Ops tf =
 *       Ops.on(graph);} (each left out when the block declares it) and the marker's {@code before:} section; the
 *       {@code members:} section goes into the class; the block's {@code import} lines become imports.
 *   <li>{@code class}: a compilation unit as it stands.
 *   <li>{@code model NAME}: members of {@code @Model public abstract class NAME} with {@code protected final Ops
 *       tf} and a constructor taking it, plus the {@code members:} section.
 * </ul>
 *
 * The package line, the common imports and any wrapper's opening share the unit's first line, so the block's
 * first line is line 2, or the line {@code first-line=N} asks for (error messages quote line numbers). A
 * {@code class} block declaring several top-level types (a line at column 0 starting one, or its annotation) is
 * split into a file per type, each type on the lines it has in the block. {@code id=NAME} names the package
 * ({@code doctest.<page>.NAME}) and a {@code statements} block with {@code in=NAME} runs in that package, so it can
 * use the classes (and the generated {@code Scoped…} classes) of that block.
 */
record BlockSource(DocBlock block, String packageName, String className, String source, boolean runnable,
    List<BlockSource> moreTypes) {
  static final String IMPORTS = "import io.scopegraph.*; import io.scopegraph.annotations.*; "
      + "import io.scopegraph.layers.*; import io.scopegraph.train.*; import io.scopegraph.tensorflow.*; "
      + "import java.util.*; import java.util.function.*; import java.nio.file.*;";
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("(?m)^public\\s+(?:abstract\\s+|final\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");
  private static final Pattern TYPE_START = Pattern.compile(
      "^(?:@\\w+.*|(?:public\\s+|abstract\\s+|final\\s+)*(?:class|interface|record|enum)\\s.*)$");
  private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(");

  static BlockSource of(DocBlock block) {
    Marker marker = block.marker();
    String local = marker.options().getOrDefault("in", marker.options().getOrDefault("id", "l" + block.line()));
    String pkg = "doctest." + block.page().replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]", "_").toLowerCase()
        + "." + local;
    String header = "package " + pkg + "; " + IMPORTS + " " + oneLine(marker.section("imports"));
    String members = marker.section("members");
    return switch (marker.kind()) {
      case "statements" -> statements(block, pkg, header, members, marker.section("before"));
      case "class" -> classes(block, pkg, header);
      case "model" -> {
        String name = marker.word(0);
        String open = " @Model public abstract class " + name + " { protected final Ops tf; protected " + name
            + "(Ops tf) { this.tf = tf; } " + oneLine(members);
        yield new BlockSource(block, pkg, name, layout(block, header, open, block.text(), "}"), false, List.of());
      }
      default -> throw new IllegalArgumentException(block.where() + ": not a compiled kind: " + marker.kind());
    };
  }

  private static BlockSource statements(DocBlock block, String pkg, String header, String members,
      String before) {
    List<String> imports = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : block.text().split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.add(line.trim());
        body.append('\n');                        // keep the block's line numbers
      } else {
        body.append(line).append('\n');
      }
    }
    String text = block.text();
    String prelude = (text.contains("Graph graph =") ? "" : "Graph graph = new Graph(); ")
        + (text.contains("Ops tf =") ? "" : "Ops tf = Ops.on(graph); ");
    String open = " " + String.join(" ", imports) + " public class Block { " + oneLine(members)
        + " public static void main(String[] args) throws Exception { " + prelude + oneLine(before);
    String name = block.marker().options().containsKey("in") ? "Block_l" + block.line() : "Block";
    open = open.replace("class Block ", "class " + name + " ");
    return new BlockSource(block, pkg, name, layout(block, header, open, body.toString(), "}}"), true, List.of());
  }

  /** A compilation unit per top-level type: the other types' lines are left blank, so line numbers hold. */
  private static BlockSource classes(DocBlock block, String pkg, String header) {
    String[] lines = block.text().split("\n", -1);
    List<Integer> starts = new ArrayList<>();
    boolean inType = false;
    for (int i = 0; i < lines.length; i++) {
      boolean start = TYPE_START.matcher(lines[i]).matches() && !lines[i].startsWith("import ");
      if (start && !inType) {
        starts.add(i);
      }
      inType = start || (inType && !lines[i].equals("}"));
      if (lines[i].equals("}")) {
        inType = false;
      }
    }
    if (starts.size() < 2) {
      return unit(block, pkg, header, block.text(), List.of());
    }
    List<BlockSource> units = new ArrayList<>();
    String imports = String.join(" ", List.of(lines).subList(0, starts.get(0)).stream()
        .filter(l -> l.startsWith("import ")).toList());
    for (int t = 0; t < starts.size(); t++) {
      int end = t + 1 < starts.size() ? starts.get(t + 1) : lines.length;
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < lines.length; i++) {
        text.append(i >= starts.get(t) && i < end ? lines[i] : "").append(i + 1 < lines.length ? "\n" : "");
      }
      units.add(unit(block, pkg, header + " " + imports, text.toString(), List.of()));
    }
    return unit(block, pkg, header + " " + imports, "\n".repeat(lines.length - 1), List.of()).withTypes(units);
  }

  private static BlockSource unit(DocBlock block, String pkg, String header, String text, List<BlockSource> more) {
    Matcher type = PUBLIC_TYPE.matcher(text);
    String name = type.find() ? type.group(1) : "Block";
    return new BlockSource(block, pkg, name, layout(block, header, "", text, ""), MAIN.matcher(text).find(), more);
  }

  private BlockSource withTypes(List<BlockSource> units) {
    return new BlockSource(block, packageName, units.get(0).className, units.get(0).source, units.get(0).runnable,
        units.subList(1, units.size()));
  }

  /** The units to compile: this one and the block's other top-level types. */
  List<BlockSource> units() {
    List<BlockSource> all = new ArrayList<>(List.of(this));
    all.addAll(moreTypes);
    return all;
  }

  /** The header (and a wrapper's opening) on line 1, blank lines up to first-line, the block, the closing. */
  private static String layout(DocBlock block, String header, String open, String text, String close) {
    int firstLine = Integer.parseInt(block.marker().options().getOrDefault("first-line", "2"));
    if (firstLine < 2) {
      throw new IllegalArgumentException(block.where() + ": first-line must be 2 or more");
    }
    return header + open + "\n".repeat(firstLine - 1) + text + close + "\n";
  }

  /** Hidden code is joined onto the first line, so it shifts no line of the block. */
  private static String oneLine(String code) {
    return code.lines().map(String::trim).reduce("", (a, b) -> a + " " + b).trim();
  }

  String fileName() {
    return className + ".java";
  }

  String binaryName() {
    return packageName + "." + className;
  }
}
