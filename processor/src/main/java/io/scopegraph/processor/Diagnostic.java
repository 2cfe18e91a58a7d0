package io.scopegraph.processor;

import javax.tools.Diagnostic.Kind;

/**
 * Every message the processor prints, with a stable id ({@code [scopegraph:InvalidScopeName]}). Each says
 * what TensorFlow would do at run time and how to fix it. Warnings can be silenced with
 * {@code @SuppressWarnings("scopegraph:<Id>")} on the method or the class.
 */
enum Diagnostic {
  INVALID_SCOPE_NAME("InvalidScopeName", Kind.ERROR,
      "'%s' is not a valid scope name: TensorFlow raises \"'%s' is not a valid scope name\" "
          + "(InvalidScopeNameException) when %s runs. A scope name starts with a letter, a digit or '.', and "
          + "continues with letters, digits, '_', '.', '-' or '/'."),
  ABSOLUTE_SCOPE_NAME("AbsoluteScopeName", Kind.ERROR,
      "'%s' ends with '/': at run time that re-enters the absolute name scope '%s' verbatim instead of opening "
          + "a scope under the caller's. Remove the trailing '/'."),
  MISSING_SCOPE_NAME("MissingScopeName", Kind.ERROR,
      "@%s on %s gives the scope no name: TensorFlow raises \"%s\" when it is entered. Set value, set "
          + "defaultName, or add a @ScopeName String parameter."),
  REUSE_WITHOUT_NAME("ReuseWithoutName", Kind.ERROR,
      "reuse = Reuse.%s on %s, whose scope has only a default name: a default name is made unique on every "
          + "call, so nothing can be shared, and TensorFlow raises \"reuse=True cannot be used without a "
          + "name_or_scope\". Give the scope a value or a @ScopeName parameter, or remove reuse."),
  IGNORED_DEFAULT_NAME("IgnoredDefaultName", Kind.WARNING,
      "defaultName '%s' on %s is never used: the value '%s' always names the scope (TensorFlow ignores "
          + "default_name when a name is given). Remove defaultName."),
  METHOD_NOT_OVERRIDABLE("MethodNotOverridable", Kind.ERROR,
      "%s is %s, so the generated %s cannot override it to enter its scope, and calls would run unscoped. "
          + "Make it non-private, non-static and non-final.%s"),
  ABSTRACT_SCOPED_METHOD("AbstractScopedMethod", Kind.ERROR,
      "%s is abstract: the generated subclass enters the scope around super.%s(...), which needs a body. "
          + "Implement it here, or annotate the implementation instead."),
  CONFLICTING_SCOPES("ConflictingScopes", Kind.ERROR,
      "%s carries both @%s and @%s: a method enters at most one variable scope and one name scope. Remove "
          + "one of them."),
  SCOPED_METHOD_OUTSIDE_MODEL("ScopedMethodOutsideModel", Kind.ERROR,
      "%s has @%s, but %s is not annotated @Model, so nothing would enter the scope. Annotate the class "
          + "with @Model."),
  INVALID_SCOPE_NAME_PARAMETER("InvalidScopeNameParameter", Kind.ERROR, "%s"),
  SCOPE_NAME_CONFLICT("ScopeNameConflict", Kind.ERROR,
      "%s names its %s twice: value '%s' and the @ScopeName parameter '%s'. Remove one of them."),
  SCOPE_REUSE_TYPE("ScopeReuseType", Kind.ERROR,
      "@ScopeReuse parameter '%s' of %s is a %s, but it gives the variable scope's reuse on each call (TF's reuse "
          + "argument: True, False/None or tf.AUTO_REUSE). Change its type to io.scopegraph.Reuse (TRUE, AUTO; FALSE "
          + "or null inherit) or boolean (true = Reuse.TRUE, false inherits)."),
  DUPLICATE_SCOPE_REUSE("DuplicateScopeReuse", Kind.ERROR,
      "%s has a second @ScopeReuse parameter '%s' after '%s', but its variable scope takes one reuse per call. "
          + "Remove one of them."),
  SCOPE_REUSE_WITHOUT_VARIABLE_SCOPE("ScopeReuseWithoutVariableScope", Kind.ERROR,
      "@ScopeReuse on parameter '%s' of %s sets nothing: the method has %s, and reuse belongs to a variable scope "
          + "(tf.variable_scope(name, reuse=...)). Add @VariableScope, or remove @ScopeReuse."),
  SCOPE_REUSE_CONFLICT("ScopeReuseConflict", Kind.ERROR,
      "%s sets its variable scope's reuse twice: reuse = Reuse.%s in @VariableScope and the @ScopeReuse parameter "
          + "'%s'. Remove one of them (a per-call Reuse.%s is passed as the argument)."),
  OVERRIDE_WITHOUT_SCOPE("OverrideWithoutScope", Kind.WARNING,
      "%s overrides %s, which is scoped (%s), but has no scope annotation itself: Java does not inherit annotations "
          + "of overridden methods, so the override runs outside those scopes and its ops and variables lose their "
          + "prefix. Repeat the annotations on the override, or add @SuppressWarnings(\"scopegraph:OverrideWithoutScope\") "
          + "if it is meant to run unscoped."),
  SCOPE_REUSE_WITHOUT_NAME("ScopeReuseWithoutName", Kind.ERROR,
      "@ScopeReuse parameter '%s' of %s, whose variable scope has only a default name: a default name is made unique "
          + "on every call, so nothing can be shared, and TensorFlow raises \"reuse=True cannot be used without a "
          + "name_or_scope\" whenever the argument is true or AUTO. Give the scope a value or a @ScopeName parameter, "
          + "or remove @ScopeReuse."),
  INVALID_INITIALIZER("InvalidInitializer", Kind.ERROR,
      "%s cannot be the scope's initializer: %s. Use a class implementing io.scopegraph.Initializer with a "
          + "public no-argument constructor, e.g. Initializers.Zeros.class."),
  INVALID_REGULARIZER("InvalidRegularizer", Kind.ERROR,
      "regularizer = %s.class cannot be the scope's regularizer: %s, but the generated %s creates it with new "
          + "%s() on every entry of the scope. Use a class implementing io.scopegraph.Regularizer with a public "
          + "no-argument constructor (e.g. a public static final class WeightDecay implements Regularizer whose "
          + "apply(w) returns Regularizers.l2(1e-4).apply(w)), or Regularizers.None.class for no regularizer."),
  INVALID_PARTITIONER("InvalidPartitioner", Kind.ERROR,
      "partitioner = %s.class cannot be the scope's partitioner: %s, but the generated %s creates it with new "
          + "%s() on every entry of the scope. Use a class implementing io.scopegraph.Partitioner with a public "
          + "no-argument constructor (e.g. a public static final class FourShards implements Partitioner whose "
          + "partitions(shape, dtype) returns Partitioners.fixedSize(4).partitions(shape, dtype))."),
  INVALID_CUSTOM_GETTER("InvalidCustomGetter", Kind.ERROR,
      "customGetter = %s.class cannot be the scope's custom getter: %s, but the generated %s creates it with new "
          + "%s() on every entry of the scope. Use a class implementing io.scopegraph.CustomGetter with a public "
          + "no-argument constructor (e.g. a public static final class nested in the model)."),
  INVALID_CONSTRAINT("InvalidConstraint", Kind.ERROR,
      "constraint = %s.class cannot be the scope's constraint: %s, but the generated %s creates it with new "
          + "%s() on every entry of the scope. Use a class implementing io.scopegraph.Constraint with a public "
          + "no-argument constructor (e.g. a public static final class nested in the model)."),
  DEFAULT_OPTION_CLASS("DefaultOptionClass", Kind.WARNING,
      "%s = %s.class on %s is the default, written out: %s. Remove it%s."),
  INVALID_DTYPE("InvalidDType", Kind.ERROR,
      "dtype takes one value, or none to inherit the enclosing scope's dtype; got %d."),
  MODEL_NOT_SUBCLASSABLE("ModelNotSubclassable", Kind.ERROR,
      "@Model %s %s, but the generated %s must subclass it. %s"),
  NO_MODEL_CONSTRUCTOR("NoModelConstructor", Kind.ERROR,
      "@Model %s has no non-private constructor whose first parameter is io.scopegraph.Ops; the generated "
          + "create(Ops tf, ...) factories mirror such constructors. Add one, e.g. protected %s(Ops tf)."),
  NO_OPS_ACCESS("NoOpsAccess", Kind.ERROR,
      "@Model %s gives its subclass no access to its Ops, which the generated code enters the scopes with. "
          + "Add a non-private field (e.g. protected final Ops tf) or a non-private no-argument method "
          + "returning Ops.%s"),
  DUPLICATE_VARIABLE("DuplicateVariable", Kind.ERROR,
      "Variable %s is created again here without reuse (%s): TensorFlow raises \"Variable %s already exists, "
          + "disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\" "
          + "(VariableAlreadyExistsException) when %s runs. Set reuse = Reuse.AUTO on the scope to share the "
          + "variable, or give each use its own scope name."),
  DUPLICATE_LAYER_VARIABLE("DuplicateVariable", Kind.ERROR,
      "Layer variable %s is created again here without reuse (%s): the runtime raises \"Variable %s already exists, "
          + "disallowed. Did you mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?\" "
          + "(VariableAlreadyExistsException) when %s runs, as TensorFlow does. Share it with reuse(Reuse.AUTO) in "
          + "the layer's options or reuse = Reuse.AUTO on the enclosing scope, or give each layer its own name."),
  DUPLICATE_VARIABLE_SCOPE_REUSE("DuplicateVariable", Kind.ERROR,
      "Variable %s is created again here without reuse (%s): TensorFlow raises \"Variable %s already exists, "
          + "disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?\" "
          + "(VariableAlreadyExistsException) when %s runs. Pass true (or Reuse.TRUE) as the reuse argument of %s "
          + "here to share the variable."),
  DUPLICATE_LAYER_VARIABLE_SCOPE_REUSE("DuplicateVariable", Kind.ERROR,
      "Layer variable %s is created again here without reuse (%s): the runtime raises \"Variable %s already exists, "
          + "disallowed. Did you mean to set reuse=Reuse.TRUE or reuse=Reuse.AUTO in VarScope?\" "
          + "(VariableAlreadyExistsException) when %s runs, as TensorFlow does. Pass true (or Reuse.TRUE) as the "
          + "reuse argument of %s here to share the layer's variables."),
  LAYER_REUSE_WITHOUT_VARIABLE("ReuseWithoutVariable", Kind.ERROR,
      "Variable %s does not exist when this %s layer shares it with reuse(Reuse.TRUE), and no code of %s creates "
          + "it: the runtime raises \"Variable %s does not exist, or was not created with getVariable(). Did you mean "
          + "to set reuse=Reuse.AUTO in VarScope?\" (VariableNotFoundException) when %s runs, as TensorFlow does. "
          + "Create the layer once without reuse first, or use Reuse.AUTO."),
  MAYBE_DUPLICATE_VARIABLE("MaybeDuplicateVariable", Kind.WARNING,
      "Variable %s may be created again here without reuse (%s): if so, TensorFlow raises \"Variable %s already "
          + "exists, disallowed\" when %s runs. Set reuse = Reuse.AUTO on the scope to share the variable, or "
          + "give each use its own scope name."),
  VARIABLE_SHAPE_CONFLICT("VariableShapeConflict", Kind.ERROR,
      "Variable %s is shared here with shape %s, but it was created with shape %s (%s): TensorFlow raises "
          + "\"Trying to share variable %s, but specified shape %s and found shape %s.\" when %s runs. Use one "
          + "shape."),
  VARIABLE_DTYPE_CONFLICT("VariableDTypeConflict", Kind.ERROR,
      "Variable %s is shared here as %s, but it was created as %s (%s): TensorFlow raises \"Trying to share "
          + "variable %s, but specified dtype %s and found dtype %s.\" when %s runs. Use one dtype."),
  INVALID_VARIABLE_NAME("InvalidVariableName", Kind.ERROR,
      "'%s' is not a valid variable name: TensorFlow raises \"'%s' is not a valid scope name\" "
          + "(InvalidScopeNameException) when this getVariable runs. Use letters, digits, '_', '.', '-' or '/'."),
  INVALID_OP_NAME("InvalidOpName", Kind.ERROR,
      "'%s' is not a valid op name: TensorFlow raises ValueError (InvalidScopeNameException or "
          + "InvalidOpNameException) when this op is created. Use letters, digits, '_', '.', '-' or '/'."),
  INVALID_LAYER_NAME("InvalidLayerName", Kind.ERROR,
      "'%s' is not a valid layer name: the runtime raises \"'%s' is not a valid scope name\" "
          + "(InvalidScopeNameException) when this layer call runs, as TensorFlow does. Use letters, digits, '_', '.', "
          + "'-' or '/'."),
  REUSE_WITHOUT_CREATOR("ReuseWithoutCreator", Kind.WARNING,
      "Variable %s is fetched with reuse = Reuse.TRUE, but no code of %s creates it: unless code outside the "
          + "model creates it first, TensorFlow raises \"Variable %s does not exist, or was not created with "
          + "tf.get_variable()\" here. Create it in the model, or use Reuse.AUTO."),
  NAME_SCOPE_ONLY_VARIABLE("NameScopeOnlyVariable", Kind.WARNING,
      "getVariable(\"%s\") runs under name scope %s but no variable scope when %s is called: name scopes do not "
          + "prefix getVariable, so the variable is named '%s'%s. Use @VariableScope (or tf.variableScope) to "
          + "prefix it."),
  CALL_SITES_UNAVAILABLE("CallSitesUnavailable", Kind.NOTE,
      "javac's syntax trees are not available in this compiler environment (%s), so the call-site checks "
          + "(duplicate variables, shape conflicts, name-scope traps) are skipped and no variable manifest is "
          + "written. -Ascopegraph.callSites=require turns this into an error; =off silences it."),
  INVALID_OPTION("InvalidOption", Kind.ERROR,
      "-Ascopegraph.callSites=%s is not one of auto, off, require."),
  UNIMPLEMENTED_METHOD("UnimplementedMethod", Kind.ERROR,
      "@Model %s leaves %s abstract, but the generated %s is final and cannot implement it. Implement it in the "
          + "model (or make the model's subclass the @Model)."),
  DEPRECATED_SCOPE("DeprecatedScope", Kind.WARNING,
      "@%s is deprecated, as TensorFlow deprecated tf.%s in r0.11: use @%s instead (same scopes, same names)."),
  INVALID_CHECKPOINT_ANNOTATION("InvalidCheckpointAnnotation", Kind.ERROR,
      "@Checkpoint(\"%s\") on %s %s: no checkpoint is compared with the variables the method creates, and a "
          + "missing key shows only when it is restored at run time (TensorFlow's NotFoundError). %s"),
  CHECKPOINT_NOT_FOUND("CheckpointNotFound", Kind.ERROR,
      "Checkpoint %s (@Checkpoint on %s) not found; looked at %s. Restoring a checkpoint that is "
          + "not there fails at run time too (TensorFlow's NotFoundError \"Failed to find any matching files for "
          + "%s\"). Put its files (%s.index and its .data-… shards) under src/main/resources, or point "
          + "-Ascopegraph.checkpointDir=<dir> at the directory that holds them."),
  UNREADABLE_CHECKPOINT("UnreadableCheckpoint", Kind.ERROR,
      "Checkpoint %s (@Checkpoint on %s, found at %s) cannot be read: %s. Restoring it fails at run time too "
          + "(TensorFlow's DataLossError). Write the checkpoint again (tf.train.Saver, or scopegraph's Saver), or "
          + "name another one."),
  MISSING_CHECKPOINT_KEY("MissingCheckpointKey", Kind.ERROR,
      "Variable %s is not in checkpoint %s, which @Checkpoint on %s restores: TensorFlow raises \"Key %s not found "
          + "in checkpoint\" (NotFoundError) when it is restored; %s. Rename the scope back so the names match, or "
          + "restore through a name map from checkpoint keys to variables (new Saver(graph, nameMap); TensorFlow's "
          + "Saver(var_list={...}) or init_from_checkpoint's assignment map)."),
  CHECKPOINT_SHAPE_MISMATCH("CheckpointShapeMismatch", Kind.ERROR,
      "Variable %s has shape %s here, but checkpoint %s, which @Checkpoint on %s restores, holds it with shape %s: "
          + "TensorFlow raises \"Assign requires shapes of both tensors to match. lhs shape= %s rhs shape= %s\" "
          + "(InvalidArgumentError) when it is restored. Give the variable the checkpoint's shape, or restore "
          + "another checkpoint."),
  CHECKPOINT_DTYPE_MISMATCH("CheckpointDTypeMismatch", Kind.ERROR,
      "Variable %s is %s here, but checkpoint %s, which @Checkpoint on %s restores, holds it as %s: TensorFlow "
          + "raises \"tensor_name = %s; expected dtype %s does not equal original dtype %s\" (InvalidArgumentError) "
          + "when it is restored. Create the variable with the checkpoint's dtype (%s) and cast it where it is "
          + "used, or restore another checkpoint."),
  INCOMPLETE_CHECKPOINT_CHECK("IncompleteCheckpointCheck", Kind.NOTE,
      "@Checkpoint(\"%s\") on %s checked only the %d variable%s the call-site analysis predicts for it; it does "
          + "not predict the variables created through %s. A key missing for those makes TensorFlow raise \"Key … "
          + "not found in checkpoint\" (NotFoundError) only when the checkpoint is restored: restore it in a test, "
          + "or write those names and scopes literally to have them checked here."),
  CHECKPOINT_NOT_CHECKED("CheckpointNotChecked", Kind.NOTE,
      "@Checkpoint is not compared with the checkpoints in this compilation: %s. The checkpoints are still found "
          + "and read, but a variable they lack makes TensorFlow raise \"Key … not found in checkpoint\" "
          + "(NotFoundError) only when they are restored at run time. %s");

  private final String id;
  private final Kind kind;
  private final String template;

  Diagnostic(String id, Kind kind, String template) {
    this.id = id;
    this.kind = kind;
    this.template = template;
  }

  String id() {
    return id;
  }

  Kind kind() {
    return kind;
  }

  /** With {@code -Ascopegraph.callSites=require}, missing trees (and so unchecked checkpoints) are an error. */
  Kind kind(boolean required) {
    return (this == CALL_SITES_UNAVAILABLE || this == CHECKPOINT_NOT_CHECKED) && required ? Kind.ERROR : kind;
  }

  /** The full message: {@code [scopegraph:Id] text}. */
  String format(Object... args) {
    return "[scopegraph:" + id + "] " + String.format(template, args);
  }
}
