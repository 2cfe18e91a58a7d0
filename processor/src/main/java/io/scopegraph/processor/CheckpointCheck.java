package io.scopegraph.processor;

import com.sun.source.util.Trees;
import io.scopegraph.DType;
import io.scopegraph.Shape;
import io.scopegraph.processor.VarEvent.Site;
import io.scopegraph.tensorflow.CheckpointException;
import io.scopegraph.tensorflow.CheckpointReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * {@code @Checkpoint}: checks the annotation, finds and reads its checkpoint (once per compilation), and compares
 * the variables the call-site analysis predicts for the annotated method, called at the root of a fresh graph,
 * with the checkpoint's keys, shapes and dtypes. Only certain predictions are errors; where the prediction is
 * incomplete, one note says what was not checked.
 */
final class CheckpointCheck implements AutoCloseable {
  static final String ANNOTATION = "io.scopegraph.annotations.Checkpoint";
  static final String DIR_OPTION = "scopegraph.checkpointDir";

  /** The file names of a checkpoint, which a value must not end with: it names the prefix. */
  private static final Pattern FILE_SUFFIX = Pattern.compile("\\.(?:index|data-\\d{5}-of-\\d{5})$");

  /**
   * A {@code @Checkpoint} on a model method whose checkpoint was found and read.
   *
   * @param resource the value as a resource path (no leading {@code /})
   */
  record Target(ExecutableElement method, AnnotationMirror annotation, String value, String resource,
      CheckpointReader reader) {}

  /** A checkpoint read once: its reader, or the reader's complaint. */
  private record Loaded(CheckpointReader reader, String error) {}

  private final ProcessingEnvironment env;
  private final CheckpointLocator locator;
  private final Map<String, CheckpointLocator.Result> located = new HashMap<>();
  private final Map<Path, Loaded> loaded = new HashMap<>();
  /** Call-site reports already printed (a getVariable shared by two annotated roots with the same message). */
  private final Set<String> reported = new HashSet<>();
  private boolean notCheckedReported;

  CheckpointCheck(ProcessingEnvironment env) {
    this.env = env;
    this.locator = new CheckpointLocator(env.getFiler(), env.getOptions().get(DIR_OPTION));
  }

  /** The element's {@code @Checkpoint}, or null. */
  static AnnotationMirror annotation(Element e) {
    return ModelValidator.annotationOf(e, ANNOTATION);
  }

  /** {@code @Checkpoint} on a method of a class without {@code @Model}: never analysed. */
  void reportOutsideModel(ExecutableElement method, Reporter reporter) {
    AnnotationMirror a = annotation(method);
    AnnotationValue v = value(a);
    String owner = method.getEnclosingElement().getSimpleName().toString();
    reporter.report(Diagnostic.INVALID_CHECKPOINT_ANNOTATION, method, a, v == null ? "" : v.getValue(),
        ModelValidator.describe(method), "is in " + owner + ", which is not annotated @Model, so the processor "
            + "does not analyse it", "Annotate " + owner + " with @Model, or remove @Checkpoint.");
  }

  /**
   * Checks each {@code @Checkpoint} of the model's own methods, finds and reads its checkpoint, and returns the
   * ones that can be compared; every problem is reported.
   */
  List<Target> declared(TypeElement model, Reporter reporter) {
    List<Target> out = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(model.getEnclosedElements())) {
      AnnotationMirror a = annotation(method);
      if (a == null) {
        continue;
      }
      AnnotationValue v = value(a);
      if (v == null || !(v.getValue() instanceof String value)) {
        continue; // javac reports the erroneous value itself
      }
      String describe = ModelValidator.describe(method);
      for (Modifier m : new Modifier[] {Modifier.PRIVATE, Modifier.STATIC}) {
        if (method.getModifiers().contains(m)) {
          reporter.report(Diagnostic.INVALID_CHECKPOINT_ANNOTATION, method, a, value, describe,
              "is on a " + m + " method, which the processor does not analyse as a root (only non-private, "
                  + "non-static methods are called at the root of a graph)",
              "Put @Checkpoint on the non-private, non-static method that builds the model the checkpoint "
                  + "restores.");
          value = null;
          break;
        }
      }
      if (value == null || !checkValue(method, a, v, value, reporter)) {
        continue;
      }
      String resource = value.startsWith("/") ? value.substring(1) : value;
      CheckpointLocator.Result where = located.computeIfAbsent(resource, locator::locate);
      if (!where.found()) {
        reporter.report(Diagnostic.CHECKPOINT_NOT_FOUND, method, a, v, resource, describe,
            String.join(", ", where.looked()), resource, resource);
        continue;
      }
      Loaded checkpoint = loaded.computeIfAbsent(where.prefix().toAbsolutePath().normalize(), CheckpointCheck::read);
      if (checkpoint.error() != null) {
        reporter.report(Diagnostic.UNREADABLE_CHECKPOINT, method, a, v, resource, describe, where.prefix(),
            checkpoint.error());
        continue;
      }
      out.add(new Target(method, a, value, resource, checkpoint.reader()));
    }
    return out;
  }

  /** Whether the value names a checkpoint prefix as a relative resource path; reports it when it does not. */
  private static boolean checkValue(ExecutableElement method, AnnotationMirror a, AnnotationValue v, String value,
      Reporter reporter) {
    String describe = ModelValidator.describe(method);
    String resource = value.startsWith("/") ? value.substring(1) : value;
    String problem = null;
    String fix = "Write the checkpoint's prefix relative to the resources root, with '/' separators: "
        + "@Checkpoint(\"checkpoints/model.ckpt\") for src/main/resources/checkpoints/model.ckpt.index.";
    if (resource.isEmpty()) {
      problem = "names no checkpoint";
    } else if (resource.contains("\\") || List.of(resource.split("/", -1)).stream()
        .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      problem = "is not a path inside the resources root ('/' separators, no empty, '.' or '..' segments)";
    } else if (FILE_SUFFIX.matcher(resource).find()) {
      String prefix = FILE_SUFFIX.matcher(value).replaceFirst("");
      problem = "names one of the checkpoint's files, but the value is its prefix (the path without .index or "
          + ".data-…, as Saver.save returns it)";
      fix = "Write @Checkpoint(\"" + prefix + "\").";
    }
    if (problem == null) {
      return true;
    }
    reporter.report(Diagnostic.INVALID_CHECKPOINT_ANNOTATION, method, a, v, value, describe, problem, fix);
    return false;
  }

  private static Loaded read(Path prefix) {
    try {
      CheckpointReader reader = CheckpointReader.open(prefix);
      reader.keys(); // the whole index is read and checked here, not at the first comparison
      return new Loaded(reader, null);
    } catch (CheckpointException e) {
      return new Loaded(null, e.getMessage());
    } catch (RuntimeException | LinkageError e) { // a reader bug must not crash javac: report it at the annotation
      return new Loaded(null, e.toString());
    }
  }

  /** Compares each target with what {@code checks} (already run) predicts for its method. */
  void compare(List<Target> targets, CallSiteChecks checks, Trees trees, Reporter reporter) {
    for (Target t : targets) {
      CallSiteChecks.Prediction prediction = checks.prediction(t.method());
      if (prediction == null) {
        continue; // not a root (rejected above)
      }
      String root = ModelValidator.describe(t.method());
      CheckpointReader ckpt = t.reader();
      for (Map.Entry<String, VarEvent> created : prediction.certain().entrySet()) {
        String name = created.getKey();
        VarEvent e = created.getValue();
        Site site = CallSiteChecks.last(e);
        if (!ckpt.contains(name)) {
          String closest = ckpt.closestKey(name);
          String hint = closest != null ? "closest key: " + closest : noCloseKey(ckpt.keys());
          report(reporter, trees, site, Diagnostic.MISSING_CHECKPOINT_KEY, name, t.resource(), root, name, hint);
          continue;
        }
        long[] want = e.shape();
        Shape have = ckpt.shape(name);
        if (want != null && isFullyDefined(want) && have.hasKnownRank() && !Shape.of(want).equals(have)) {
          Shape wanted = Shape.of(want);
          report(reporter, trees, site, Diagnostic.CHECKPOINT_SHAPE_MISMATCH, name, wanted, t.resource(), root,
              have, wanted.toDimsString(), have.toDimsString());
        }
        String wantType = e.dtype() == null ? "float32" : e.dtype(); // nothing inherited at the root: float32
        String haveType = ckpt.dtypeName(name);
        if (!wantType.equals("?") && !wantType.equals(haveType)) {
          report(reporter, trees, site, Diagnostic.CHECKPOINT_DTYPE_MISMATCH, name, wantType, t.resource(), root,
              haveType, name, runtimeName(wantType), runtimeName(haveType), dtypeConstant(haveType));
        }
      }
      if (!prediction.gaps().isEmpty()) {
        int n = prediction.certain().size();
        reporter.report(Diagnostic.INCOMPLETE_CHECKPOINT_CHECK, t.method(), t.annotation(), t.value(), root, n,
            n == 1 ? "" : "s", String.join("; ", prediction.gaps()));
      }
    }
  }

  /**
   * The checkpoints of {@code targets} are not compared because the analysis did not run: one note per
   * compilation (an error with {@code -Ascopegraph.callSites=require}), at the first such annotation.
   */
  void reportNotChecked(List<Target> targets, String reason, String fix, boolean required) {
    if (targets.isEmpty() || notCheckedReported) {
      return;
    }
    notCheckedReported = true;
    Diagnostic d = Diagnostic.CHECKPOINT_NOT_CHECKED;
    env.getMessager().printMessage(d.kind(required), d.format(reason, fix), targets.get(0).method(),
        targets.get(0).annotation());
  }

  private void report(Reporter reporter, Trees trees, Site site, Diagnostic d, Object... args) {
    String key = trees.getSourcePositions().getStartPosition(site.unit(), site.tree()) + d.format(args);
    if (reported.add(key)) {
      reporter.reportAt(d, trees, site.tree(), site.unit(), site.method(), args);
    }
  }

  private static String noCloseKey(List<String> keys) {
    return switch (keys.size()) {
      case 0 -> "the checkpoint has no keys";
      case 1 -> "its only key, " + keys.get(0) + ", is not close";
      default -> "none of its " + keys.size() + " keys is close";
    };
  }

  private static boolean isFullyDefined(long[] dims) {
    for (long d : dims) {
      if (d < 0) {
        return false;
      }
    }
    return true;
  }

  /** The dtype's name as TensorFlow's C++ runtime prints it in restore errors: float, double, int32, half, … */
  static String runtimeName(String pythonName) {
    for (DType d : DType.values()) {
      if (d.tfName().equals(pythonName)) {
        return d.protoName();
      }
    }
    return pythonName.equals("float16") ? "half" : pythonName;
  }

  /** How the fix names a dtype: {@code DType.FLOAT64}, or TF's name when the runtime has no such dtype. */
  private static String dtypeConstant(String pythonName) {
    for (DType d : DType.values()) {
      if (d.tfName().equals(pythonName)) {
        return "DType." + d.name();
      }
    }
    return pythonName + ", which scopegraph's runtime does not have";
  }

  /** The annotation's value, or null when it has none (javac reports that: value has no default). */
  private static AnnotationValue value(AnnotationMirror a) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : a.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Closes the readers (at the end of the compilation). */
  @Override
  public void close() {
    for (Loaded l : loaded.values()) {
      if (l.reader() != null) {
        l.reader().close();
      }
    }
    loaded.clear();
  }
}
