package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * TF's deprecated {@code tf.op_scope(values, name, default_name)}: a name scope whose values are the
 * method's tensor parameters. Same as {@code @NameScope(value, defaultName)}.
 *
 * @deprecated use {@link NameScope} (TF deprecated {@code op_scope} in r0.11 in favour of {@code name_scope})
 */
@Deprecated
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OpScope {
  String value() default "";

  String defaultName() default "";
}
