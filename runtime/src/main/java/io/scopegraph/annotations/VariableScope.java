package io.scopegraph.annotations;

import io.scopegraph.DType;
import io.scopegraph.Initializer;
import io.scopegraph.Reuse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method inside {@code tf.variable_scope(...)}: {@code getVariable} names get the scope's prefix
 * and its reuse mode decides between creating and sharing; ops get a name scope of the same name
 * (uniquified on every call). The method's {@link io.scopegraph.Tensor} parameters are the scope's values.
 *
 * <p>With {@link NameScope} on the same method, the variable scope is entered first and the name scope
 * inside it. In all members {@code ""} means "not given".
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface VariableScope {
  /** The scope name (TF's {@code name_or_scope}): the same on every call, so sharing needs a reuse mode. */
  String value() default "";

  /**
   * The name when neither {@link #value()} nor a {@link ScopeName} argument gives one; uniquified per call
   * ({@code mysum}, {@code mysum_1}, …), like TF's {@code default_name}.
   */
  String defaultName() default "";

  /** {@code Reuse.TRUE} or {@code Reuse.AUTO} to share variables; {@code FALSE} inherits the caller's. */
  Reuse reuse() default Reuse.FALSE;

  /**
   * The default initializer of variables created in the scope: a class implementing {@link Initializer}
   * with a public no-argument constructor (e.g. {@code Initializers.Zeros.class}). {@code Initializer.class}
   * (the default) inherits the enclosing scope's.
   */
  Class<? extends Initializer> initializer() default Initializer.class;

  /** The default dtype of variables created in the scope: empty (default) inherits, else one dtype. */
  DType[] dtype() default {};

  /**
   * {@code false}: open no name scope of its own, so ops keep the caller's name scope (TF's
   * {@code auxiliary_name_scope=False}).
   */
  boolean auxiliaryNameScope() default true;
}
