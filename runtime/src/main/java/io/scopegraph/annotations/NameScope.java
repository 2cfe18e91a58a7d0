package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method inside {@code tf.name_scope(...)}: ops and {@code tf.variable}s get the prefix (uniquified
 * per call: {@code distance}, {@code distance_1}, …), {@code getVariable} does not. The method's
 * {@link io.scopegraph.Tensor} parameters are the scope's values. {@code ""} means "not given".
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface NameScope {
  /** The scope name. */
  String value() default "";

  /** The name when neither {@link #value()} nor a {@link ScopeName} argument gives one. */
  String defaultName() default "";
}
