package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * TF's deprecated {@code tf.variable_op_scope(values, name_or_scope, default_name)}: a variable scope whose
 * values are the method's tensor parameters. Same as {@code @VariableScope(value, defaultName)}.
 *
 * @deprecated use {@link VariableScope} (TF deprecated {@code variable_op_scope} in r0.11 in favour of
 *     {@code variable_scope})
 */
@Deprecated
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface VariableOpScope {
  String value() default "";

  String defaultName() default "";
}
