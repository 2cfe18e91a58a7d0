package io.scopegraph.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @Model} class and its scoped methods and turns them into a {@link ModelSpec}. Reports
 * every problem it finds (not just the first); the caller generates nothing when any was an error.
 */
final class ModelValidator {
  static final String OPS = "io.scopegraph.Ops";
  static final String TENSOR = "io.scopegraph.Tensor";
  static final String INITIALIZER = "io.scopegraph.Initializer";
  static final String REGULARIZER = "io.scopegraph.Regularizer";
  static final String PARTITIONER = "io.scopegraph.Partitioner";
  static final String CUSTOM_GETTER = "io.scopegraph.CustomGetter";
  static final String CONSTRAINT = "io.scopegraph.Constraint";
  static final String ANNOTATIONS = "io.scopegraph.annotations.";

  /** Compiled once: {@code String.replaceAll} would compile its pattern on every call. */
  private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z])([A-Z])");
  private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+");

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;

  ModelValidator(ProcessingEnvironment env, Reporter reporter) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.reporter = reporter;
  }

  /** The model, or null if it cannot be generated (its errors are reported). */
  ModelSpec validate(TypeElement model) {
    String generatedName = generatedName(model);
    checkSubclassable(model, generatedName);
    List<ExecutableElement> constructors = modelConstructors(model);
    if (constructors.isEmpty()) {
      reporter.report(Diagnostic.NO_MODEL_CONSTRUCTOR, model, model.getSimpleName(), model.getSimpleName());
    }
    String opsAccess = opsAccess(model);
    if (opsAccess == null) {
      reporter.report(Diagnostic.NO_OPS_ACCESS, model, model.getSimpleName(), KotlinStubs.isKotlin(model)
          ? " In Kotlin: protected val tf: Ops (the subclass calls its getter, getTf())." : "");
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(model))) {
      if (m.getModifiers().contains(Modifier.ABSTRACT) && !isScoped(m)) {
        reporter.report(Diagnostic.UNIMPLEMENTED_METHOD, m.getEnclosingElement().equals(model) ? m : model,
            model.getSimpleName(), describe(m), generatedName);
      }
    }
    List<ScopedMethod> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(model.getEnclosedElements())) {
      ScopedMethod scoped = scopedMethod(model, generatedName, method);
      if (scoped != null) {
        methods.add(scoped);
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(model.getEnclosedElements())) {
      checkOverrideKeepsScopes(model, method);
    }
    // Scoped methods inherited from a base class (a @Model, or an abstract class with scoped methods) and not
    // overridden here: the generated subclass enters their scopes as it does for the model's own.
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(model))) {
      if (!method.getEnclosingElement().equals(model) && method.getEnclosingElement().getKind() == ElementKind.CLASS
          && isScoped(method)) {
        ScopedMethod scoped = scopedMethod(model, generatedName, method);
        if (scoped != null) {
          methods.add(scoped);
        }
      }
    }
    return reporter.hasErrors() ? null : new ModelSpec(model, generatedName, opsAccess, constructors, methods);
  }

  /** A method without scope annotations overriding a scoped one would silently drop its scopes. */
  private void checkOverrideKeepsScopes(TypeElement model, ExecutableElement method) {
    if (isScoped(method) || method.getModifiers().contains(Modifier.STATIC)) {
      return;
    }
    for (TypeElement t = superclass(model); t != null; t = superclass(t)) {
      for (ExecutableElement inherited : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (isScoped(inherited) && elements.overrides(method, inherited, model)) {
          List<String> annotations = new ArrayList<>();
          for (AnnotationMirror a : inherited.getAnnotationMirrors()) {
            String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
            if (name.startsWith(ANNOTATIONS)) {
              annotations.add("@" + a.getAnnotationType().asElement().getSimpleName());
            }
          }
          reporter.report(Diagnostic.OVERRIDE_WITHOUT_SCOPE, method, describe(method), describe(inherited),
              String.join(", ", annotations));
          return;
        }
      }
    }
  }

  /** {@code Scoped<Outer>_<Inner>}. */
  static String generatedName(TypeElement model) {
    StringBuilder name = new StringBuilder(model.getSimpleName());
    for (Element e = model.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
      name.insert(0, t.getSimpleName() + "_");
    }
    return "Scoped" + name;
  }

  private void checkSubclassable(TypeElement model, String generatedName) {
    String problem = null;
    String fix = "";
    if (model.getKind() != ElementKind.CLASS) {
      problem = "is " + article(model.getKind().toString().toLowerCase().replace('_', ' '));
      fix = "Declare the model as a class.";
    } else if (model.getModifiers().contains(Modifier.FINAL)) {
      problem = "is final";
      fix = KotlinStubs.isKotlin(model) ? "In Kotlin a class is final unless declared abstract or open: write "
          + "@Model abstract class " + model.getSimpleName() + "." : "Remove final.";
    } else if (model.getNestingKind() == NestingKind.MEMBER && !model.getModifiers().contains(Modifier.STATIC)) {
      problem = "is an inner (non-static) class";
      fix = "Make it a static nested class.";
    } else if (model.getNestingKind() == NestingKind.LOCAL || model.getNestingKind() == NestingKind.ANONYMOUS) {
      problem = "is a local class";
      fix = "Declare it as a top-level or static nested class.";
    } else {
      for (Element e = model; e instanceof TypeElement; e = e.getEnclosingElement()) {
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
          problem = e == model ? "is private" : "is nested in private " + e.getSimpleName();
          fix = "Make it at least package-private.";
        }
      }
    }
    if (problem != null) {
      reporter.report(Diagnostic.MODEL_NOT_SUBCLASSABLE, model, model.getSimpleName(), problem, generatedName, fix);
    }
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private List<ExecutableElement> modelConstructors(TypeElement model) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement c : ElementFilter.constructorsIn(model.getEnclosedElements())) {
      if (!c.getModifiers().contains(Modifier.PRIVATE) && !c.getParameters().isEmpty()
          && isType(c.getParameters().get(0).asType(), OPS)) {
        out.add(c);
      }
    }
    return out;
  }

  /** A non-private instance field or no-argument method of type Ops visible to a subclass in the model's package. */
  private String opsAccess(TypeElement model) {
    for (TypeElement t = model; t != null; t = superclass(t)) {
      boolean samePackage = elements.getPackageOf(t).equals(elements.getPackageOf(model));
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (isType(f.asType(), OPS) && visibleToSubclass(f, samePackage)) {
          return "this." + f.getSimpleName();
        }
      }
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (m.getParameters().isEmpty() && isType(m.getReturnType(), OPS) && visibleToSubclass(m, samePackage)) {
          return "this." + m.getSimpleName() + "()";
        }
      }
    }
    return null;
  }

  private static boolean visibleToSubclass(Element e, boolean samePackage) {
    Set<Modifier> mods = e.getModifiers();
    if (mods.contains(Modifier.PRIVATE) || mods.contains(Modifier.STATIC)) {
      return false;
    }
    return samePackage || mods.contains(Modifier.PUBLIC) || mods.contains(Modifier.PROTECTED);
  }

  private TypeElement superclass(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
  }

  private boolean isType(TypeMirror type, String qualifiedName) {
    TypeElement e = elements.getTypeElement(qualifiedName);
    return e != null && types.isSameType(types.erasure(type), types.erasure(e.asType()));
  }

  private boolean isTensor(TypeMirror type) {
    TypeElement tensor = elements.getTypeElement(TENSOR);
    return type.getKind() == TypeKind.DECLARED && types.isAssignable(type, tensor.asType());
  }

  // ---------------------------------------------------------------------------------------------
  // Methods

  private ScopedMethod scopedMethod(TypeElement model, String generatedName, ExecutableElement method) {
    AnnotationMirror variableScope = null;
    AnnotationMirror nameScope = null;
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
      switch (name) {
        case ANNOTATIONS + "VariableScope", ANNOTATIONS + "VariableOpScope" -> {
          if (variableScope != null) {
            reporter.report(Diagnostic.CONFLICTING_SCOPES, method, a, describe(method), simpleName(variableScope),
                simpleName(a));
          } else {
            variableScope = a;
          }
        }
        case ANNOTATIONS + "NameScope", ANNOTATIONS + "OpScope" -> {
          if (nameScope != null) {
            reporter.report(Diagnostic.CONFLICTING_SCOPES, method, a, describe(method), simpleName(nameScope),
                simpleName(a));
          } else {
            nameScope = a;
          }
        }
        default -> { }
      }
    }
    VariableElement scopeName = scopeNameParameter(method, variableScope != null || nameScope != null);
    ScopedMethod.ReuseParameter scopeReuse = scopeReuseParameter(method, variableScope, nameScope);
    if (variableScope == null && nameScope == null) {
      return null;
    }
    checkOverridable(method, generatedName);
    AnnotationMirror named = variableScope != null ? variableScope : nameScope;
    ScopeDecl varDecl = variableScope == null ? null : scopeDecl(method, variableScope, named == variableScope ? scopeName : null);
    if (varDecl != null && scopeReuse != null && !varDecl.reuse().equals("FALSE")) {
      reporter.report(Diagnostic.SCOPE_REUSE_CONFLICT, method, variableScope,
          member(elements.getElementValuesWithDefaults(variableScope), "reuse"), describe(method), varDecl.reuse(),
          scopeReuse.name(), varDecl.reuse());
    }
    if (varDecl != null && scopeReuse != null && varDecl.value() == null && scopeName == null) {
      VariableElement p = method.getParameters().get(scopeReuse.index());
      reporter.report(Diagnostic.SCOPE_REUSE_WITHOUT_NAME, p, annotation(p, "ScopeReuse"), scopeReuse.name(),
          describe(method));
    }
    ScopeDecl nameDecl = nameScope == null ? null : scopeDecl(method, nameScope, named == nameScope ? scopeName : null);
    List<String> tensors = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      if (isTensor(p.asType())) {
        tensors.add(p.getSimpleName().toString());
      }
    }
    return new ScopedMethod(method, describe(method), varDecl, nameDecl,
        scopeName == null ? null : scopeName.getSimpleName().toString(), tensors, scopeReuse);
  }

  private static boolean isScoped(ExecutableElement m) {
    for (AnnotationMirror a : m.getAnnotationMirrors()) {
      String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
      if (name.startsWith(ANNOTATIONS) && !name.endsWith(".ScopeName") && !name.endsWith(".Model")) {
        return true;
      }
    }
    return false;
  }

  private void checkOverridable(ExecutableElement method, String generatedName) {
    Set<Modifier> mods = method.getModifiers();
    for (Modifier m : new Modifier[] {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL}) {
      if (mods.contains(m)) {
        // Kotlin functions are final unless declared open: the usual cause in a Kotlin model.
        String kotlin = m == Modifier.FINAL && KotlinStubs.isKotlin(method)
            ? " In Kotlin a function is final unless declared open: write open fun " + method.getSimpleName() + "."
            : "";
        reporter.report(Diagnostic.METHOD_NOT_OVERRIDABLE, method, describe(method), m.toString(), generatedName,
            kotlin);
        return;
      }
    }
    if (mods.contains(Modifier.ABSTRACT)) {
      reporter.report(Diagnostic.ABSTRACT_SCOPED_METHOD, method, describe(method), method.getSimpleName());
    }
  }

  /** The {@code @ScopeName} parameter (checked: one, a String, on a scoped method), or null. */
  private VariableElement scopeNameParameter(ExecutableElement method, boolean scoped) {
    VariableElement found = null;
    for (VariableElement p : method.getParameters()) {
      AnnotationMirror a = annotation(p, "ScopeName");
      if (a == null) {
        continue;
      }
      if (!scoped) {
        reporter.report(Diagnostic.INVALID_SCOPE_NAME_PARAMETER, p, a, "@ScopeName on parameter '"
            + p.getSimpleName() + "' of " + describe(method) + " names nothing: the method has no @VariableScope or "
            + "@NameScope. Add one, or remove @ScopeName.");
      } else if (!isType(p.asType(), "java.lang.String")) {
        reporter.report(Diagnostic.INVALID_SCOPE_NAME_PARAMETER, p, a, "@ScopeName parameter '" + p.getSimpleName()
            + "' of " + describe(method) + " is a " + p.asType() + ", but a scope name is a String (null for the "
            + "default name). Change its type to String.");
      } else if (found != null) {
        reporter.report(Diagnostic.INVALID_SCOPE_NAME_PARAMETER, p, a, describe(method) + " has a second "
            + "@ScopeName parameter '" + p.getSimpleName() + "' after '" + found.getSimpleName() + "'; the scope has "
            + "one name. Remove one of them.");
      } else {
        found = p;
      }
    }
    return found;
  }

  /**
   * The {@code @ScopeReuse} parameter (checked: one, a {@code Reuse} or {@code boolean}, on a method with a
   * {@code @VariableScope}), or null.
   */
  private ScopedMethod.ReuseParameter scopeReuseParameter(ExecutableElement method, AnnotationMirror variableScope,
      AnnotationMirror nameScope) {
    ScopedMethod.ReuseParameter found = null;
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      VariableElement p = params.get(i);
      AnnotationMirror a = annotation(p, "ScopeReuse");
      if (a == null) {
        continue;
      }
      boolean isBoolean = p.asType().getKind() == TypeKind.BOOLEAN;
      if (variableScope == null || !simpleName(variableScope).equals("VariableScope")) {
        String has = variableScope != null ? "only @" + simpleName(variableScope) + ", which takes no per-call reuse"
            : nameScope != null ? "only @" + simpleName(nameScope) + " (a name scope has no reuse)" : "no @VariableScope";
        reporter.report(Diagnostic.SCOPE_REUSE_WITHOUT_VARIABLE_SCOPE, p, a, p.getSimpleName(), describe(method), has);
      } else if (!isBoolean && !isType(p.asType(), "io.scopegraph.Reuse")) {
        reporter.report(Diagnostic.SCOPE_REUSE_TYPE, p, a, p.getSimpleName(), describe(method),
            PACKAGE_PREFIX.matcher(p.asType().toString()).replaceAll(""));
      } else if (found != null) {
        reporter.report(Diagnostic.DUPLICATE_SCOPE_REUSE, p, a, describe(method), p.getSimpleName(), found.name());
      } else {
        found = new ScopedMethod.ReuseParameter(p.getSimpleName().toString(), i, isBoolean);
      }
    }
    return found;
  }

  private ScopeDecl scopeDecl(ExecutableElement method, AnnotationMirror a, VariableElement scopeName) {
    ScopeDecl.Kind kind = ScopeDecl.Kind.valueOf(constantCase(simpleName(a)));
    Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(a);
    String value = checkedName(method, a, values, "value");
    String defaultName = checkedName(method, a, values, "defaultName");
    if (kind == ScopeDecl.Kind.OP_SCOPE) {
      reporter.report(Diagnostic.DEPRECATED_SCOPE, method, a, "OpScope", "op_scope", "NameScope");
    } else if (kind == ScopeDecl.Kind.VARIABLE_OP_SCOPE) {
      reporter.report(Diagnostic.DEPRECATED_SCOPE, method, a, "VariableOpScope", "variable_op_scope", "VariableScope");
    }
    if (value != null && scopeName != null) {
      reporter.report(Diagnostic.SCOPE_NAME_CONFLICT, method, a, member(values, "value"), describe(method),
          kind.description, value, scopeName.getSimpleName());
    }
    if (value == null && defaultName == null && scopeName == null) {
      String tfError = kind.isVariableScope() ? "If default_name is None then name_or_scope is required"
          : "At least one of name (None) and default_name (None) must be provided.";
      reporter.report(Diagnostic.MISSING_SCOPE_NAME, method, a, simpleName(a), describe(method), tfError);
    }
    if (value != null && defaultName != null) {
      reporter.report(Diagnostic.IGNORED_DEFAULT_NAME, method, a, member(values, "defaultName"), defaultName,
          describe(method), value);
    }
    String reuse = "FALSE";
    TypeName initializer = null;
    String dtype = null;
    boolean auxiliary = true;
    TypeName regularizer = null;
    TypeName partitioner = null;
    TypeName customGetter = null;
    TypeName constraint = null;
    if (kind == ScopeDecl.Kind.VARIABLE_SCOPE) {
      AnnotationValue reuseValue = member(values, "reuse");
      reuse = ((VariableElement) reuseValue.getValue()).getSimpleName().toString();
      if (!reuse.equals("FALSE") && value == null && scopeName == null) {
        reporter.report(Diagnostic.REUSE_WITHOUT_NAME, method, a, reuseValue, reuse, describe(method));
      }
      initializer = optionClass(method, a, values, Option.INITIALIZER);
      regularizer = optionClass(method, a, values, Option.REGULARIZER);
      partitioner = optionClass(method, a, values, Option.PARTITIONER);
      customGetter = optionClass(method, a, values, Option.CUSTOM_GETTER);
      constraint = optionClass(method, a, values, Option.CONSTRAINT);
      List<?> dtypes = (List<?>) member(values, "dtype").getValue();
      if (dtypes.size() > 1) {
        reporter.report(Diagnostic.INVALID_DTYPE, method, a, member(values, "dtype"), dtypes.size());
      } else if (dtypes.size() == 1) {
        dtype = ((VariableElement) ((AnnotationValue) dtypes.get(0)).getValue()).getSimpleName().toString();
      }
      // not Boolean when javac could not attribute it (auxiliaryNameScope = UNKNOWN: its own error): the default
      auxiliary = !Boolean.FALSE.equals(member(values, "auxiliaryNameScope").getValue());
    }
    return new ScopeDecl(kind, value, defaultName, reuse, initializer, dtype, auxiliary, regularizer, partitioner,
        customGetter, constraint);
  }

  /** A name member: null when empty ("not given"); reported when invalid. */
  private String checkedName(ExecutableElement method, AnnotationMirror a,
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, String memberName) {
    AnnotationValue v = member(values, memberName);
    String name = (String) v.getValue();
    if (name.isEmpty()) {
      return null;
    }
    if (name.endsWith("/")) {
      reporter.report(Diagnostic.ABSOLUTE_SCOPE_NAME, method, a, v, name, name.substring(0, name.length() - 1));
    } else if (!ScopeNames.isValid(name)) {
      reporter.report(Diagnostic.INVALID_SCOPE_NAME, method, a, v, name, name, describe(method));
    }
    return name;
  }

  /** An option of {@code @VariableScope} given as a class: its member, interface, diagnostic and default meaning. */
  private enum Option {
    INITIALIZER("initializer", ModelValidator.INITIALIZER, Diagnostic.INVALID_INITIALIZER,
        "the scope inherits the enclosing scope's initializer", ""),
    REGULARIZER("regularizer", ModelValidator.REGULARIZER, Diagnostic.INVALID_REGULARIZER,
        "the scope inherits the enclosing scope's regularizer, it does not switch it off",
        ", or write regularizer = Regularizers.None.class for no regularizer (TF's tf.no_regularizer)"),
    PARTITIONER("partitioner", ModelValidator.PARTITIONER, Diagnostic.INVALID_PARTITIONER,
        "the scope inherits the enclosing scope's partitioner", ""),
    CUSTOM_GETTER("customGetter", ModelValidator.CUSTOM_GETTER, Diagnostic.INVALID_CUSTOM_GETTER,
        "the scope keeps the custom getter it inherits and adds none", ""),
    CONSTRAINT("constraint", ModelValidator.CONSTRAINT, Diagnostic.INVALID_CONSTRAINT,
        "the scope's variables get no constraint (constraints are never inherited)", "");

    final String member;
    final String iface;
    final Diagnostic invalid;
    final String defaultMeaning;
    final String alternative;

    Option(String member, String iface, Diagnostic invalid, String defaultMeaning, String alternative) {
      this.member = member;
      this.iface = iface;
      this.invalid = invalid;
      this.defaultMeaning = defaultMeaning;
      this.alternative = alternative;
    }
  }

  /**
   * A class-valued option: null for the interface itself (the default, "not given"; a warning when written
   * out), or the class the generated code instantiates with {@code new X()}; reported when it cannot.
   */
  private TypeName optionClass(ExecutableElement method, AnnotationMirror a,
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, Option option) {
    AnnotationValue v = member(values, option.member);
    if (!(v.getValue() instanceof TypeMirror type) || type.getKind() != TypeKind.DECLARED) {
      return null; // javac reports the erroneous value itself
    }
    if (isType(type, option.iface)) {
      if (isExplicit(a, option.member)) {
        reporter.report(Diagnostic.DEFAULT_OPTION_CLASS, method, a, v, option.member,
            types.asElement(type).getSimpleName(), describe(method), option.defaultMeaning, option.alternative);
      }
      return null; // the default: inherit
    }
    TypeElement cls = (TypeElement) types.asElement(type);
    TypeElement model = (TypeElement) method.getEnclosingElement();
    String problem = instantiationProblem(cls, model);
    if (problem != null) {
      String generated = generatedName(model);
      if (option == Option.INITIALIZER) {
        reporter.report(option.invalid, method, a, v, cls.getQualifiedName(), problem);
      } else {
        reporter.report(option.invalid, method, a, v, nestedName(cls), problem, generated, nestedName(cls));
      }
      return null;
    }
    ClassName name = ClassName.get(cls);
    if (!cls.getTypeParameters().isEmpty()) { // the writer creates it with a diamond: new X<>()
      return ParameterizedTypeName.get(name, cls.getTypeParameters().stream()
          .map(p -> (TypeName) TypeVariableName.get(p)).toArray(TypeName[]::new));
    }
    return name;
  }

  private static boolean isExplicit(AnnotationMirror a, String memberName) {
    return a.getElementValues().keySet().stream().anyMatch(e -> e.getSimpleName().contentEquals(memberName));
  }

  /**
   * Why code in the model's package (the generated subclass) cannot write {@code new cls()}, or null when it
   * can: a concrete class, not an inner class, reachable from there with a reachable no-argument constructor
   * that throws no checked exception.
   */
  private String instantiationProblem(TypeElement cls, TypeElement model) {
    switch (cls.getKind()) {
      case INTERFACE, ANNOTATION_TYPE:
        return "it is an interface";
      case ENUM:
        return "it is an enum, whose constants cannot be created with new";
      default:
        break;
    }
    if (cls.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is abstract";
    }
    if (cls.getNestingKind() == NestingKind.MEMBER && !cls.getModifiers().contains(Modifier.STATIC)
        && cls.getKind() == ElementKind.CLASS) {
      return "it is an inner (non-static) class, which needs an instance of "
          + cls.getEnclosingElement().getSimpleName();
    }
    if (cls.getNestingKind() == NestingKind.LOCAL || cls.getNestingKind() == NestingKind.ANONYMOUS) {
      return "it is a local class";
    }
    for (Element e = cls; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      String access = inaccessible(t, model);
      if (access != null) {
        return e == cls ? "it is " + access : "it is nested in " + t.getSimpleName() + ", which is " + access;
      }
    }
    ExecutableElement noArgs = null;
    for (ExecutableElement c : ElementFilter.constructorsIn(cls.getEnclosedElements())) {
      if (c.getParameters().isEmpty()) {
        noArgs = c;
      }
    }
    if (noArgs == null) {
      return "it has no no-argument constructor";
    }
    String access = inaccessible(noArgs, model);
    if (access != null) {
      return "its no-argument constructor is " + access;
    }
    TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    for (TypeMirror thrown : noArgs.getThrownTypes()) {
      if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
        return "its no-argument constructor throws the checked exception " + thrown;
      }
    }
    return null;
  }

  /**
   * Null when code of the generated subclass of {@code model} (in the model's package) can use {@code e},
   * else why not: {@code "private"}, {@code "not public"} (another package), {@code "protected"}.
   */
  private String inaccessible(Element e, TypeElement model) {
    Set<Modifier> mods = e.getModifiers();
    if (mods.contains(Modifier.PUBLIC)) {
      return null;
    }
    if (mods.contains(Modifier.PRIVATE)) {
      return "private";
    }
    TypeElement owner = e instanceof TypeElement t ? t : (TypeElement) e.getEnclosingElement();
    if (elements.getPackageOf(owner).equals(elements.getPackageOf(model))) {
      return null;
    }
    if (mods.contains(Modifier.PROTECTED) && e instanceof TypeElement
        && e.getEnclosingElement() instanceof TypeElement outer
        && types.isSubtype(types.erasure(model.asType()), types.erasure(outer.asType()))) {
      return null; // a protected nested class of a superclass
    }
    return mods.contains(Modifier.PROTECTED) ? "protected, in another package than " + model.getSimpleName()
        : "not public, in another package than " + model.getSimpleName();
  }

  private static AnnotationValue member(Map<? extends ExecutableElement, ? extends AnnotationValue> values,
      String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    throw new IllegalStateException("No annotation member " + name);
  }

  private static AnnotationMirror annotation(Element e, String simpleName) {
    return annotationOf(e, ANNOTATIONS + simpleName);
  }

  /** The element's own annotation of that qualified name, or null. */
  static AnnotationMirror annotationOf(Element e, String qualifiedName) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(qualifiedName)) {
        return a;
      }
    }
    return null;
  }

  static String simpleName(AnnotationMirror a) {
    return a.getAnnotationType().asElement().getSimpleName().toString();
  }

  private static String constantCase(String camel) {
    return CAMEL_HUMP.matcher(camel).replaceAll("$1_$2").toUpperCase();
  }

  /** {@code Outer.Inner} for a nested class. */
  static String nestedName(TypeElement type) {
    String name = type.getSimpleName().toString();
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
      name = t.getSimpleName() + "." + name;
    }
    return name;
  }

  /** {@code Model.method(Tensor, String)}. */
  static String describe(ExecutableElement method) {
    return nestedName((TypeElement) method.getEnclosingElement()) + "." + signature(method);
  }

  /** {@code method(Tensor, String)}: parameter types without packages. */
  static String signature(ExecutableElement method) {
    StringBuilder sb = new StringBuilder();
    sb.append(method.getSimpleName()).append('(');
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(PACKAGE_PREFIX.matcher(params.get(i).asType().toString()).replaceAll(""));
    }
    return sb.append(')').toString();
  }
}
