package io.scopegraph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The variables the scopegraph processor predicted, at compile time, that each method of a {@code @Model}
 * creates with {@code getVariable} when called at the root of a fresh graph (names relative to the caller's
 * variable scope). Written by the processor as the resource {@code META-INF/scopegraph/<model binary
 * name>.variables}; absent when the body analysis did not run.
 *
 * <p>The file is UTF-8 text, one record a line, fields separated by tabs; {@code #} starts a comment:
 *
 * <pre>
 * root  tower(Tensor)  complete
 * var   tower/w  [4,3]  float32
 * var   tower/b  ?      float32
 * </pre>
 *
 * A {@code root} is a non-private method (its parameter types simply named); {@code complete} means every
 * variable it creates was resolved, {@code incomplete} that some could not be (computed names, unknown
 * callees) and are not listed. Shapes are {@code [d0,d1,…]} ({@code []} for a scalar; a dimension the code does not
 * give, such as a layer's input width, is {@code ?}: {@code [?,64]}) or {@code ?}; dtypes
 * TF's names or {@code ?}.
 */
public final class VariableManifest {
  /** One predicted variable: its full name; shape and dtype when the code gives them literally (else null). */
  public record Entry(String name, Shape shape, DType dtype) {}

  /** The prediction for one method called at the root of a fresh graph. */
  public record Root(String method, boolean complete, List<Entry> variables) {}

  private final List<Root> roots;

  private VariableManifest(List<Root> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The resource path of a model's manifest. */
  public static String resourceName(Class<?> model) {
    return "META-INF/scopegraph/" + model.getName() + ".variables";
  }

  /** The manifest of {@code model} (the model class, not the generated one), if the processor wrote one. */
  public static Optional<VariableManifest> load(Class<?> model) {
    ClassLoader loader = model.getClassLoader() != null ? model.getClassLoader() : ClassLoader.getSystemClassLoader();
    try (InputStream in = loader.getResourceAsStream(resourceName(model))) {
      return in == null ? Optional.empty() : Optional.of(parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resourceName(model), e);
    }
  }

  /** Parses the text format above. */
  public static VariableManifest parse(InputStream in) throws IOException {
    List<Root> roots = new ArrayList<>();
    String method = null;
    boolean complete = false;
    List<Entry> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f[0].equals("root") && f.length == 3) {
        if (method != null) {
          roots.add(new Root(method, complete, entries));
        }
        method = f[1];
        complete = f[2].equals("complete");
        entries = new ArrayList<>();
      } else if (f[0].equals("var") && f.length == 4 && method != null) {
        entries.add(new Entry(f[1], parseShape(f[2]), f[3].equals("?") ? null : dtype(f[3])));
      } else {
        throw new IOException("Not a scopegraph manifest line: " + line);
      }
    }
    if (method != null) {
      roots.add(new Root(method, complete, entries));
    }
    return new VariableManifest(roots);
  }

  private static Shape parseShape(String s) {
    if (s.equals("?")) {
      return null;
    }
    String body = s.substring(1, s.length() - 1);
    if (body.isEmpty()) {
      return Shape.scalar();
    }
    String[] parts = body.split(",");
    long[] dims = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String d = parts[i].trim();
      dims[i] = d.equals("?") ? -1 : Long.parseLong(d);
    }
    return Shape.of(dims);
  }

  private static DType dtype(String tfName) {
    for (DType d : DType.values()) {
      if (d.tfName().equals(tfName)) {
        return d;
      }
    }
    throw new IllegalArgumentException("Unknown dtype " + tfName);
  }

  public List<Root> roots() {
    return roots;
  }

  /** The prediction for the method whose manifest name ({@code tower(Tensor)}) is {@code method}. */
  public Optional<Root> root(String method) {
    return roots.stream().filter(r -> r.method().equals(method)).findFirst();
  }
}
