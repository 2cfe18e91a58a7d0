package io.scopegraph.processor;

import io.scopegraph.processor.BodyAnalysis.Gap;
import io.scopegraph.processor.BodyAnalysis.Summary;
import io.scopegraph.processor.VarEvent.Arm;
import io.scopegraph.processor.VarEvent.Loop;
import io.scopegraph.processor.VarEvent.Segment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * The summary resource ({@code <package>/<Model>.scopegraph-summary}, beside the model's class file) the processor
 * writes: what each callable method does, as the call-site analysis composes it at a caller's line, so
 * that a model compiled later (another module, a jar) follows calls into this one. Text, one record per line, tab
 * separated; the first line names the format version. A reader that meets another version, or a line it cannot
 * parse, reads nothing: calls into that model stay unresolved (never half-read).
 *
 * <p>What only identifies a place in the callee's source (which scope entry, which branch, which loop) is written as
 * a number that is unique within its method; the callee's call sites are not written (a caller reports at its own
 * line).
 */
final class SummaryFile {
  /** The first line; a change of what is written changes the number. */
  static final String HEADER = "scopegraph-summary 1";

  private SummaryFile() {}

  /**
   * Where the summary of the model of this binary name lives: beside its class file, as javac looks resources up in
   * a jar on the class path only in directories named like packages (not in {@code META-INF}).
   */
  static String path(String binaryName) {
    return binaryName.replace('.', '/') + ".scopegraph-summary";
  }

  /** A model read back: what {@link BodyAnalysis} gives its callers, without the source. */
  record CompiledModel(String name, String generatedName, boolean plainConstructors, List<Method> methods)
      implements HeldModel {
    /** The method called by name with {@code arity} arguments, if exactly one fits; else null. */
    Method method(String methodName, int arity) {
      Method found = null;
      for (Method m : methods) {
        if (m.name().equals(methodName) && m.arity() == arity) {
          if (found != null) {
            return null; // overloads of one arity: would need types
          }
          found = m;
        }
      }
      return found;
    }
  }

  /** One callable method: its summary as a caller composes it; a static method's is empty. */
  record Method(String signature, String name, int arity, boolean isStatic, Summary summary) {}

  static String write(ModelSpec spec, BodyAnalysis analysis) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("model\t").append(text(spec.type().getQualifiedName().toString())).append('\t')
        .append(text(spec.generatedName())).append('\t').append(flag(analysis.plainConstructors())).append('\n');
    for (ExecutableElement m : analysis.callableMethods()) {
      boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
      Summary s = isStatic ? new Summary(List.of(), Set.of()) : analysis.summary(m);
      out.append("method\t").append(text(ModelValidator.signature(m))).append('\t')
          .append(text(m.getSimpleName().toString())).append('\t').append(m.getParameters().size()).append('\t')
          .append(flag(isStatic)).append('\t').append(gapsText(s.gaps())).append('\n');
      Ids ids = new Ids();
      for (VarEvent e : s.events()) {
        out.append("event\t").append(event(e, ids)).append('\n');
      }
    }
    return out.toString();
  }

  /** Numbers for the callee's places: equal keys get equal numbers. */
  private static final class Ids {
    private final Map<Object, Integer> entries = new HashMap<>();
    private final Map<Object, Integer> branches = new HashMap<>();

    int entry(List<Object> entry) {
      return entries.computeIfAbsent(entry, k -> entries.size());
    }

    int branch(Object branch) {
      return branches.computeIfAbsent(branch, k -> branches.size());
    }
  }

  private static String event(VarEvent e, Ids ids) {
    List<String> segments = new ArrayList<>();
    for (Segment s : e.path()) {
      segments.add(text(s.literal()) + "," + s.parameter() + "," + text(s.defaultBase()) + "," + ids.entry(s.entry()));
    }
    List<String> arms = new ArrayList<>();
    for (Arm a : e.arms()) {
      arms.add(ids.branch(a.branch()) + ":" + a.index());
    }
    List<String> loops = new ArrayList<>();
    for (Loop l : e.loops()) {
      loops.add(ids.entry(l.entry()) + ":" + l.bound() + ":" + l.depth());
    }
    return String.join("\t", String.join("|", segments), text(e.name()), shape(e.shape()), text(e.dtype()),
        text(e.reuse()), flag(e.reuseUnknown()), text(e.nameScope()), flag(e.varScoped()), Long.toString(e.count()),
        flag(!e.certainInItsArms()), String.join(",", arms), text(e.layer()), flag(e.layerReuseTrue()), String.join(",", loops),
        text(e.scopeReuseOf()));
  }

  /**
   * The model written in {@code text}, or null when it is not a summary of this version or cannot be parsed.
   */
  static CompiledModel read(String text) {
    try {
      return parse(text);
    } catch (RuntimeException malformed) {
      return null; // truncated, edited or of another layout: unresolved, like a model without a summary
    }
  }

  private static CompiledModel parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 2 || !lines[0].equals(HEADER)) {
      return null;
    }
    String[] model = fields(lines[1], "model", 4);
    String modelName = string(model[1]);
    List<Method> methods = new ArrayList<>();
    String[] method = null;
    List<VarEvent> events = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break;
      }
      if (line.startsWith("method\t")) {
        if (method != null) {
          methods.add(method(method, events));
        }
        method = fields(line, "method", 6);
        events = new ArrayList<>();
      } else {
        if (method == null) {
          throw new IllegalArgumentException("event before method");
        }
        events.add(event(fields(line, "event", 16), modelName + "#" + string(method[1]) + "#"));
      }
    }
    if (method != null) {
      methods.add(method(method, events));
    }
    return new CompiledModel(modelName, string(model[2]), bool(model[3]), List.copyOf(methods));
  }

  private static Method method(String[] f, List<VarEvent> events) {
    Set<Gap> gaps = EnumSet.noneOf(Gap.class);
    if (!f[5].isEmpty()) {
      for (String g : f[5].split(",")) {
        gaps.add(Gap.valueOf(g));
      }
    }
    return new Method(string(f[1]), string(f[2]), Integer.parseInt(f[3]), bool(f[4]),
        new Summary(List.copyOf(events), gaps));
  }

  /** An event of the callee, its places named {@code <model>#<signature>#<number>}: unique to that method. */
  private static VarEvent event(String[] f, String place) {
    List<Segment> path = new ArrayList<>();
    if (!f[1].isEmpty()) {
      for (String s : f[1].split("\\|", -1)) {
        String[] p = s.split(",", -1);
        path.add(new Segment(string(p[0]), Integer.parseInt(p[1]), string(p[2]), List.of(place + "e" + p[3])));
      }
    }
    List<Arm> arms = new ArrayList<>();
    if (!f[11].isEmpty()) {
      for (String a : f[11].split(",")) {
        String[] p = a.split(":", -1);
        arms.add(new Arm(place + "b" + p[0], Integer.parseInt(p[1])));
      }
    }
    List<Loop> loops = new ArrayList<>();
    if (!f[14].isEmpty()) {
      for (String l : f[14].split(",")) {
        String[] p = l.split(":", -1);
        loops.add(new Loop(List.of(place + "e" + p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2])));
      }
    }
    return new VarEvent(path, string(f[2]), shape(f[3]), string(f[4]), string(f[5]), bool(f[6]), string(f[7]),
        bool(f[8]), Long.parseLong(f[9]), bool(f[10]), List.of(), arms, string(f[12]), bool(f[13]), loops,
        string(f[15]));
  }

  private static String[] fields(String line, String kind, int count) {
    String[] f = line.split("\t", -1);
    if (f.length != count || !f[0].equals(kind)) {
      throw new IllegalArgumentException("not a " + kind + " line: " + line);
    }
    return f;
  }

  private static String flag(boolean b) {
    return b ? "1" : "0";
  }

  private static boolean bool(String s) {
    return switch (s) {
      case "1" -> true;
      case "0" -> false;
      default -> throw new IllegalArgumentException("not a flag: " + s);
    };
  }

  private static String gapsText(Set<Gap> gaps) {
    List<String> names = new ArrayList<>();
    for (Gap g : gaps) {
      names.add(g.name());
    }
    return String.join(",", names);
  }

  private static String shape(long[] dims) {
    if (dims == null) {
      return "-";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? " " : "").append(dims[i]);
    }
    return sb.append(']').toString();
  }

  private static long[] shape(String s) {
    if (s.equals("-")) {
      return null;
    }
    if (!s.startsWith("[") || !s.endsWith("]")) {
      throw new IllegalArgumentException("not a shape: " + s);
    }
    String inner = s.substring(1, s.length() - 1);
    if (inner.isEmpty()) {
      return new long[0];
    }
    String[] parts = inner.split(" ");
    long[] dims = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      dims[i] = Long.parseLong(parts[i]);
    }
    return dims;
  }

  /** A string field: {@code -} for null, else {@code =} and the text with separators percent-escaped. */
  private static String text(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder sb = new StringBuilder("=");
    for (char c : s.toCharArray()) {
      if (c == '%' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '|' || c == ':') {
        sb.append('%').append(String.format("%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String string(String field) {
    if (field.equals("-")) {
      return null;
    }
    if (!field.startsWith("=")) {
      throw new IllegalArgumentException("not a string: " + field);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '%') {
        sb.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
