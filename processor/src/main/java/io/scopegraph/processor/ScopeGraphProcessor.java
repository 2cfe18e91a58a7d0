package io.scopegraph.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The scopegraph annotation processor: validates each {@code @Model} class, then generates its
 * {@code Scoped<Model>} subclass. A model with an error gets nothing generated; the others are still
 * processed. A model whose types are not resolved yet (made by another processor) waits for a later round.
 */
@AutoService(Processor.class)
public final class ScopeGraphProcessor extends AbstractProcessor {
  private static final String PACKAGE = "io.scopegraph.annotations.";
  private static final Set<String> SCOPE_ANNOTATIONS = Set.of(PACKAGE + "VariableScope", PACKAGE + "NameScope",
      PACKAGE + "OpScope", PACKAGE + "VariableOpScope");

  static final String CALL_SITES_OPTION = "scopegraph.callSites";

  /** Models waiting for their types, by qualified name (elements are not stable across rounds). */
  private final Set<String> deferred = new LinkedHashSet<>();
  private String callSites;
  private Trees trees;
  private boolean treesReported;
  /** {@link #namedOpArities()}, read once: Ops is the runtime's and the same in every round. */
  private Map<String, Set<Integer>> namedOpArities;
  /** {@code @Checkpoint}: its checkpoints are found and read once per compilation. */
  private CheckpointCheck checkpoints;
  /** What the compilation's reporters printed: each diagnostic once, however many models reach its element. */
  private final Set<List<Object>> printed = new java.util.HashSet<>();
  /** The valid models of this compilation, for calls from one model into another. */
  private ModelRegistry registry;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    callSites = env.getOptions().getOrDefault(CALL_SITES_OPTION, "auto");
    checkpoints = new CheckpointCheck(env);
    if (!callSites.equals("off")) {
      trees = TreesAccess.trees(env);
    }
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(CALL_SITES_OPTION, CheckpointCheck.DIR_OPTION);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> types = new LinkedHashSet<>(SCOPE_ANNOTATIONS);
    types.add(PACKAGE + "Model");
    types.add(PACKAGE + "ScopeName");
    types.add(CheckpointCheck.ANNOTATION);
    return types;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, TypeElement> models = new LinkedHashMap<>();
    for (String name : deferred) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        models.put(name, t);
      }
    }
    deferred.clear();
    TypeElement modelAnnotation = processingEnv.getElementUtils().getTypeElement(PACKAGE + "Model");
    if (modelAnnotation == null) {
      return false; // the runtime is not on the class path: no models
    }
    // One scan of the round's elements for all our annotations (each getElementsAnnotatedWith is a scan).
    Map<TypeElement, List<Element>> annotated = annotatedElements(round, modelAnnotation);
    for (TypeElement t : ElementFilter.typesIn(annotated.get(modelAnnotation))) {
      models.put(t.getQualifiedName().toString(), t);
    }
    reportScopesOutsideModels(annotated, modelAnnotation);
    reportCheckpointsOutsideModels(annotated, modelAnnotation);
    // All of the round's models are validated (and registered) before any body is analysed: a model holding
    // another one follows calls into the other's summary, whichever comes first.
    List<Validated> validated = new ArrayList<>();
    for (TypeElement model : models.values()) {
      if (!isResolved(model)) {
        if (!round.processingOver()) {
          deferred.add(model.getQualifiedName().toString());
        }
        continue; // javac reports the missing types itself
      }
      validated.add(validate(model));
    }
    for (Validated v : validated) {
      process(v);
    }
    if (round.processingOver()) {
      checkpoints.close();
    }
    return false; // other processors may read the same annotations
  }

  /**
   * The round's elements annotated with {@code @Model} and with each scope annotation, each list in the order
   * {@code getElementsAnnotatedWith} gives (one scan with {@code getElementsAnnotatedWithAny}, then split by
   * the same test javac applies: the element's annotation mirrors, inherited ones included).
   */
  private Map<TypeElement, List<Element>> annotatedElements(RoundEnvironment round, TypeElement modelAnnotation) {
    Map<TypeElement, List<Element>> out = new LinkedHashMap<>();
    out.put(modelAnnotation, new ArrayList<>());
    for (String name : SCOPE_ANNOTATIONS) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation != null) {
        out.put(annotation, new ArrayList<>());
      }
    }
    TypeElement checkpoint = processingEnv.getElementUtils().getTypeElement(CheckpointCheck.ANNOTATION);
    if (checkpoint != null) {
      out.put(checkpoint, new ArrayList<>());
    }
    for (Element e : round.getElementsAnnotatedWithAny(out.keySet().toArray(new TypeElement[0]))) {
      for (AnnotationMirror a : processingEnv.getElementUtils().getAllAnnotationMirrors(e)) {
        List<Element> list = out.get(a.getAnnotationType().asElement());
        if (list != null && (list.isEmpty() || list.get(list.size() - 1) != e)) {
          list.add(e);
        }
      }
    }
    return out;
  }

  /** A model after validation: its spec (null when invalid), its checkpoints, and its reporter. */
  private record Validated(TypeElement model, ModelSpec spec, List<CheckpointCheck.Target> targets,
      Reporter reporter) {}

  private Validated validate(TypeElement model) {
    Reporter reporter = new Reporter(processingEnv.getMessager(), printed);
    ModelSpec spec = new ModelValidator(processingEnv, reporter).validate(model);
    List<CheckpointCheck.Target> targets = checkpoints.declared(model, reporter);
    if (spec != null && registry() != null) {
      registry().register(spec);
    }
    return new Validated(model, spec, targets, reporter);
  }

  /** The compilation's valid models, once the call-site analysis can run (trees available); else null. */
  private ModelRegistry registry() {
    if (registry == null && trees != null) {
      if (namedOpArities == null) {
        namedOpArities = namedOpArities();
      }
      registry = new ModelRegistry(processingEnv, trees, namedOpArities);
    }
    return registry;
  }

  private void process(Validated v) {
    TypeElement model = v.model();
    Reporter reporter = v.reporter();
    ModelSpec spec = v.spec();
    List<CheckpointCheck.Target> targets = v.targets();
    if (spec == null) {
      return;
    }
    CallSiteChecks checks = analyse(spec, reporter);
    String manifest = null;
    String summary = null;
    if (checks != null) {
      manifest = checks.run();
      summary = SummaryFile.write(spec, registry().analysis(spec.type()));
      checkpoints.compare(targets, checks, trees, reporter);
    } else if (callSites.equals("off")) {
      checkpoints.reportNotChecked(targets, "-Ascopegraph.callSites=off switches off the call-site analysis it "
          + "needs", "Remove -Ascopegraph.callSites=off to compare them at build time.", false);
    } else if (trees == null && (callSites.equals("auto") || callSites.equals("require"))) {
      checkpoints.reportNotChecked(targets, "javac's syntax trees, which the call-site analysis needs, are not "
          + "available in this compiler environment (" + processingEnv.getClass().getName() + ")",
          "Compile with javac to compare them at build time.", callSites.equals("require"));
    }
    if (reporter.hasErrors()) {
      return; // the call-site checks found what TF would raise: nothing is generated
    }
    try {
      new ScopedModelWriter(processingEnv.getFiler(), processingEnv.getElementUtils(), processingEnv.getTypeUtils())
          .write(spec);
      String binaryName = processingEnv.getElementUtils().getBinaryName(model).toString();
      if (manifest != null) {
        writeResource("META-INF/scopegraph/" + binaryName + ".variables", manifest, model);
      }
      if (summary != null) { // what a model compiled later that holds this one follows its calls into
        writeResource(SummaryFile.path(binaryName), summary, model);
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Kind.ERROR,
          "[scopegraph:CouldNotWrite] Could not write " + spec.generatedName() + ": " + e.getMessage(), model);
    }
  }

  private void writeResource(String path, String text, TypeElement model) throws IOException {
    FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, model);
    try (Writer w = file.openWriter()) {
      w.write(text);
    }
  }

  /**
   * The call-site analysis of the model's bodies, ready to {@link CallSiteChecks#run() run} (its diagnostics
   * and the manifest text), or null when it cannot run (option off or invalid, no trees).
   */
  private CallSiteChecks analyse(ModelSpec spec, Reporter reporter) {
    switch (callSites) {
      case "off":
        return null;
      case "auto":
      case "require":
        break;
      default:
        if (!treesReported) {
          treesReported = true;
          processingEnv.getMessager().printMessage(Kind.ERROR, Diagnostic.INVALID_OPTION.format(callSites));
        }
        return null;
    }
    if (trees == null) {
      if (!treesReported) {
        treesReported = true;
        boolean required = callSites.equals("require");
        processingEnv.getMessager().printMessage(Diagnostic.CALL_SITES_UNAVAILABLE.kind(required),
            Diagnostic.CALL_SITES_UNAVAILABLE.format(processingEnv.getClass().getName()));
      }
      return null;
    }
    BodyAnalysis analysis = registry().analysis(spec.type());
    return new CallSiteChecks(spec, trees, analysis, reporter);
  }

  /**
   * Ops methods whose last parameter is the op's name (a trailing String, scope and variable methods aside):
   * method name → argument counts. Read from the types, as parameter names are not in class files.
   */
  private Map<String, Set<Integer>> namedOpArities() {
    Set<String> notOps = Set.of("nameScope", "variableScope", "variableScopeBuilder", "opScope", "variableOpScope",
        "getVariable", "getLocalVariable", "getVariableBuilder");
    Map<String, Set<Integer>> out = new LinkedHashMap<>();
    TypeElement ops = processingEnv.getElementUtils().getTypeElement(ModelValidator.OPS);
    for (ExecutableElement m : ElementFilter.methodsIn(ops.getEnclosedElements())) {
      List<? extends VariableElement> params = m.getParameters();
      if (!params.isEmpty() && !notOps.contains(m.getSimpleName().toString())
          && params.get(params.size() - 1).asType().toString().equals("java.lang.String")) {
        out.computeIfAbsent(m.getSimpleName().toString(), k -> new LinkedHashSet<>()).add(params.size());
      }
    }
    return out;
  }

  /**
   * Scoped methods whose class is not a @Model would silently run unscoped; an abstract class's are entered by the
   * generated subclass of a @Model extending it.
   */
  private void reportScopesOutsideModels(Map<TypeElement, List<Element>> annotated, TypeElement modelAnnotation) {
    for (String name : SCOPE_ANNOTATIONS) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element e : annotated.get(annotation)) {
        Element owner = e.getEnclosingElement();
        boolean inModel = false;
        for (AnnotationMirror a : owner.getAnnotationMirrors()) {
          if (a.getAnnotationType().asElement().equals(modelAnnotation)) {
            inModel = true;
            break;
          }
        }
        // An abstract class runs only through a subclass: a @Model subclass enters its scoped methods' scopes.
        boolean abstractBase = owner.getKind() == javax.lang.model.element.ElementKind.CLASS
            && owner.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT);
        if (!inModel && !abstractBase) {
          new Reporter(processingEnv.getMessager(), printed).report(Diagnostic.SCOPED_METHOD_OUTSIDE_MODEL, e,
              ModelValidator.describe((ExecutableElement) e), annotation.getSimpleName(), owner.getSimpleName());
        }
      }
    }
  }

  /** {@code @Checkpoint} on a method of a class without {@code @Model}: no analysis would ever compare it. */
  private void reportCheckpointsOutsideModels(Map<TypeElement, List<Element>> annotated, TypeElement modelAnnotation) {
    TypeElement checkpoint = processingEnv.getElementUtils().getTypeElement(CheckpointCheck.ANNOTATION);
    if (checkpoint == null) {
      return;
    }
    for (Element e : annotated.get(checkpoint)) {
      if (!(e instanceof ExecutableElement method)) {
        continue;
      }
      boolean inModel = false;
      for (AnnotationMirror a : method.getEnclosingElement().getAnnotationMirrors()) {
        inModel |= a.getAnnotationType().asElement().equals(modelAnnotation);
      }
      if (!inModel) {
        checkpoints.reportOutsideModel(method, new Reporter(processingEnv.getMessager(), printed));
      }
    }
  }

  /** Whether the model's constructors and methods mention only resolved types. */
  private static boolean isResolved(TypeElement model) {
    if (model.getSuperclass().getKind() == TypeKind.ERROR || !boundsResolved(model.getTypeParameters())) {
      return false;
    }
    for (ExecutableElement e : ElementFilter.methodsIn(model.getEnclosedElements())) {
      if (!isResolved(e)) {
        return false;
      }
    }
    for (ExecutableElement e : ElementFilter.constructorsIn(model.getEnclosedElements())) {
      if (!isResolved(e)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isResolved(ExecutableElement e) {
    if (e.getReturnType().getKind() == TypeKind.ERROR || !boundsResolved(e.getTypeParameters())) {
      return false;
    }
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (!valuesResolved(a)) {
        return false;
      }
    }
    for (VariableElement p : e.getParameters()) {
      if (p.asType().getKind() == TypeKind.ERROR) {
        return false;
      }
    }
    for (TypeMirror t : e.getThrownTypes()) {
      if (t.getKind() == TypeKind.ERROR) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether javac could attribute every value written in the annotation: a value it could not ({@code value =
   * unknown1}) reaches processors as the text {@code <error>}, which is javac's error to report, not a name to check.
   */
  private static boolean valuesResolved(AnnotationMirror a) {
    for (AnnotationValue v : a.getElementValues().values()) {
      if (!valueResolved(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueResolved(AnnotationValue v) {
    Object value = v.getValue();
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (element instanceof AnnotationValue av && !valueResolved(av)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof AnnotationMirror nested) {
      return valuesResolved(nested);
    }
    // a string written as a literal prints quoted; javac's placeholder for what it could not attribute does not
    return !("<error>".equals(value) && !v.toString().startsWith("\""));
  }

  /** The generated subclass repeats type parameters: {@code <T extends Unknown>} would be javac's error there too. */
  private static boolean boundsResolved(List<? extends TypeParameterElement> parameters) {
    for (TypeParameterElement p : parameters) {
      for (TypeMirror bound : p.getBounds()) {
        if (bound.getKind() == TypeKind.ERROR) {
          return false;
        }
      }
    }
    return true;
  }
}
