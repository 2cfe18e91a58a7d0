package io.scopegraph.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.scopegraph.processor.VarEvent.Site;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.ElementFilter;

/**
 * Runs every root of a model (each non-private method, as if called at the root of a fresh graph) over its
 * {@link BodyAnalysis} summary: reports what TensorFlow would raise at run time where the code shows it
 * for certain (errors) or possibly (warnings), and writes the predicted variables as the manifest text.
 */
final class CallSiteChecks {
  /**
   * What a root creates when called at the root of a fresh graph.
   *
   * @param certain the variables it certainly creates (full name → the first event creating it), in order
   * @param gaps why other variables may exist that are not in {@code certain}, in words; empty: complete
   */
  record Prediction(Map<String, VarEvent> certain, Set<String> gaps) {}

  private final ModelSpec spec;
  private final Trees trees;
  private final BodyAnalysis analysis;
  private final Reporter reporter;
  private final Set<String> reported = new HashSet<>();
  private final Map<ExecutableElement, Prediction> predictions = new LinkedHashMap<>();

  CallSiteChecks(ModelSpec spec, Trees trees, BodyAnalysis analysis, Reporter reporter) {
    this.spec = spec;
    this.trees = trees;
    this.analysis = analysis;
    this.reporter = reporter;
  }

  /** The prediction for a root checked by {@link #run()}; null for a method that is not a root. */
  Prediction prediction(ExecutableElement root) {
    return predictions.get(root);
  }

  /** Checks all roots and returns the manifest text. */
  String run() {
    Map<ExecutableElement, BodyAnalysis.Summary> roots = new LinkedHashMap<>();
    for (ExecutableElement m : analysis.callableMethods()) { // its own, and the scoped methods it inherits
      BodyAnalysis.Summary s = analysis.summary(m);
      List<VarEvent> events = s.events().stream().map(VarEvent::atRoot).toList();
      roots.put(m, new BodyAnalysis.Summary(DefaultNameReplay.resolve(events), s.gaps()));
    }
    for (BodyAnalysis.NameProblem p : analysis.nameProblems) {
      report(p.diagnostic(), p.site(), p.name(), p.name());
    }
    Set<String> createdAnywhere = new HashSet<>();
    for (BodyAnalysis.Summary s : roots.values()) {
      for (VarEvent e : s.events()) {
        if (e.fullName() != null && !"TRUE".equals(e.reuse())) {
          createdAnywhere.add(e.fullName());
        }
      }
    }
    StringBuilder manifest = new StringBuilder("# scopegraph variable manifest of ")
        .append(spec.type().getQualifiedName()).append(" (predicted by scopegraph-processor)\n");
    for (Map.Entry<ExecutableElement, BodyAnalysis.Summary> root : roots.entrySet()) {
      manifest.append(checkRoot(root.getKey(), root.getValue(), createdAnywhere));
    }
    return manifest.toString();
  }

  private String checkRoot(ExecutableElement root, BodyAnalysis.Summary summary, Set<String> createdAnywhere) {
    String rootName = ModelValidator.describe(root);
    Map<String, VarEvent> created = new LinkedHashMap<>();
    Map<String, VarEvent> certainlyCreated = new LinkedHashMap<>();
    Set<String> gaps = new LinkedHashSet<>();
    summary.gaps().forEach(g -> gaps.add(g.description));
    boolean complete = summary.complete();
    for (VarEvent e : summary.events()) {
      String name = e.fullName();
      if (e.nameScope() != null && !e.varScoped()) {
        String expected = e.nameScope().isEmpty() ? "" : ", not '" + e.nameScope() + "/" + e.name() + "'";
        String scope = e.nameScope().isEmpty() ? "(named at run time)" : "'" + e.nameScope() + "'";
        report(Diagnostic.NAME_SCOPE_ONLY_VARIABLE, last(e), e.name(), scope, rootName, e.name(), expected);
      }
      boolean certain = !e.may() && e.count() != VarEvent.MANY;
      if (name == null || !certain) {
        complete = false;
        gaps.add(name == null ? "variable scopes named at run time (@ScopeName arguments and layer names that are "
            + "not literals, default names counted after such scopes or inside loops and branches)" : e.may() ? "getVariable calls that run on some paths only (branches, early exits)"
            : "getVariable calls in loops whose number of runs is not known");
      }
      if (name == null) {
        continue;
      }
      String reuse = e.reuse() == null ? "FALSE" : e.reuse();
      if (certain && e.count() != 0 && (e.reuseUnknown() || !reuse.equals("TRUE"))) {
        certainlyCreated.putIfAbsent(name, e);
      }
      VarEvent first = created.get(name);
      if (!e.reuseUnknown()) {
        if (reuse.equals("TRUE") && !createdAnywhere.contains(name) && !hiddenCreators()) {
          if (e.layerReuseTrue() && certain && summary.complete()) {
            // the layer call itself claims the variable exists: in a fresh graph nothing else can have made it
            report(Diagnostic.LAYER_REUSE_WITHOUT_VARIABLE, last(e), name, e.layer(), spec.type().getSimpleName(),
                name, rootName);
          } else {
            report(Diagnostic.REUSE_WITHOUT_CREATOR, last(e), name, spec.type().getSimpleName(), name);
          }
        }
        if (reuse.equals("FALSE")) {
          if (first != null && e.excludes(first)) {
            continue; // the other arm of the same branch: never both
          } else if (first != null) {
            duplicate(e, first, name, rootName, certain && !first.may() && first.count() != VarEvent.MANY);
          } else if (e.count() == VarEvent.MANY || e.count() >= 2) {
            selfDuplicate(e, name, rootName);
          }
        } else if (first != null) {
          conflicts(e, first, name, rootName);
        }
      }
      // The first creation is what the store will hold (an unknown reuse mode creates it too, or fails).
      if (first == null && (e.reuseUnknown() || !reuse.equals("TRUE")) && e.count() != 0) {
        created.put(name, e);
      }
    }
    predictions.put(root, new Prediction(certainlyCreated, complete ? Set.of() : gaps));
    StringBuilder out = new StringBuilder("root\t").append(ModelValidator.signature(root))
        .append('\t').append(complete ? "complete" : "incomplete").append('\n');
    for (Map.Entry<String, VarEvent> v : created.entrySet()) {
      VarEvent e = v.getValue();
      if (e.may() || e.count() == VarEvent.MANY) {
        continue; // may not run: not a prediction
      }
      out.append("var\t").append(v.getKey()).append('\t').append(shapeText(e.shape())).append('\t')
          .append(e.dtype() == null ? "float32" : e.dtype()).append('\n');
    }
    return out.toString();
  }

  /** Whether a scope with a custom getter or a partitioner may create variables the analysis cannot name. */
  private boolean hiddenCreators() {
    return spec.methods().stream().anyMatch(m -> m.variableScope() != null && m.variableScope().hidesVariables());
  }

  private void duplicate(VarEvent second, VarEvent first, String name, String rootName, boolean certain) {
    int at = divergence(first, second);
    Site site = second.chain().get(Math.min(at, second.chain().size() - 1));
    String firstSite = "first created " + where(first.chain().get(Math.min(at, first.chain().size() - 1)));
    if (certain && second.scopeReuseOf() != null) {
      report(second.layer() != null ? Diagnostic.DUPLICATE_LAYER_VARIABLE_SCOPE_REUSE
          : Diagnostic.DUPLICATE_VARIABLE_SCOPE_REUSE, site, name, firstSite, name, rootName, second.scopeReuseOf());
    } else if (certain) {
      report(duplicateOf(second), site, name, firstSite, name, rootName);
    } else {
      report(Diagnostic.MAYBE_DUPLICATE_VARIABLE, site, name, firstSite + ", on some paths only", name, rootName);
    }
  }

  private void selfDuplicate(VarEvent e, String name, String rootName) {
    Site site = e.chain().get(0);
    for (Site s : e.chain()) {
      if (s.repeat() != 1) {
        site = s;
        break;
      }
    }
    if (e.count() == VarEvent.MANY || e.may()) {
      report(Diagnostic.MAYBE_DUPLICATE_VARIABLE, site, name, "in a loop whose number of runs is not known", name,
          rootName);
    } else {
      report(duplicateOf(e), site, name, "in a loop that runs it " + e.count() + " times", name, rootName);
    }
  }

  /** A layer's clash quotes the runtime's own message and says how layers share. */
  private static Diagnostic duplicateOf(VarEvent e) {
    return e.layer() != null ? Diagnostic.DUPLICATE_LAYER_VARIABLE : Diagnostic.DUPLICATE_VARIABLE;
  }

  private void conflicts(VarEvent e, VarEvent first, String name, String rootName) {
    if (e.may() || first.may()) {
      return; // only certain facts make these errors
    }
    Site site = e.chain().get(Math.min(divergence(first, e), e.chain().size() - 1));
    String firstSite = "first created " + where(first.chain().get(Math.min(divergence(first, e),
        first.chain().size() - 1)));
    if (e.shape() != null && first.shape() != null && !compatible(e.shape(), first.shape())) {
      String specified = tfShape(e.shape());
      String found = tfShape(first.shape());
      report(Diagnostic.VARIABLE_SHAPE_CONFLICT, site, name, specified, found, firstSite, name, specified, found,
          rootName);
    }
    String d1 = e.dtype() == null ? "float32" : e.dtype();
    String d0 = first.dtype() == null ? "float32" : first.dtype();
    if (!d1.equals("?") && !d0.equals("?") && !d1.equals(d0)) {
      report(Diagnostic.VARIABLE_DTYPE_CONFLICT, site, name, d1, d0, firstSite, name, d1, d0, rootName);
    }
  }

  /** The first position where the two call chains differ: where the second execution takes its own way. */
  private static int divergence(VarEvent a, VarEvent b) {
    int n = Math.min(a.chain().size(), b.chain().size());
    for (int i = 0; i < n; i++) {
      if (a.chain().get(i).tree() != b.chain().get(i).tree()) {
        return i;
      }
    }
    return n - 1;
  }

  static Site last(VarEvent e) {
    return e.chain().get(e.chain().size() - 1);
  }

  private String where(Site site) {
    return "at line " + line(site.unit(), site.tree());
  }

  private long line(CompilationUnitTree unit, Tree tree) {
    long pos = trees.getSourcePositions().getStartPosition(unit, tree);
    return unit.getLineMap().getLineNumber(pos);
  }

  private void report(Diagnostic d, Site site, Object... args) {
    String key = d.id() + "@" + trees.getSourcePositions().getStartPosition(site.unit(), site.tree());
    if (!reported.add(key)) {
      return;
    }
    reporter.reportAt(d, trees, site.tree(), site.unit(), site.method(), args);
  }

  private static boolean compatible(long[] a, long[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0 && b[i] >= 0 && a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /** TF's {@code TensorShape.__str__}: {@code (2,)}, {@code (2, 3)}, {@code ()}. */
  private static String tfShape(long[] dims) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? ", " : "").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
    }
    return sb.append(dims.length == 1 ? ",)" : ")").toString();
  }

  private static String shapeText(long[] dims) {
    if (dims == null) {
      return "?";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? "," : "").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }
}
