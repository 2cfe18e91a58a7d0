package io.scopegraph.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.TypeVariableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes {@code Scoped<Model>}: a final subclass overriding each scoped method to enter its scopes around
 * {@code super.method(...)}, with one private constructor and one {@code create} factory per model
 * constructor. Deterministic: declaration order, no timestamps.
 */
final class ScopedModelWriter {
  private static final ClassName TENSOR = ClassName.get("io.scopegraph", "Tensor");
  private static final ClassName VAR_SCOPE = ClassName.get("io.scopegraph", "VarScope");
  private static final ClassName NAME_SCOPE_HANDLE = ClassName.get("io.scopegraph", "NameScopeHandle");
  private static final ClassName REUSE = ClassName.get("io.scopegraph", "Reuse");
  private static final ClassName DTYPE = ClassName.get("io.scopegraph", "DType");
  private static final ClassName SCOPED_CALLS = ClassName.get("io.scopegraph", "ScopedCalls");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

  private final Filer filer;
  private final Elements elements;
  private final Types types;

  ScopedModelWriter(Filer filer, Elements elements, Types types) {
    this.filer = filer;
    this.elements = elements;
    this.types = types;
  }

  void write(ModelSpec spec) throws IOException {
    JavaFile.builder(elements.getPackageOf(spec.type()).getQualifiedName().toString(), typeSpec(spec))
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .writeTo(filer);
  }

  TypeSpec typeSpec(ModelSpec spec) {
    TypeElement model = spec.type();
    List<TypeVariableName> typeVariables = new ArrayList<>();
    for (TypeParameterElement p : model.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(p));
    }
    TypeName modelType = TypeName.get(model.asType());
    ClassName generated = ClassName.get(elements.getPackageOf(model).getQualifiedName().toString(),
        spec.generatedName());
    TypeName generatedType = typeVariables.isEmpty() ? generated
        : ParameterizedTypeName.get(generated, typeVariables.toArray(new TypeName[0]));

    TypeSpec.Builder type = TypeSpec.classBuilder(generated)
        .addOriginatingElement(model)
        .addModifiers(Modifier.FINAL)
        .addTypeVariables(typeVariables)
        .superclass(modelType)
        .addJavadoc(classJavadoc(spec));
    if (model.getModifiers().contains(Modifier.PUBLIC)) {
      type.addModifiers(Modifier.PUBLIC);
    }
    generatedAnnotation().ifPresent(type::addAnnotation);
    // The scope handles are entered for their effect and never referenced: javac's -Xlint:try would warn.
    type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "try").build());

    for (ScopedMethod m : spec.methods()) {
      for (FieldConstant c : constants(spec, m)) {
        type.addField(FieldSpec.builder(String.class, c.name,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).initializer("$S", c.value).build());
      }
    }
    for (ExecutableElement constructor : spec.constructors()) {
      type.addMethod(constructor(constructor));
      type.addMethod(factory(constructor, typeVariables, modelType, generatedType, generated));
    }
    for (ScopedMethod m : spec.methods()) {
      type.addMethod(override(spec, m));
    }
    return type.build();
  }

  private Optional<AnnotationSpec> generatedAnnotation() {
    TypeElement generated = elements.getTypeElement("javax.annotation.processing.Generated");
    if (generated == null) {
      return Optional.empty();
    }
    return Optional.of(AnnotationSpec.builder(ClassName.get(generated))
        .addMember("value", "$S", ScopeGraphProcessor.class.getName()).build());
  }

  private CodeBlock classJavadoc(ModelSpec spec) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Scoped subclass of {@link $T}, generated by scopegraph: each scoped method enters its scopes\n",
            ClassName.get(spec.type()))
        .add("around the model's own code. Create instances with {@code create(...)}.\n");
    if (!spec.methods().isEmpty()) {
      doc.add("\n<ul>\n");
      for (ScopedMethod m : spec.methods()) {
        String signature = m.description().substring(m.description().indexOf('.') + 1);
        doc.add("  <li>{@code $L}: $L\n", signature, describeScopes(m));
      }
      doc.add("</ul>\n");
    }
    return doc.build();
  }

  /** {@code variable scope "tower" (reuse AUTO), then name scope "distance"}. */
  private static String describeScopes(ScopedMethod m) {
    List<String> parts = new ArrayList<>();
    if (m.variableScope() != null) {
      ScopeDecl v = m.variableScope();
      String text = v.kind().description + " " + scopeNameText(v, m.scopeNameParameter());
      if (!v.reuse().equals("FALSE")) {
        text += ", reuse " + v.reuse();
      }
      if (m.scopeReuse() != null) {
        text += ", reuse given by parameter '" + m.scopeReuse().name() + "'";
      }
      text += optionText("regularizer", v.regularizer()) + optionText("partitioner", v.partitioner())
          + optionText("custom getter", v.customGetter()) + optionText("constraint", v.constraint());
      if (!v.auxiliaryNameScope()) {
        text += ", no name scope of its own";
      }
      if (v.kind() == ScopeDecl.Kind.VARIABLE_OP_SCOPE) {
        text += " (deprecated variable_op_scope)";
      }
      parts.add(text);
    }
    if (m.nameScope() != null) {
      ScopeDecl n = m.nameScope();
      String text = n.kind().description + " "
          + scopeNameText(n, m.variableScope() == null ? m.scopeNameParameter() : null);
      if (n.kind() == ScopeDecl.Kind.OP_SCOPE) {
        text += " (deprecated op_scope)";
      }
      parts.add(text);
    }
    return String.join(", then ", parts);
  }

  /** {@code ", partitioner FourShards"}, or nothing. */
  private static String optionText(String option, TypeName cls) {
    if (cls == null) {
      return "";
    }
    ClassName name = cls instanceof ParameterizedTypeName p ? p.rawType : (ClassName) cls;
    return ", " + option + " " + name.simpleName();
  }

  private static String scopeNameText(ScopeDecl d, String scopeNameParameter) {
    if (d.value() != null) {
      return "'" + d.value() + "'";
    }
    String dflt = d.defaultName() == null ? "" : " (default '" + d.defaultName() + "')";
    if (scopeNameParameter != null) {
      return "named by parameter '" + scopeNameParameter + "'" + dflt;
    }
    return "with default name '" + d.defaultName() + "'";
  }

  // ---------------------------------------------------------------------------------------------
  // Constants

  private record FieldConstant(String name, String value) {}

  private static List<FieldConstant> constants(ModelSpec spec, ScopedMethod m) {
    String stem = stem(spec, m);
    List<FieldConstant> out = new ArrayList<>();
    addConstants(out, stem + "_VARIABLE_SCOPE", m.variableScope());
    addConstants(out, stem + "_NAME_SCOPE", m.nameScope());
    return out;
  }

  private static void addConstants(List<FieldConstant> out, String prefix, ScopeDecl d) {
    if (d == null) {
      return;
    }
    if (d.value() != null) {
      out.add(new FieldConstant(prefix, d.value()));
    }
    if (d.defaultName() != null) {
      out.add(new FieldConstant(prefix + "_DEFAULT", d.defaultName()));
    }
  }

  /** {@code TOWER}, or {@code TOWER_2} for the second overload of {@code tower}. */
  private static String stem(ModelSpec spec, ScopedMethod m) {
    String name = m.method().getSimpleName().toString();
    int index = 0;
    for (ScopedMethod other : spec.methods()) {
      if (other == m) {
        break;
      }
      if (other.method().getSimpleName().contentEquals(name)) {
        index++;
      }
    }
    String constant = CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toUpperCase();
    return index == 0 ? constant : constant + "_" + (index + 1);
  }

  private static String constantRef(ModelSpec spec, ScopedMethod m, ScopeDecl d, boolean defaultName) {
    String prefix = stem(spec, m) + (d.kind().isVariableScope() ? "_VARIABLE_SCOPE" : "_NAME_SCOPE");
    return defaultName ? prefix + "_DEFAULT" : prefix;
  }

  // ---------------------------------------------------------------------------------------------
  // Constructors and factories

  private MethodSpec constructor(ExecutableElement constructor) {
    MethodSpec.Builder b = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameters(parameters(constructor))
        .varargs(constructor.isVarArgs())
        .addStatement("super($L)", arguments(constructor));
    for (TypeMirror thrown : constructor.getThrownTypes()) {
      b.addException(TypeName.get(thrown));
    }
    return b.build();
  }

  private MethodSpec factory(ExecutableElement constructor, List<TypeVariableName> typeVariables,
      TypeName modelType, TypeName generatedType, ClassName generated) {
    MethodSpec.Builder b = MethodSpec.methodBuilder("create")
        .addJavadoc("Creates a {@link $T} whose scoped methods enter their scopes.\n", ClassName.get(
            (TypeElement) types.asElement(types.erasure(constructor.getEnclosingElement().asType()))))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addTypeVariables(typeVariables)
        .returns(modelType)
        .addParameters(parameters(constructor))
        .varargs(constructor.isVarArgs())
        .addStatement("return new $T$L($L)", generated, typeVariables.isEmpty() ? "" : "<>", arguments(constructor));
    for (TypeMirror thrown : constructor.getThrownTypes()) {
      b.addException(TypeName.get(thrown));
    }
    return b.build();
  }

  private static List<ParameterSpec> parameters(ExecutableElement executable) {
    List<ParameterSpec> out = new ArrayList<>();
    for (VariableElement p : executable.getParameters()) {
      out.add(ParameterSpec.builder(TypeName.get(p.asType()), p.getSimpleName().toString()).build());
    }
    return out;
  }

  private static String arguments(ExecutableElement executable) {
    return executable.getParameters().stream().map(p -> p.getSimpleName().toString())
        .collect(Collectors.joining(", "));
  }

  // ---------------------------------------------------------------------------------------------
  // Scoped methods

  private MethodSpec override(ModelSpec spec, ScopedMethod m) {
    ExecutableElement method = m.method();
    MethodSpec.Builder b = MethodSpec.overriding(method, (DeclaredType) spec.type().asType(), types);
    b.modifiers.remove(Modifier.NATIVE); // JavaPoet copies it, but the override has a body (JavaPoet wrote none)
    boolean deprecated = isDeprecated(m.variableScope()) || isDeprecated(m.nameScope());
    if (deprecated) {
      b.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "deprecation").build());
    }
    Set<String> taken = new HashSet<>();
    method.getParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
    String ops = spec.opsAccess();
    CodeBlock.Builder body = CodeBlock.builder();

    boolean needsValues = !m.tensorParameters().isEmpty() || isDeprecated(m.variableScope())
        || isDeprecated(m.nameScope()) || (m.nameScope() != null && m.variableScope() == null
            && m.scopeNameParameter() != null && m.nameScope().defaultName() == null);
    String values = null;
    if (needsValues) {
      values = fresh("values", taken);
      if (m.tensorParameters().isEmpty()) {
        body.addStatement("$T<$T> $N = $T.of()", LIST, TENSOR, values, LIST);
      } else {
        String names = m.tensorParameters().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        body.addStatement("$T<$T> $N = $T.values($L, $S, new String[] {$L}, $L)", LIST, TENSOR, values,
            SCOPED_CALLS, ops, m.description(), names, String.join(", ", m.tensorParameters()));
      }
    }

    List<CodeBlock> resources = new ArrayList<>();
    if (m.variableScope() != null) {
      resources.add(variableScopeResource(spec, m, m.variableScope(), ops, values, fresh("scope", taken)));
    }
    if (m.nameScope() != null) {
      String name = m.variableScope() == null ? m.scopeNameParameter() : null;
      resources.add(nameScopeResource(spec, m, m.nameScope(), name, ops, values, fresh("nameScope", taken)));
    }
    String exception = fresh("e", taken);
    body.add("try (");
    for (int i = 0; i < resources.size(); i++) {
      if (i > 0) {
        body.add(";\n    ");
      }
      body.add(resources.get(i));
    }
    body.add(") {\n").indent();
    String call = "super." + method.getSimpleName() + "(" + arguments(method) + ")";
    if (method.getReturnType().getKind() == TypeKind.VOID) {
      body.addStatement("$L", call);
    } else {
      body.addStatement("return $L", call);
    }
    body.unindent().add("} catch ($T $N) {\n", RuntimeException.class, exception).indent()
        .addStatement("throw $T.inScope($N, $S, $S)", SCOPED_CALLS, exception, m.description(), describeScopes(m))
        .unindent().add("}\n");
    return b.addCode(body.build()).build();
  }

  private static boolean isDeprecated(ScopeDecl d) {
    return d != null && (d.kind() == ScopeDecl.Kind.OP_SCOPE || d.kind() == ScopeDecl.Kind.VARIABLE_OP_SCOPE);
  }

  private static CodeBlock nameExpr(ModelSpec spec, ScopedMethod m, ScopeDecl d, String scopeNameParameter) {
    if (d.value() != null) {
      return CodeBlock.of("$L", constantRef(spec, m, d, false));
    }
    return CodeBlock.of("$L", scopeNameParameter != null ? scopeNameParameter : "null");
  }

  private static CodeBlock defaultExpr(ModelSpec spec, ScopedMethod m, ScopeDecl d) {
    return CodeBlock.of("$L", d.defaultName() != null ? constantRef(spec, m, d, true) : "null");
  }

  private CodeBlock variableScopeResource(ModelSpec spec, ScopedMethod m, ScopeDecl d, String ops, String values,
      String var) {
    if (d.kind() == ScopeDecl.Kind.VARIABLE_OP_SCOPE) {
      return CodeBlock.of("$T $N = $L.variableOpScope($N, $L, $L)", VAR_SCOPE, var, ops, values,
          nameExpr(spec, m, d, m.scopeNameParameter()), defaultExpr(spec, m, d));
    }
    boolean plain = d.value() != null && d.defaultName() == null && d.reuse().equals("FALSE")
        && d.initializer() == null && d.dtype() == null && d.auxiliaryNameScope() && m.tensorParameters().isEmpty()
        && d.regularizer() == null && d.partitioner() == null && d.customGetter() == null && d.constraint() == null
        && m.scopeReuse() == null;
    if (plain) {
      return CodeBlock.of("$T $N = $L.variableScope($L)", VAR_SCOPE, var, ops, constantRef(spec, m, d, false));
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$T $N = $L.variableScopeBuilder(", VAR_SCOPE, var, ops);
    if (d.value() != null || m.scopeNameParameter() != null) {
      b.add(nameExpr(spec, m, d, m.scopeNameParameter()));
    }
    b.add(")");
    if (d.defaultName() != null) {
      b.add("\n        .defaultName($L)", constantRef(spec, m, d, true));
    }
    if (!d.reuse().equals("FALSE")) {
      b.add("\n        .reuse($T.$L)", REUSE, d.reuse());
    }
    ScopedMethod.ReuseParameter perCall = m.scopeReuse();
    if (perCall != null && perCall.isBoolean()) { // TF's reuse=False: inherit, which reuse(FALSE) means
      b.add("\n        .reuse($N ? $T.TRUE : $T.FALSE)", perCall.name(), REUSE, REUSE);
    } else if (perCall != null) { // null and FALSE inherit
      b.add("\n        .reuse($N)", perCall.name());
    }
    option(b, "initializer", d.initializer());
    option(b, "regularizer", d.regularizer());
    option(b, "partitioner", d.partitioner());
    option(b, "customGetter", d.customGetter());
    if (d.dtype() != null) {
      b.add("\n        .dtype($T.$L)", DTYPE, d.dtype());
    }
    option(b, "constraint", d.constraint());
    if (!d.auxiliaryNameScope()) {
      b.add("\n        .auxiliaryNameScope(false)");
    }
    if (values != null && !m.tensorParameters().isEmpty()) {
      b.add("\n        .values($N)", values);
    }
    return b.add("\n        .enter()").build();
  }

  /** {@code .regularizer(new WeightDecay())}; a generic class with a diamond. */
  private static void option(CodeBlock.Builder b, String builderMethod, TypeName cls) {
    if (cls instanceof ParameterizedTypeName p) {
      b.add("\n        .$L(new $T<>())", builderMethod, p.rawType);
    } else if (cls != null) {
      b.add("\n        .$L(new $T())", builderMethod, cls);
    }
  }

  private static CodeBlock nameScopeResource(ModelSpec spec, ScopedMethod m, ScopeDecl d, String scopeNameParameter,
      String ops, String values, String var) {
    if (d.kind() == ScopeDecl.Kind.OP_SCOPE) {
      return CodeBlock.of("$T $N = $L.opScope($N, $L, $L)", NAME_SCOPE_HANDLE, var, ops, values,
          nameExpr(spec, m, d, scopeNameParameter), defaultExpr(spec, m, d));
    }
    if (values == null && d.defaultName() == null && scopeNameParameter == null) {
      return CodeBlock.of("$T $N = $L.nameScope($L)", NAME_SCOPE_HANDLE, var, ops, constantRef(spec, m, d, false));
    }
    if (values == null) {
      return CodeBlock.of("$T $N = $L.nameScope($L, $L)", NAME_SCOPE_HANDLE, var, ops,
          nameExpr(spec, m, d, scopeNameParameter), defaultExpr(spec, m, d));
    }
    return CodeBlock.of("$T $N = $L.nameScope($L, $L, $N)", NAME_SCOPE_HANDLE, var, ops,
        nameExpr(spec, m, d, scopeNameParameter), defaultExpr(spec, m, d), values);
  }

  private static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }
}
