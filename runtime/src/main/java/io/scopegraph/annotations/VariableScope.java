package io.scopegraph.annotations;

import io.scopegraph.Constraint;
import io.scopegraph.CustomGetter;
import io.scopegraph.DType;
import io.scopegraph.Initializer;
import io.scopegraph.Partitioner;
import io.scopegraph.Regularizer;
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
 *
 * <p>The options given as classes ({@link #initializer()}, {@link #regularizer()}, {@link #partitioner()},
 * {@link #customGetter()}, {@link #constraint()}) name a class the generated code creates with {@code new X()}
 * on every entry: a class (not abstract, not an interface or enum, not an inner class) with a no-argument
 * constructor, both reachable from the model's package (public, or package-private in that package). The
 * interface itself (the default) means "not given": the scope inherits the option (a constraint is never
 * inherited). Options that take parameters in the runtime become small classes:
 *
 * <pre>{@code
 * public static final class FourShards implements Partitioner {
 *   private static final Partitioner SHARDS = Partitioners.fixedSize(4);
 *   public int[] partitions(Shape shape, DType dtype) { return SHARDS.partitions(shape, dtype); }
 * }
 * @VariableScope(value = "embedding", reuse = Reuse.AUTO, partitioner = FourShards.class,
 *     regularizer = WeightDecay.class)
 * }</pre>
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

  /**
   * The regularizer of variables created in the scope and its sub-scopes ({@code regularizer=} of TF): a class
   * implementing {@link Regularizer} with a no-argument constructor. {@code Regularizers.None.class} switches
   * off the regularizer the scope would inherit (TF's {@code tf.no_regularizer}); {@code Regularizer.class}
   * (the default) inherits it.
   */
  Class<? extends Regularizer> regularizer() default Regularizer.class;

  /**
   * The partitioner of variables created in the scope and its sub-scopes ({@code partitioner=} of TF): a class
   * implementing {@link Partitioner} with a no-argument constructor. Variables it splits are got with
   * {@code tf.getVariableBuilder(name)….getPartitioned()} (shards {@code <scope>/<name>/part_<i>}).
   * {@code Partitioner.class} (the default) inherits the enclosing scope's.
   */
  Class<? extends Partitioner> partitioner() default Partitioner.class;

  /**
   * A custom getter around {@code getVariable} in the scope and its sub-scopes ({@code custom_getter=} of TF):
   * a class implementing {@link CustomGetter} with a no-argument constructor. It wraps the getter the scope
   * inherits. {@code CustomGetter.class} (the default) keeps the inherited one only.
   */
  Class<? extends CustomGetter> customGetter() default CustomGetter.class;

  /**
   * The constraint recorded on variables created directly in this scope ({@code constraint=} of TF; not
   * inherited by sub-scopes): a class implementing {@link Constraint} with a no-argument constructor.
   * {@code Constraint.class} (the default) gives none.
   */
  Class<? extends Constraint> constraint() default Constraint.class;

  /** The default dtype of variables created in the scope: empty (default) inherits, else one dtype. */
  DType[] dtype() default {};

  /**
   * {@code false}: open no name scope of its own, so ops keep the caller's name scope (TF's
   * {@code auxiliary_name_scope=False}).
   */
  boolean auxiliaryNameScope() default true;
}
