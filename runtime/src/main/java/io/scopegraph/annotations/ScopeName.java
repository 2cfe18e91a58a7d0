package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code String} parameter that names the method's scope on each call; {@code null} falls back to
 * the annotation's {@code defaultName}, uniquified. With both {@link VariableScope} and {@link NameScope}
 * it names the variable scope. At most one per method, and not together with a fixed {@code value}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface ScopeName {}
