package io.scopegraph.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.scopegraph.processor.VarEvent.Context;
import io.scopegraph.processor.VarEvent.Segment;
import io.scopegraph.processor.VarEvent.Site;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.ElementFilter;

/**
 * A syntactic pass over a model's own method bodies (javac's unattributed trees): per method, the
 * {@code getVariable} calls it makes and the variables its {@code tf.layers()} calls create ({@link LayerCalls}),
 * through the scopes it enters and the model methods it calls, as {@link VarEvent}s relative to its caller, with
 * markers where scopes are entered (default names are counted when a root is replayed, {@link DefaultNameReplay}).
 * Summaries are composed, not inlined, and memoised; a recursive call makes its summary incomplete. Only what is
 * local to the model is resolved (its methods by name and arity, its Ops and Layers, literals, and for layers its
 * constants); anything else is left unresolved and marks the summary incomplete, never guessed.
 */
final class BodyAnalysis implements HeldModel {
  /** A method's events, and what it does that the analysis could not resolve (none: complete). */
  record Summary(List<VarEvent> events, Set<Gap> gaps) {
    Summary {
      gaps = gaps.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(gaps));
    }

    boolean complete() {
      return gaps.isEmpty();
    }
  }

  /** Why a summary is incomplete: a kind of code whose variables the analysis does not predict. */
  enum Gap {
    COMPUTED_NAME("getVariable calls with names computed at run time"),
    VARIABLE_BUILDER("getVariableBuilder calls"),
    OPAQUE_SCOPE("scopes entered through builders, computed names or outside try-with-resources"),
    DEFERRED_CODE("lambdas and local classes, which run when the analysis cannot tell"),
    OTHER_CODE("calls on other objects, of inherited methods or of overloads of one arity"),
    RECURSION("recursive calls"),
    NO_BODY("methods without a body in this compilation"),
    KOTLIN("Kotlin methods, whose bodies kapt's Java stubs leave out"),
    HIDDEN_VARIABLES("scopes with a custom getter or a partitioner, which decide what getVariable creates");

    final String description;

    Gap(String description) {
      this.description = description;
    }
  }

  private static Set<Gap> gaps(Gap... gaps) {
    Set<Gap> out = EnumSet.noneOf(Gap.class);
    out.addAll(List.of(gaps));
    return out;
  }

  /** An invalid literal name found in a body. */
  record NameProblem(Diagnostic diagnostic, Site site, String name) {}

  private static final Set<String> SCOPE_CALLS =
      Set.of("variableScope", "variableScopeBuilder", "variableOpScope", "nameScope", "opScope", "enter");
  private static final Set<String> VARIABLE_CALLS = Set.of("getVariable", "getLocalVariable");
  /** Ops whose output has their first input's last dimension. */
  private static final Set<String> ELEMENTWISE = Set.of("relu", "relu6", "elu", "sigmoid", "tanh", "softmax",
      "identity", "leakyRelu");
  /** The runtime's layers facade ({@code tf.layers()}). */
  static final String LAYERS = "io.scopegraph.layers.Layers";

  /** A {@code @ScopeReuse} argument that inherits the caller's reuse (TF's {@code reuse=False} or {@code None}). */
  private static final String INHERIT = "INHERIT";

  /** Types whose methods cannot create variables: the JDK's, and the runtime's values. */
  private static final Set<String> HARMLESS_SIMPLE_NAMES = Set.of("Tensor", "Variable", "Shape", "DType", "NdArray",
      "Reuse", "String", "int", "long", "float", "double", "boolean", "short", "byte", "char", "Integer", "Long",
      "Float", "Double", "Boolean", "List", "ArrayList", "Map", "HashMap", "Set", "Object", "Operation");

  private final ModelSpec spec;
  private final Trees trees;
  private final Set<String> inheritedMethodNames = new HashSet<>();
  private final Set<String> riskyFields = new HashSet<>();
  /** Fields holding the runtime's {@code Layers} (e.g. {@code layers = tf.layers()} in the constructor). */
  private final Set<String> layersFields = new HashSet<>();
  /** The model's constant fields (own and inherited): name → value. */
  private final Map<String, Object> constants = new HashMap<>();
  private final Set<String> opsReceivers;
  private final Map<String, Set<Integer>> namedOpArities;
  private final Map<ExecutableElement, ScopedMethod> scoped = new HashMap<>();
  private final Map<ExecutableElement, Summary> summaries = new HashMap<>();
  /** Methods whose summary is being computed, shared by all models of the compilation ({@link ModelRegistry}). */
  private final Set<ExecutableElement> inProgress;
  /** The compilation's models, whose summaries calls on held models are followed into. */
  private final ModelRegistry registry;
  /**
   * Final fields holding another model of this compilation, made by its generated {@code create(...)} or given to
   * the constructor: name → the model class (null until first asked: the registry is complete by then).
   */
  private Map<String, javax.lang.model.element.TypeElement> modelFields;
  /** The model's own methods in declaration order, then the scoped methods it inherits (read once). */
  private final List<ExecutableElement> ownMethods;
  /** The model's compilation unit, found once (null until a body is first read). */
  private CompilationUnitTree unit;
  final List<NameProblem> nameProblems = new ArrayList<>();

  /**
   * @param namedOpArities Ops methods whose last parameter is the op name: method name → argument counts
   */
  BodyAnalysis(ModelSpec spec, Trees trees, Map<String, Set<Integer>> namedOpArities, ModelRegistry registry) {
    this.spec = spec;
    this.registry = registry;
    this.inProgress = registry.inProgress;
    this.trees = trees;
    this.namedOpArities = namedOpArities;
    String access = spec.opsAccess().substring("this.".length());
    this.opsReceivers = Set.of(access, "this." + access);
    for (ScopedMethod m : spec.methods()) {
      scoped.put(m.method(), m);
    }
    List<ExecutableElement> methods = new ArrayList<>(ElementFilter.methodsIn(spec.type().getEnclosedElements()));
    for (ScopedMethod m : spec.methods()) {
      if (!m.method().getEnclosingElement().equals(spec.type())) {
        methods.add(m.method()); // an inherited scoped method: the generated subclass enters its scopes too
      }
    }
    this.ownMethods = methods;
    for (javax.lang.model.element.TypeElement t = superclassOf(spec.type()); t != null; t = superclassOf(t)) {
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        inheritedMethodNames.add(m.getSimpleName().toString());
      }
      addRiskyFields(t);
    }
    addRiskyFields(spec.type());
  }

  private static javax.lang.model.element.TypeElement superclassOf(javax.lang.model.element.TypeElement t) {
    javax.lang.model.type.TypeMirror s = t.getSuperclass();
    if (!(s instanceof javax.lang.model.type.DeclaredType d)) {
      return null;
    }
    javax.lang.model.element.TypeElement e = (javax.lang.model.element.TypeElement) d.asElement();
    return e.getQualifiedName().contentEquals("java.lang.Object") ? null : e;
  }

  /** Fields holding objects that might create variables (another model, a layer object, …). */
  private void addRiskyFields(javax.lang.model.element.TypeElement t) {
    for (javax.lang.model.element.VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
      String name = f.getSimpleName().toString();
      if (f.getConstantValue() != null) {
        constants.putIfAbsent(name, f.getConstantValue());
      }
      String reuse = reuseConstant(f);
      if (reuse != null) {
        constants.putIfAbsent(name, reuse);
      }
      if (f.asType().toString().equals(LAYERS)) {
        layersFields.add(name);
      } else if (!isHarmless(f.asType())) {
        riskyFields.add(name);
      }
    }
  }

  /**
   * A final {@code Reuse} field initialised with a constant in its declaration ({@code static final Reuse SHARED =
   * Reuse.TRUE}): {@code "TRUE"}, {@code "AUTO"} or {@code "FALSE"}, as layer options read them; else null.
   */
  private String reuseConstant(javax.lang.model.element.VariableElement f) {
    if (!f.getModifiers().contains(Modifier.FINAL) || !f.asType().toString().equals("io.scopegraph.Reuse")
        || KotlinStubs.isKotlin(f)) { // a stub's initializer is a placeholder
      return null;
    }
    Tree tree = trees.getTree(f);
    if (!(tree instanceof VariableTree v) || v.getInitializer() == null) {
      return null;
    }
    String text = v.getInitializer().toString();
    String constant = text.substring(text.lastIndexOf('.') + 1);
    boolean enumConstant = text.equals("Reuse." + constant) || text.equals("io.scopegraph.Reuse." + constant);
    return enumConstant && Set.of("TRUE", "AUTO", "FALSE").contains(constant) ? constant : null;
  }

  private static boolean isHarmless(javax.lang.model.type.TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return true;
    }
    if (type instanceof javax.lang.model.type.ArrayType a) {
      return isHarmless(a.getComponentType());
    }
    if (type instanceof javax.lang.model.type.DeclaredType d) {
      String name = ((javax.lang.model.element.TypeElement) d.asElement()).getQualifiedName().toString();
      return name.startsWith("java.") || name.equals(ModelValidator.OPS)
          || HARMLESS_SIMPLE_NAMES.contains(d.asElement().getSimpleName().toString())
          && name.startsWith("io.scopegraph.");
    }
    return false;
  }

  /** A local's declared type, by its written simple name (no attribution in the rounds). */
  private static boolean isHarmlessTypeText(Tree type) {
    if (type == null) {
      return true; // var: the initializer is checked on its own
    }
    String text = type.toString();
    int generic = text.indexOf('<');
    String raw = (generic >= 0 ? text.substring(0, generic) : text).replace("[]", "");
    raw = raw.substring(raw.lastIndexOf('.') + 1);
    return HARMLESS_SIMPLE_NAMES.contains(raw) || raw.equals("var") || raw.equals("Ops");
  }

  /** The summary of a method of the model, as called from outside it (its own scopes included). */
  Summary summary(ExecutableElement method) {
    Summary cached = summaries.get(method);
    if (cached != null) {
      return cached;
    }
    inProgress.add(method);
    Summary body = bodySummary(method);
    inProgress.remove(method);
    Summary result = applyOwnScopes(method, body);
    summaries.put(method, result);
    return result;
  }

  private Summary bodySummary(ExecutableElement method) {
    // getTree scans only the class's tree; getPath(method) would scan the whole unit again for every method.
    MethodTree tree = trees.getTree(method);
    boolean kotlin = KotlinStubs.isKotlin(method); // kapt's stub: a placeholder body, not the Kotlin code
    if (tree == null || tree.getBody() == null || kotlin) {
      // abstract, or not in this compilation: unknown, and it may enter scopes (taking default names) where it is called
      return new Summary(List.of(VarEvent.marker(Context.TOP.withSegment(Segment.unknown(method), null),
          new Site(null, null, method, 1))), gaps(kotlin ? Gap.KOTLIN : Gap.NO_BODY));
    }
    Scanner scanner = new Scanner(method, unit(method));
    tree.getBody().accept(scanner, null);
    return new Summary(scanner.events, scanner.gaps);
  }

  /** The unit holding the model (and so its methods): the same one {@code getPath(method)} would give. */
  private CompilationUnitTree unit(ExecutableElement method) {
    if (!method.getEnclosingElement().equals(spec.type())) {
      return trees.getPath(method).getCompilationUnit(); // inherited: the base class's source
    }
    if (unit == null) {
      TreePath path = trees.getPath(spec.type());
      if (path == null) {
        return trees.getPath(method).getCompilationUnit();
      }
      unit = path.getCompilationUnit();
    }
    return unit;
  }

  /**
   * Wraps a body's events in the method's own {@code @VariableScope} / {@code @NameScope}; a marker first says that
   * the variable scope is entered (which counts for default names) even when nothing is created in it.
   */
  private Summary applyOwnScopes(ExecutableElement method, Summary body) {
    ScopedMethod m = scoped.get(method);
    if (m == null) {
      return body;
    }
    Context ctx = Context.TOP;
    ScopeDecl v = m.variableScope();
    if (v != null) {
      Segment segment;
      if (v.value() != null) {
        segment = Segment.literal(v.value(), method);
      } else if (m.scopeNameParameter() != null) {
        segment = Segment.parameter(parameterIndex(method, m.scopeNameParameter()), v.defaultName(), method);
      } else {
        segment = Segment.defaultName(v.defaultName(), method); // uniquified per entry, like a layer's
      }
      String reuse = v.reuse().equals("FALSE") ? null : v.reuse();
      if (m.scopeReuse() != null) { // given per call: resolved at each call site (VarEvent#withReuseArgument)
        reuse = VarEvent.reuseOfParameter(m.scopeReuse().index());
      }
      ctx = ctx.withSegment(segment, reuse);
      if (v.dtype() != null) {
        ctx = ctx.withDtype(v.dtype().toLowerCase());
      }
    }
    List<VarEvent> out = new ArrayList<>();
    if (v != null) {
      out.add(VarEvent.marker(ctx, new Site(null, null, method, 1))); // never reported: no tree needed
    }
    if (v != null && v.hidesVariables()) {
      // A custom getter or a partitioner decides what getVariable creates in there: predict nothing, stay silent.
      Set<Gap> gaps = gaps();
      gaps.addAll(body.gaps());
      if (body.events().stream().anyMatch(e -> !e.isMarker())) {
        gaps.add(Gap.HIDDEN_VARIABLES);
      }
      return new Summary(out, gaps);
    }
    ScopeDecl n = m.nameScope();
    if (n != null) {
      ctx = ctx.withNameScope(n.value() != null ? n.value() : n.defaultName() != null ? n.defaultName() : "");
    }
    for (VarEvent e : body.events()) {
      out.add(e.under(ctx, e.path(), null));
    }
    return new Summary(out, body.gaps());
  }

  private static int parameterIndex(ExecutableElement method, String name) {
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (method.getParameters().get(i).getSimpleName().contentEquals(name)) {
        return i;
      }
    }
    return -1;
  }

  private boolean declaresMethod(String name) {
    for (ExecutableElement m : ownMethods) {
      if (m.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The model made by {@code Scoped<X>.create(...)} if {@code e} is such a call and X is a model here; else null. */
  private javax.lang.model.element.TypeElement createdModel(ExpressionTree e) {
    if (e instanceof com.sun.source.tree.ParenthesizedTree p) {
      return createdModel(p.getExpression());
    }
    if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree s
        && s.getIdentifier().contentEquals("create")) {
      String generated = s.getExpression().toString();
      javax.lang.model.element.TypeElement model = registry.modelGeneratedAs(simpleName(generated));
      return model != null ? model : registry.compiledModelGeneratedAs(generated, modelUnit());
    }
    return null;
  }

  /** The unit declaring the model: its package and imports say what a simple name there means. */
  private CompilationUnitTree modelUnit() {
    TreePath path = trees.getPath(spec.type());
    return path == null ? null : path.getCompilationUnit();
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /**
   * The held model's analysis, if its constructors do nothing the analysis would miss (only assignments, {@code
   * super(...)}, {@code tf.layers()} and models' {@code create(...)}): making it then creates no variable.
   */
  private HeldModel heldAnalysis(javax.lang.model.element.TypeElement model) {
    HeldModel held = model == null ? null : registry.held(model);
    return held != null && held.plainConstructors() ? held : null;
  }

  private Boolean plainConstructors;

  @Override
  public boolean plainConstructors() {
    if (plainConstructors == null) {
      boolean[] plain = {true};
      List<ExecutableElement> constructors = new ArrayList<>();
      for (javax.lang.model.element.TypeElement t = spec.type(); t != null; t = superclassOf(t)) {
        constructors.addAll(ElementFilter.constructorsIn(t.getEnclosedElements())); // super(...) runs them too
      }
      for (ExecutableElement c : constructors) {
        MethodTree tree = trees.getTree(c);
        if (tree == null || tree.getBody() == null || KotlinStubs.isKotlin(c)) { // Kotlin: init blocks not in the stub
          plain[0] = false;
          continue;
        }
        tree.getBody().accept(new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            String select = node.getMethodSelect().toString();
            boolean allowed = select.equals("super") || select.equals("this")
                || select.endsWith(".layers") && node.getArguments().isEmpty() || createdModel(node) != null;
            plain[0] &= allowed;
            return super.visitMethodInvocation(node, null);
          }

          @Override
          public Void visitNewClass(com.sun.source.tree.NewClassTree node, Void unused) {
            plain[0] = false; // anything may happen in there
            return null;
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            plain[0] = false;
            return null;
          }
        }, null);
      }
      plainConstructors = plain[0];
    }
    return plainConstructors;
  }

  /**
   * The model's final fields of another model's type whose every assignment is that model's {@code create(...)} or
   * a constructor parameter of that type: the object is that model (its generated subclass), so its calls can be
   * followed. Any other assignment (a factory, a cast, null) leaves the field unresolved.
   */
  private Map<String, javax.lang.model.element.TypeElement> modelFields() {
    if (modelFields != null) {
      return modelFields;
    }
    modelFields = new HashMap<>();
    Map<String, javax.lang.model.element.TypeElement> candidates = new HashMap<>();
    for (javax.lang.model.element.VariableElement f : ElementFilter.fieldsIn(spec.type().getEnclosedElements())) {
      if (f.getModifiers().contains(Modifier.FINAL) && !f.getModifiers().contains(Modifier.STATIC)
          && f.asType() instanceof javax.lang.model.type.DeclaredType d
          && d.asElement() instanceof javax.lang.model.element.TypeElement t && registry.held(t) != null) {
        candidates.put(f.getSimpleName().toString(), t);
      }
    }
    TreePath classPath = candidates.isEmpty() ? null : trees.getPath(spec.type());
    ClassTree tree = classPath == null ? null : (ClassTree) classPath.getLeaf();
    if (tree == null) {
      return modelFields;
    }
    Map<String, Integer> assignments = new HashMap<>();
    Set<String> bad = new HashSet<>();
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      /** The constructor's parameters of a model type: name → model. */
      private Map<String, javax.lang.model.element.TypeElement> params = Map.of();

      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        Map<String, javax.lang.model.element.TypeElement> saved = params;
        params = new HashMap<>();
        javax.lang.model.element.Element e = trees.getElement(getCurrentPath());
        if (e instanceof ExecutableElement c && c.getKind() == javax.lang.model.element.ElementKind.CONSTRUCTOR) {
          for (javax.lang.model.element.VariableElement p : c.getParameters()) {
            if (p.asType() instanceof javax.lang.model.type.DeclaredType d
                && d.asElement() instanceof javax.lang.model.element.TypeElement t) {
              params.put(p.getSimpleName().toString(), t);
            }
          }
        }
        super.visitMethod(node, null);
        params = saved;
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return node == tree ? super.visitClass(node, null) : null; // nested classes: other fields
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (node.getInitializer() != null && candidates.containsKey(node.getName().toString())) {
          check(node.getName().toString(), node.getInitializer());
        }
        return super.visitVariable(node, null);
      }

      @Override
      public Void visitAssignment(com.sun.source.tree.AssignmentTree node, Void unused) {
        String target = node.getVariable().toString();
        target = target.startsWith("this.") ? target.substring("this.".length()) : target;
        if (candidates.containsKey(target)) {
          check(target, node.getExpression());
        }
        return super.visitAssignment(node, null);
      }

      private void check(String field, ExpressionTree value) {
        javax.lang.model.element.TypeElement model = candidates.get(field);
        assignments.merge(field, 1, Integer::sum);
        boolean ok = model.equals(createdModel(value))
            || value instanceof IdentifierTree id && model.equals(params.get(id.getName().toString()));
        if (!ok) {
          bad.add(field);
        }
      }
    }.scan(classPath, null);
    for (Map.Entry<String, javax.lang.model.element.TypeElement> c : candidates.entrySet()) {
      if (assignments.containsKey(c.getKey()) && !bad.contains(c.getKey())) {
        modelFields.put(c.getKey(), c.getValue());
      }
    }
    return modelFields;
  }

  /** The methods a caller in another class may call (its own and the scoped ones it inherits), for its summary. */
  List<ExecutableElement> callableMethods() {
    return ownMethods.stream().filter(m -> !m.getModifiers().contains(Modifier.PRIVATE)).toList();
  }

  /** The model's own method called by name with {@code arity} arguments, if exactly one fits. */
  private ExecutableElement modelMethod(String name, int arity) {
    ExecutableElement found = null;
    for (ExecutableElement m : ownMethods) {
      if (m.getSimpleName().contentEquals(name) && !m.isVarArgs() && m.getParameters().size() == arity) {
        if (found != null) {
          return null; // overloads of one arity: would need types
        }
        found = m;
      }
    }
    return found;
  }

  /** A call's reuse argument: the reuse it gives (null: inherit), and whether the analysis can tell. */
  private record ReuseGiven(String reuse, boolean known) {}

  /** A local layer object not applied yet, and how often its creation runs per call of the method. */
  private record PendingLayer(LayerCalls.Call call, long madeTimes) {}

  /** Walks one body, keeping the context (scopes entered, loop counts, branches) as it goes. */
  private final class Scanner extends TreeScanner<Void, Void> {
    private final ExecutableElement method;
    private final CompilationUnitTree unit;
    private final List<VarEvent> events = new ArrayList<>();
    private final Set<Gap> gaps = EnumSet.noneOf(Gap.class);
    private Context ctx = Context.TOP;
    private final Set<String> risky = new HashSet<>(riskyFields);
    /** Names holding the model's {@code Layers}: fields, and locals set to {@code tf.layers()}. */
    private final Set<String> layers = new HashSet<>(layersFields);
    /** Local layer objects not applied yet: their first {@code apply} creates their variables. */
    private final Map<String, PendingLayer> layerObjects = new HashMap<>();
    /** Locals and parameters declared so far (they shadow the model's constants). */
    private final Set<String> locals = new HashSet<>();
    /** Tensor locals whose last dimension is known here (a placeholder's literal shape, a dense layer's units). */
    private final Map<String, Long> widths = new HashMap<>();
    /** Ops receivers still meaning the model's Ops here (a local or parameter named like the field shadows it). */
    private final Set<String> ops = new HashSet<>(opsReceivers);
    /** An exit (return, throw) was passed on some path: what follows runs only on the others. */
    private boolean exitedOnSomePath;
    /** Locals set to another model's {@code create(...)}: name → that model. */
    private final Map<String, javax.lang.model.element.TypeElement> modelLocals = new HashMap<>();

    /** The analysis of the model a receiver ({@code d}, {@code this.d}) certainly holds here, or null. */
    private HeldModel heldModel(String receiver) {
      if (receiver.startsWith("this.")) {
        return heldAnalysis(modelFields().get(receiver.substring("this.".length())));
      }
      if (locals.contains(receiver)) {
        return heldAnalysis(modelLocals.get(receiver));
      }
      return heldAnalysis(modelFields().get(receiver));
    }

    Scanner(ExecutableElement method, CompilationUnitTree unit) {
      this.method = method;
      this.unit = unit;
      for (javax.lang.model.element.VariableElement p : method.getParameters()) {
        ops.remove(p.getSimpleName().toString());
        locals.add(p.getSimpleName().toString());
        layers.remove(p.getSimpleName().toString());
        if (!isHarmless(p.asType())) {
          risky.add(p.getSimpleName().toString());
        } else {
          risky.remove(p.getSimpleName().toString()); // a parameter shadows a field
        }
      }
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      String name = node.getName().toString();
      ops.remove(name);
      locals.add(name);
      modelLocals.remove(name);
      if (node.getInitializer() != null && createdModel(node.getInitializer()) != null) {
        modelLocals.put(name, createdModel(node.getInitializer()));
      }
      setWidth(name, node.getInitializer());
      if (!track(name, node.getInitializer()) && isHarmlessTypeText(node.getType())) {
        risky.remove(name);
      } else if (!layers.contains(name) && !layerObjects.containsKey(name)) {
        risky.add(name);
      }
      return super.visitVariable(node, null);
    }

    @Override
    public Void visitAssignment(com.sun.source.tree.AssignmentTree node, Void unused) {
      if (node.getVariable() instanceof IdentifierTree target) {
        String name = target.getName().toString();
        setWidth(name, node.getExpression());
        javax.lang.model.element.TypeElement model = createdModel(node.getExpression());
        if (model != null && model.equals(modelLocals.get(name)) && ctx.count() == 1 && !ctx.may()) {
          modelLocals.put(name, model); // the same model again: calls on it still go there
        } else {
          modelLocals.remove(name); // another object, or one only on some paths
        }
        if ((layers.contains(name) || layerObjects.containsKey(name)) && !track(name, node.getExpression())) {
          risky.add(name); // no longer the model's Layers or a layer object the analysis follows
        }
      }
      return super.visitAssignment(node, null);
    }

    /** Follows a local set to the model's {@code Layers} or to a new layer object; false when it is neither. */
    private boolean track(String name, ExpressionTree value) {
      layers.remove(name);
      layerObjects.remove(name);
      if (value != null && isLayers(value)) {
        layers.add(name);
      } else if (value != null && layerFactory(value) != null) {
        layerObjects.put(name, new PendingLayer(layerFactory(value), ctx.count()));
      } else {
        return false;
      }
      risky.remove(name);
      return true;
    }

    /** {@code tf.layers()}, {@code Layers.on(tf)} or a name holding it. */
    private boolean isLayers(ExpressionTree e) {
      if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree s) {
        String target = s.getExpression().toString();
        return s.getIdentifier().contentEquals("layers") && call.getArguments().isEmpty() && ops.contains(target)
            || s.getIdentifier().contentEquals("on") && target.equals("Layers") && call.getArguments().size() == 1
            && ops.contains(call.getArguments().get(0).toString());
      }
      String text = e.toString();
      return layers.contains(text.startsWith("this.") ? text.substring("this.".length()) : text)
          && (e instanceof IdentifierTree || text.startsWith("this."));
    }

    /** {@code layers.denseLayer(3, …)}: the layer object it makes, or null. */
    private LayerCalls.Call layerFactory(ExpressionTree e) {
      if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree s
          && isLayers(s.getExpression())) {
        LayerCalls.Kind kind = LayerCalls.Kind.ofFactory(s.getIdentifier().toString());
        return kind == null ? null : LayerCalls.read(kind, call.getArguments(), false, this::constant);
      }
      return null;
    }

    /** Records a local's width; only straight-line code is followed (a branch or a loop forgets it). */
    private void setWidth(String local, ExpressionTree value) {
      long w = value == null || ctx.may() || ctx.count() != 1 ? -1 : width(value);
      if (w > 0) {
        widths.put(local, w);
      } else {
        widths.remove(local);
      }
    }

    /** The width of a layer call's input (its first argument). */
    private long inputWidth(MethodInvocationTree node) {
      return node.getArguments().isEmpty() ? -1 : width(node.getArguments().get(0));
    }

    /**
     * The last dimension of a tensor expression where the code fixes it: a placeholder with a literal shape, a layer
     * call (dense: its units; conv2d: its filters; batch normalization, dropout, pooling: their input's), an
     * elementwise op of such a tensor, or a local set to one; -1 otherwise.
     */
    private long width(ExpressionTree e) {
      if (e instanceof com.sun.source.tree.ParenthesizedTree p) {
        return width(p.getExpression());
      }
      if (e instanceof IdentifierTree id) {
        return widths.getOrDefault(id.getName().toString(), -1L);
      }
      if (!(e instanceof MethodInvocationTree call) || !(call.getMethodSelect() instanceof MemberSelectTree s)
          || call.getArguments().isEmpty()) {
        return -1;
      }
      String name = s.getIdentifier().toString();
      List<? extends ExpressionTree> args = call.getArguments();
      if (isLayers(s.getExpression()) && LayerCalls.Kind.ofFunction(name) != null) {
        LayerCalls.Call layer = LayerCalls.read(LayerCalls.Kind.ofFunction(name), args, true, this::constant);
        return layer.outputWidth(width(args.get(0)));
      }
      if (ops.contains(s.getExpression().toString())) {
        if (name.equals("placeholder") && args.size() >= 2) {
          long[] shape = literalShape(args.get(1));
          return shape != null && shape.length > 0 ? shape[shape.length - 1] : -1;
        }
        return ELEMENTWISE.contains(name) ? width(args.get(0)) : -1;
      }
      return -1;
    }

    /** A literal's value, a model constant's not shadowed by a local, or an array of those; null otherwise. */
    private Object constant(ExpressionTree t) {
      if (t instanceof LiteralTree lit) {
        return lit.getValue();
      }
      if (t instanceof com.sun.source.tree.NewArrayTree array && array.getInitializers() != null) {
        List<Object> values = new ArrayList<>();
        for (ExpressionTree e : array.getInitializers()) {
          values.add(constant(e));
        }
        return values;
      }
      if (t instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS) {
        Long v = intLiteral(t);
        return v == null ? null : v;
      }
      if (t instanceof IdentifierTree id && !locals.contains(id.getName().toString())) {
        return constants.get(id.getName().toString());
      }
      if (t instanceof MemberSelectTree m && m.getExpression().toString().equals(spec.type().getSimpleName().toString())) {
        return constants.get(m.getIdentifier().toString());
      }
      return null;
    }

    /**
     * What a {@code @ScopeReuse} argument gives: {@code TRUE}, {@code AUTO}, {@link #INHERIT} ({@code false},
     * {@code null}, {@code Reuse.FALSE}), or null when it is neither a literal nor a model constant (unknown).
     */
    private String reuseArgument(ExpressionTree arg) {
      if (arg instanceof com.sun.source.tree.ParenthesizedTree p) {
        return reuseArgument(p.getExpression());
      }
      if (arg.getKind() == Tree.Kind.NULL_LITERAL) {
        return INHERIT;
      }
      String text = arg.toString();
      Object value = text.startsWith("Reuse.") || text.startsWith("io.scopegraph.Reuse.")
          ? text.substring(text.lastIndexOf('.') + 1) : constant(arg);
      if (value instanceof Boolean b) {
        return b ? "TRUE" : INHERIT;
      }
      return switch (String.valueOf(value)) {
        case "TRUE", "AUTO" -> (String) value;
        case "FALSE" -> INHERIT;
        default -> null;
      };
    }

    /** A function form of {@code tf.layers()}: its variables, in its scope; a layer object is created by apply. */
    private void layerFunction(MethodInvocationTree node, String name) {
      LayerCalls.Kind kind = LayerCalls.Kind.ofFunction(name);
      if (kind != null) {
        layerEvents(node, LayerCalls.read(kind, node.getArguments(), true, this::constant)
            .withInputWidth(inputWidth(node)), here());
      } else if (LayerCalls.Kind.ofFactory(name) == null) {
        opaque(node, Gap.OTHER_CODE); // a layer the analysis does not know
      }
    }

    /**
     * {@code layer.apply(x)}: whether {@code layer} is a layer object the analysis follows. A new object
     * ({@code layers.denseLayer(2).apply(x)}) creates its variables on every run; a local one on its first apply (an
     * object made once but applied in a loop: on the first run only, for sure or, when the loop may not run, perhaps),
     * and later applies share them.
     */
    private boolean layerApply(MethodInvocationTree node, ExpressionTree layer) {
      LayerCalls.Call created = layerFactory(layer);
      if (created != null) {
        layerEvents(node, created.withInputWidth(inputWidth(node)), here());
        return true;
      }
      if (!(layer instanceof IdentifierTree id) || risky.contains(id.getName().toString())) {
        return false;
      }
      PendingLayer object = layerObjects.remove(id.getName().toString()); // null: applied before, it shares
      if (object != null) {
        Context at = here();
        layerEvents(node, object.call().withInputWidth(inputWidth(node)), object.madeTimes() == 1 ? at.once() : at);
      }
      return true;
    }

    private void layerEvents(MethodInvocationTree node, LayerCalls.Call call, Context at) {
      if (call.scopeKnown() && !ScopeNames.isValidNested(call.scopeName())) {
        nameProblems.add(new NameProblem(Diagnostic.INVALID_LAYER_NAME, site(node), call.scopeName()));
        return; // the runtime fails here: nothing is created
      }
      Segment segment = !call.scopeKnown() ? Segment.unknown(node)
          : call.defaultName() ? Segment.defaultName(call.scopeName(), node) : Segment.literal(call.scopeName(), node);
      Context inner = at.withSegment(segment, call.reuse());
      if (!call.reuseKnown()) {
        inner = inner.withReuseUnknown();
      }
      Site site = new Site(node, unit, method, at.count());
      events.add(VarEvent.marker(inner, site)); // the scope is entered (a default name counted) even without variables
      for (LayerCalls.Weight w : call.weights()) {
        Context c = w.maybe() ? inner.maybe() : inner;
        events.add(new VarEvent(c.path(), w.name(), w.shape(), "?", c.reuse(), c.reuseUnknown(), c.nameScope(), true,
            c.count(), c.mayBesidesArms(), List.of(site), c.arms(), call.kind().function, "TRUE".equals(call.reuse()),
            c.loops(), null));
      }
    }

    private Site site(Tree tree) {
      return new Site(tree, unit, method, ctx.count());
    }

    /** The context for a new fact: after an exit on some path, facts hold only on the remaining paths. */
    private Context here() {
      return exitedOnSomePath ? ctx.maybe() : ctx;
    }

    @Override
    public Void visitReturn(com.sun.source.tree.ReturnTree node, Void unused) {
      super.visitReturn(node, null);
      if (ctx.may() || ctx.count() != 1) {
        exitedOnSomePath = true;
      }
      return null;
    }

    @Override
    public Void visitThrow(com.sun.source.tree.ThrowTree node, Void unused) {
      super.visitThrow(node, null);
      if (ctx.may() || ctx.count() != 1) {
        exitedOnSomePath = true;
      }
      return null;
    }

    private void scanIn(Tree tree, Context inner) {
      Context saved = ctx;
      ctx = inner;
      scan(tree, null);
      ctx = saved;
    }

    private void scanAllIn(List<? extends Tree> trees, Context inner) {
      Context saved = ctx;
      ctx = inner;
      scan(trees, null);
      ctx = saved;
    }

    // --- control flow -----------------------------------------------------------------------------

    @Override
    public Void visitIf(IfTree node, Void unused) {
      scan(node.getCondition(), null);
      scanIn(node.getThenStatement(), ctx.inArm(node, 0));
      scanIn(node.getElseStatement(), ctx.inArm(node, 1));
      return null;
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
      scan(node.getCondition(), null);
      scanIn(node.getTrueExpression(), ctx.inArm(node, 0));
      scanIn(node.getFalseExpression(), ctx.inArm(node, 1));
      return null;
    }

    @Override
    public Void visitBinary(BinaryTree node, Void unused) {
      scan(node.getLeftOperand(), null);
      boolean shortCircuit = node.getKind() == Tree.Kind.CONDITIONAL_AND || node.getKind() == Tree.Kind.CONDITIONAL_OR;
      scanIn(node.getRightOperand(), shortCircuit ? ctx.maybe() : ctx);
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree node, Void unused) {
      scan(node.getExpression(), null);
      scanAllIn(node.getCases(), ctx.maybe()); // cases may fall through: not exclusive
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
      scan(node.getInitializer(), null);
      long bound = literalCount(node);
      if (bound == 0) {
        return null;
      }
      Context inner;
      if (endsInExit(node.getStatement())) {
        inner = bound == VarEvent.MANY ? ctx.maybe() : ctx; // the body runs once at most
      } else {
        inner = exits(node.getStatement()) || bound == VarEvent.MANY ? ctx.times(VarEvent.MANY)
            : ctx.inLoop(node, bound); // default names inside are replayed run by run
      }
      scanIn(node.getCondition(), inner);
      scanIn(node.getStatement(), inner);
      scanAllIn(node.getUpdate(), inner);
      afterLoop(node.getStatement());
      return null;
    }

    /** A return or throw inside a loop leaves the method on some runs: what follows the loop is conditional. */
    private void afterLoop(Tree body) {
      if (leavesMethod(body)) {
        exitedOnSomePath = true;
      }
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      scan(node.getExpression(), null);
      scanIn(node.getStatement(), loopBody(node.getStatement()));
      afterLoop(node.getStatement());
      return null;
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree node, Void unused) {
      Context body = loopBody(node.getStatement());
      scanIn(node.getCondition(), body);
      scanIn(node.getStatement(), body);
      afterLoop(node.getStatement());
      return null;
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
      Context body = endsInExit(node.getStatement()) ? ctx : ctx.times(VarEvent.MANY);
      scanIn(node.getStatement(), body);
      scanIn(node.getCondition(), body);
      afterLoop(node.getStatement());
      return null;
    }

    /** A loop of unknown bound: many runs, or at most one when its body always exits. */
    private Context loopBody(Tree body) {
      return endsInExit(body) ? ctx.maybe() : ctx.times(VarEvent.MANY);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      unresolvable(node, () -> scan(node.getBody(), null)); // runs whenever, if ever
      return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      unresolvable(node, () -> super.visitClass(node, null)); // a local or anonymous class: same as a lambda
      return null;
    }

    /** Code that runs at unknown times: what it creates is not predicted (silent), only noted as unresolved. */
    private void unresolvable(Tree node, Runnable scan) {
      int before = events.size();
      scan.run();
      if (events.size() > before) {
        events.subList(before, events.size()).clear();
        opaque(node, Gap.DEFERRED_CODE);
      }
    }

    /**
     * Code the analysis does not follow runs here ({@code gap}): besides variables, it may enter scopes in the current
     * one, taking default names, so a marker of an unknown scope makes the later default names here unknown.
     */
    private void opaque(Tree node, Gap gap) {
      gaps.add(gap);
      events.add(VarEvent.marker(here().withSegment(Segment.unknown(node), null), site(node)));
    }

    @Override
    public Void visitTry(TryTree node, Void unused) {
      Context inner = ctx;
      for (Tree resource : node.getResources()) {
        Context entered = enteredScope(resource, inner);
        if (entered != null) {
          if (entered.path().size() > inner.path().size()) {
            events.add(VarEvent.marker(exitedOnSomePath ? entered.maybe() : entered, site(resource)));
          }
          inner = entered;
        } else {
          scanIn(resource, inner);
        }
      }
      scanIn(node.getBlock(), inner);
      scanAllIn(node.getCatches(), ctx.maybe());
      scan(node.getFinallyBlock(), null);
      return null;
    }

    /** The context inside a try-with-resources scope written literally on the model's Ops, or null. */
    private Context enteredScope(Tree resource, Context outer) {
      if (!(resource instanceof VariableTree v) || !(v.getInitializer() instanceof MethodInvocationTree call)
          || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
        return null;
      }
      String name = select.getIdentifier().toString();
      List<? extends ExpressionTree> args = call.getArguments();
      if (!SCOPE_CALLS.contains(name)) {
        return null;
      }
      boolean onOps = ops.contains(select.getExpression().toString());
      if (onOps && name.equals("variableScope") && !args.isEmpty() && args.get(0) instanceof LiteralTree lit
          && lit.getValue() instanceof String s && !s.isEmpty()) {
        String reuse = null;
        if (args.size() == 2) {
          reuse = reuseLiteral(args.get(1));
          if (reuse == null) {
            return outer.withSegment(Segment.literal(s, resource), null).withReuseUnknown();
          }
          reuse = reuse.equals("FALSE") ? null : reuse;
        } else if (args.size() > 2) {
          return outer.withSegment(Segment.unknown(resource), null).withReuseUnknown();
        }
        return outer.withSegment(Segment.literal(s, resource), reuse);
      }
      if (onOps && name.equals("nameScope")) {
        String literal = args.size() == 1 && args.get(0) instanceof LiteralTree lit && lit.getValue() instanceof String s
            ? s : "";
        return outer.withNameScope(literal);
      }
      gaps.add(Gap.OPAQUE_SCOPE); // a scope the analysis cannot name
      return outer.withSegment(Segment.unknown(resource), null).withReuseUnknown();
    }

    // --- calls ------------------------------------------------------------------------------------

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      super.visitMethodInvocation(node, null); // receiver and arguments run first
      ExpressionTree select = node.getMethodSelect();
      String name;
      String receiver;
      if (select instanceof MemberSelectTree m) {
        name = m.getIdentifier().toString();
        receiver = m.getExpression().toString();
      } else if (select instanceof IdentifierTree id) {
        name = id.getName().toString();
        receiver = null;
      } else {
        return null;
      }
      if (select instanceof MemberSelectTree m && isLayers(m.getExpression())) {
        layerFunction(node, name);
        return null;
      }
      if (select instanceof MemberSelectTree m && name.equals("apply") && layerApply(node, m.getExpression())) {
        return null;
      }
      boolean onOps = receiver != null && ops.contains(receiver);
      if (onOps) {
        opsCall(node, name);
      } else if (name.equals("reuseVariables")) {
        ctx = ctx.withReuseUnknown();
      } else if (receiver == null || receiver.equals("this")) {
        modelCall(node, name);
      } else if (heldModel(receiver) != null) {
        heldModelCall(node, name, heldModel(receiver));
      } else if (createdModel(node) != null) {
        if (heldAnalysis(createdModel(node)) == null) {
          opaque(node, Gap.OTHER_CODE); // its constructors may do what the analysis does not follow
        }
      } else if (receiver.equals("super") || newRiskyObject(select)
          || risky.contains(receiver.startsWith("this.") ? receiver.substring("this.".length()) : receiver)) {
        opaque(node, Gap.OTHER_CODE); // another model or layer object may create variables in the same graph
      } else if (VARIABLE_CALLS.contains(name) || name.equals("getVariableBuilder") || SCOPE_CALLS.contains(name)
          || passesOpsOrModel(node)) {
        opaque(node, Gap.OTHER_CODE); // another object that may create variables or enter scopes
      }
      return null;
    }

    /**
     * {@code new AdamOptimizer(…).minimize(loss)}: a method on an object made right there, of a type that may create
     * variables (an optimizer's slots, a layer object the analysis does not know).
     */
    private boolean newRiskyObject(ExpressionTree select) {
      return select instanceof MemberSelectTree m && m.getExpression() instanceof com.sun.source.tree.NewClassTree n
          && !isHarmlessTypeText(n.getIdentifier());
    }

    private boolean passesOpsOrModel(MethodInvocationTree node) {
      for (ExpressionTree arg : node.getArguments()) {
        String text = arg.toString();
        if (text.equals("this") || opsReceivers.contains(text) || ops.contains(text)) {
          return true;
        }
      }
      return false;
    }

    private void opsCall(MethodInvocationTree node, String name) {
      if (VARIABLE_CALLS.contains(name)) {
        variableCall(node);
      } else if (name.equals("getVariableBuilder")) {
        gaps.add(Gap.VARIABLE_BUILDER);
      } else if (SCOPE_CALLS.contains(name)) {
        // A scope entered outside try-with-resources: the rest of the method runs somewhere unknown.
        gaps.add(Gap.OPAQUE_SCOPE);
        ctx = ctx.withSegment(Segment.unknown(node), null).withReuseUnknown();
      } else {
        checkOpName(node, name);
      }
    }

    private void checkOpName(MethodInvocationTree node, String name) {
      Set<Integer> arities = namedOpArities.get(name);
      List<? extends ExpressionTree> args = node.getArguments();
      if (arities == null || !arities.contains(args.size()) || args.isEmpty()) {
        return;
      }
      if (args.get(args.size() - 1) instanceof LiteralTree lit && lit.getValue() instanceof String s
          && !s.isEmpty() && !ScopeNames.isValidNested(s)) {
        nameProblems.add(new NameProblem(Diagnostic.INVALID_OP_NAME, new Site(lit, unit, method, ctx.count()), s));
      }
    }

    private void variableCall(MethodInvocationTree node) {
      List<? extends ExpressionTree> args = node.getArguments();
      if (args.isEmpty() || !(args.get(0) instanceof LiteralTree lit) || !(lit.getValue() instanceof String name)) {
        gaps.add(Gap.COMPUTED_NAME);
        return;
      }
      if (!ScopeNames.isValidNested(name) || name.isEmpty()) {
        nameProblems.add(new NameProblem(Diagnostic.INVALID_VARIABLE_NAME, new Site(lit, unit, method, ctx.count()),
            name));
        return;
      }
      long[] shape = null;
      String dtype = null;
      boolean shapeGiven = false;
      for (int i = 1; i < args.size(); i++) {
        ExpressionTree arg = args.get(i);
        String text = arg.toString();
        if (text.startsWith("DType.")) {
          dtype = text.substring("DType.".length()).toLowerCase();
        } else if (text.startsWith("Shape.")) {
          shapeGiven = true;
          shape = literalShape(arg);
        } else if (i == 1) {
          long[] valueShape = new long[0];
          String valueType = literalType(arg);
          if (valueType != null) {
            shape = valueShape;
            dtype = valueType;
          } else {
            dtype = "?"; // an initial value or a shape held in a variable: unknown either way
          }
          shapeGiven = true;
        }
      }
      if (!shapeGiven) {
        shape = null;
      }
      Context at = here();
      events.add(new VarEvent(at.path(), name, shape, dtype != null ? dtype : at.dtype(), at.reuse(),
          at.reuseUnknown(), at.nameScope(), at.varScoped(), at.count(), at.mayBesidesArms(),
          List.of(new Site(node, unit, method, at.count())), at.arms(), null, false, at.loops(), null));
    }

    private void modelCall(MethodInvocationTree node, String name) {
      ExecutableElement callee = modelMethod(name, node.getArguments().size());
      if (callee == null) {
        if (passesOpsOrModel(node) || inheritedMethodNames.contains(name) || declaresMethod(name)) {
          opaque(node, Gap.OTHER_CODE); // overloads of one arity, an inherited method, or a helper given the Ops
        }
        return;
      }
      if (callee.getModifiers().contains(Modifier.STATIC) && !passesOpsOrModel(node)) {
        return;
      }
      callInto(node, callee, BodyAnalysis.this);
    }

    /**
     * A call on another model held here ({@code discriminator.probability(x, false)}): followed into that model's
     * summary as a call of the model's own method is; a method it does not declare (inherited, overloaded by arity)
     * is unresolved.
     */
    private void heldModelCall(MethodInvocationTree node, String name, HeldModel held) {
      int arity = node.getArguments().size();
      if (held instanceof SummaryFile.CompiledModel compiled) { // compiled earlier: its summary as written then
        SummaryFile.Method callee = compiled.method(name, arity);
        if (callee == null) {
          opaque(node, Gap.OTHER_CODE);
        } else if (!callee.isStatic()) {
          compose(node, callee.summary(), simpleName(compiled.name()) + "." + callee.signature());
        }
        return;
      }
      BodyAnalysis analysis = (BodyAnalysis) held;
      ExecutableElement callee = analysis.modelMethod(name, arity);
      if (callee == null) {
        opaque(node, Gap.OTHER_CODE);
        return;
      }
      if (!callee.getModifiers().contains(Modifier.STATIC)) {
        callInto(node, callee, analysis);
      }
    }

    /** Composes the callee's summary (from {@code owner}'s analysis) at this call. */
    private void callInto(MethodInvocationTree node, ExecutableElement callee, BodyAnalysis owner) {
      if (inProgress.contains(callee)) {
        opaque(node, Gap.RECURSION); // recursion: depth known only at run time
        return;
      }
      compose(node, owner.summary(callee), ModelValidator.describe(callee));
    }

    /** Adds a callee's summary, seen from this call: its arguments substituted, its events under this context. */
    private void compose(MethodInvocationTree node, Summary s, String callee) {
      gaps.addAll(s.gaps());
      Site site = site(node);
      Context at = here();
      Map<Integer, ReuseGiven> given = new HashMap<>(); // read once per parameter, not once per event
      for (VarEvent e : s.events()) {
        int p = e.reuseParameter();
        if (p >= 0) { // the @ScopeReuse argument of this call
          ReuseGiven r = given.computeIfAbsent(p, i -> reuseGiven(node, i, at));
          e = e.withReuseArgument(r.reuse(), r.known(), callee);
        }
        events.add(e.under(at, substitute(e.path(), node.getArguments()), site));
      }
    }

    /**
     * The reuse the call's argument {@code p} gives: {@code TRUE}/{@code AUTO}, null to inherit, this method's own
     * reuse parameter when the argument passes it on unchanged (resolved where this method is called), or unknown.
     */
    private ReuseGiven reuseGiven(MethodInvocationTree node, int p, Context at) {
      ExpressionTree arg = p < node.getArguments().size() ? node.getArguments().get(p) : null;
      String reuse = arg == null ? null : reuseArgument(arg);
      int forwarded = reuse == null && arg != null && at.reuse() == null && !at.reuseUnknown()
          ? forwardedParameter(arg) : -1;
      if (forwarded >= 0) {
        return new ReuseGiven(VarEvent.reuseOfParameter(forwarded), true);
      }
      return new ReuseGiven(INHERIT.equals(reuse) ? null : reuse, reuse != null);
    }

    /**
     * The index of this method's parameter that {@code arg} passes on unchanged (a {@code boolean}, {@code Boolean}
     * or {@code Reuse} parameter the body never assigns), or -1.
     */
    private int forwardedParameter(ExpressionTree arg) {
      if (!(arg instanceof IdentifierTree id)) {
        return -1;
      }
      String name = id.getName().toString();
      List<? extends javax.lang.model.element.VariableElement> params = method.getParameters();
      for (int i = 0; i < params.size(); i++) {
        String type = params.get(i).asType().toString();
        if (params.get(i).getSimpleName().contentEquals(name) && (type.equals("boolean")
            || type.equals("java.lang.Boolean") || type.equals("io.scopegraph.Reuse")) && !assigned(name)
            && ownScopeKeeps(i)) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Whether the method's own variable scope leaves a reuse forwarded from parameter {@code i} as it is: it sets no
     * reuse of its own, or sets it from that same parameter ({@code @ScopeReuse}).
     */
    private boolean ownScopeKeeps(int i) {
      ScopedMethod m = scoped.get(method);
      ScopeDecl v = m == null ? null : m.variableScope();
      if (v == null) {
        return true;
      }
      return m.scopeReuse() != null ? m.scopeReuse().index() == i : v.reuse().equals("FALSE");
    }

    /** Whether the method's body assigns {@code name} anywhere (then it no longer is the caller's argument). */
    private boolean assigned(String name) {
      MethodTree tree = trees.getTree(method);
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitAssignment(com.sun.source.tree.AssignmentTree node, Void unused) {
          found[0] |= node.getVariable() instanceof IdentifierTree t && t.getName().contentEquals(name);
          return super.visitAssignment(node, null);
        }

        @Override
        public Void visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree node, Void unused) {
          found[0] |= node.getVariable() instanceof IdentifierTree t && t.getName().contentEquals(name);
          return super.visitCompoundAssignment(node, null);
        }
      }.scan(tree.getBody(), null);
      return found[0];
    }
  }

  /**
   * Replaces parameter segments by the call's literal string arguments: {@code null} gives the scope's default
   * name (uniquified when the root is replayed), anything computed an unknown name.
   */
  private static List<Segment> substitute(List<Segment> path, List<? extends ExpressionTree> args) {
    List<Segment> out = new ArrayList<>(path.size());
    for (Segment s : path) {
      if (s.parameter() < 0) {
        out.add(s);
        continue;
      }
      ExpressionTree arg = s.parameter() < args.size() ? args.get(s.parameter()) : null;
      if (arg instanceof LiteralTree lit && lit.getValue() instanceof String str && !str.isEmpty()) {
        out.add(s.resolvedAs(str));
      } else if (arg != null && arg.getKind() == Tree.Kind.NULL_LITERAL && s.defaultBase() != null) {
        out.add(new Segment(null, -1, s.defaultBase(), s.entry()));
      } else {
        out.add(s.resolvedAs(null));
      }
    }
    return out;
  }

  private static String reuseLiteral(ExpressionTree arg) {
    String text = arg.toString();
    return switch (text) {
      case "Reuse.TRUE" -> "TRUE";
      case "Reuse.AUTO" -> "AUTO";
      case "Reuse.FALSE" -> "FALSE";
      default -> null;
    };
  }

  /** {@code Shape.of(2, 3)} / {@code Shape.scalar()} with int literals; null otherwise. */
  private static long[] literalShape(ExpressionTree arg) {
    if (!(arg instanceof MethodInvocationTree call) || !(call.getMethodSelect() instanceof MemberSelectTree s)) {
      return null;
    }
    String m = s.getIdentifier().toString();
    if (m.equals("scalar") && call.getArguments().isEmpty()) {
      return new long[0];
    }
    if (!m.equals("of")) {
      return null;
    }
    long[] dims = new long[call.getArguments().size()];
    for (int i = 0; i < dims.length; i++) {
      Long d = intLiteral(call.getArguments().get(i));
      if (d == null) {
        return null;
      }
      dims[i] = d;
    }
    return dims;
  }

  private static Long intLiteral(ExpressionTree t) {
    if (t instanceof LiteralTree lit && (lit.getValue() instanceof Integer || lit.getValue() instanceof Long)) {
      return ((Number) lit.getValue()).longValue();
    }
    if (t instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS) {
      Long v = intLiteral(u.getExpression());
      return v == null ? null : -v;
    }
    return null;
  }

  /** The dtype of a scalar literal initial value ({@code 2} int32, {@code 2f} float32, …), or null. */
  private static String literalType(ExpressionTree t) {
    Object v = t instanceof LiteralTree lit ? lit.getValue()
        : t instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS && u.getExpression() instanceof LiteralTree l
            ? l.getValue() : null;
    if (v instanceof Integer) {
      return "int32";
    }
    if (v instanceof Long) {
      return "int64";
    }
    if (v instanceof Float) {
      return "float32";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    return null;
  }

  /** Whether a loop body's last statement always leaves the loop (break, return, throw): it runs once at most. */
  private static boolean endsInExit(Tree body) {
    Tree last = body instanceof com.sun.source.tree.BlockTree b && !b.getStatements().isEmpty()
        ? b.getStatements().get(b.getStatements().size() - 1) : body;
    return last instanceof com.sun.source.tree.BreakTree || last instanceof com.sun.source.tree.ReturnTree
        || last instanceof com.sun.source.tree.ThrowTree;
  }

  /** Whether code inside may leave the whole method (return, throw), lambdas and local classes aside. */
  private static boolean leavesMethod(Tree body) {
    return containsExit(body, false);
  }

  /** Whether a loop body may leave early (break, continue, return, throw): then its count is not the bound's. */
  private static boolean exits(Tree body) {
    return containsExit(body, true);
  }

  /** Finds return and throw statements, and with {@code loopExits} break and continue, outside lambdas and classes. */
  private static boolean containsExit(Tree body, boolean loopExits) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(com.sun.source.tree.BreakTree node, Void unused) {
        found[0] |= loopExits;
        return null;
      }

      @Override
      public Void visitContinue(com.sun.source.tree.ContinueTree node, Void unused) {
        found[0] |= loopExits;
        return null;
      }

      @Override
      public Void visitReturn(com.sun.source.tree.ReturnTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitThrow(com.sun.source.tree.ThrowTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  /** {@code for (int i = a; i < b; i++)} with int literals: b - a runs; otherwise unknown. */
  static long literalCount(ForLoopTree loop) {
    if (loop.getInitializer().size() != 1 || !(loop.getInitializer().get(0) instanceof VariableTree init)
        || init.getInitializer() == null || loop.getUpdate().size() != 1
        || !(loop.getCondition() instanceof BinaryTree cond)) {
      return VarEvent.MANY;
    }
    Long from = intLiteral(init.getInitializer());
    Long to = intLiteral(cond.getRightOperand());
    String var = init.getName().toString();
    boolean increments = isIncrement(loop.getUpdate().get(0), var);
    boolean onVar = cond.getLeftOperand() instanceof IdentifierTree id && id.getName().contentEquals(var);
    if (from == null || to == null || !increments || !onVar) {
      return VarEvent.MANY;
    }
    return switch (cond.getKind()) {
      case LESS_THAN -> Math.max(0, to - from);
      case LESS_THAN_EQUAL -> Math.max(0, to - from + 1);
      default -> VarEvent.MANY;
    };
  }

  private static boolean isIncrement(StatementTree update, String var) {
    if (!(update instanceof ExpressionStatementTree es)) {
      return false;
    }
    String text = es.getExpression().toString().replace(" ", "");
    return text.equals(var + "++") || text.equals("++" + var) || text.equals(var + "+=1");
  }
}
