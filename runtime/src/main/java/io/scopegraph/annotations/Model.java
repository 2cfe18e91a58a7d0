package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a model class: its methods annotated with {@link VariableScope}, {@link NameScope} (or the
 * deprecated {@link OpScope} / {@link VariableOpScope}) run inside those scopes. The processor generates
 * {@code Scoped<Model>} in the same package (nested models: {@code Scoped<Outer>_<Inner>}), a subclass that
 * enters the scopes around each scoped method, with a {@code static create(Ops tf, …)} factory per accessible
 * constructor.
 *
 * <p>The class must be subclassable (not final or private; nested classes static), have a non-private
 * constructor taking {@link io.scopegraph.Ops} first, and give subclasses access to that {@code Ops} through a
 * non-private field or a non-private no-argument method returning it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {}
