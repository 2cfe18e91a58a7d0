package io.scopegraph.layers;

import io.scopegraph.Reuse;

/**
 * The keyword arguments every layer with variables takes: {@code name}, {@code reuse} (the function form only) and
 * {@code trainable}. A layer keeps a copy of its options, so changing them afterwards does not reach it.
 */
public abstract class LayerOptions<T extends LayerOptions<T>> implements Cloneable {
  String name;
  Reuse reuse;
  boolean trainable = true;

  LayerOptions() {}

  @SuppressWarnings("unchecked")
  final T self() {
    return (T) this;
  }

  /**
   * The function form: the variable scope itself ({@code fc/kernel}; a second call with the same name needs
   * {@link #reuse}). A layer object: the base of its default scope name ({@code fc}, {@code fc_1}, …).
   */
  public final T name(String name) {
    this.name = name;
    return self();
  }

  /** The function form only: share the variables of the same name ({@code Reuse.TRUE} or {@code AUTO}). */
  public final T reuse(Reuse reuse) {
    this.reuse = reuse;
    return self();
  }

  /** False: the layer's variables join no {@code TRAINABLE_VARIABLES} (and batch normalization no {@code UPDATE_OPS}). */
  public final T trainable(boolean trainable) {
    this.trainable = trainable;
    return self();
  }

  /** The snapshot a layer keeps. */
  @SuppressWarnings("unchecked")
  final T copy() {
    try {
      return (T) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }
}
