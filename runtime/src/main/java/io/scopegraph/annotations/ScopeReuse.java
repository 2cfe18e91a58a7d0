package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that sets the reuse of the method's {@link VariableScope} on each call, as TF's per-call
 * {@code reuse} argument ({@code def discriminator(x, reuse=False): with tf.variable_scope("disc", reuse=reuse)}).
 * Its type is {@code io.scopegraph.Reuse} (given as is; {@code FALSE} and {@code null} inherit the enclosing
 * scope's mode) or {@code boolean} ({@code true} is {@code Reuse.TRUE}; {@code false} inherits, as TF's
 * {@code reuse=False}). At most one per method, only with {@code @VariableScope}, and not together with a fixed
 * {@code reuse} in it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface ScopeReuse {}
