package com.example;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.annotations.Model;
import io.scopegraph.annotations.NameScope;
import io.scopegraph.annotations.VariableScope;

/** A variable scope with a name scope inside (variable scope entered first), and a no-name-scope variant. */
@Model
public class Scoping {
  public static class Base {
    protected final Ops tf;

    protected Base(Ops tf) {
      this.tf = tf;
    }
  }

  /** Nested model: generated as ScopedScoping_Layer. */
  @Model
  public static class Layer extends Base {
    public Layer(Ops tf) {
      super(tf);
    }

    public Layer(Ops tf, String unused) {
      super(tf);
    }

    @VariableScope("foo")
    @NameScope("bar")
    public Tensor fooBar() {
      Tensor v = tf.getVariable("v", Shape.of(1));
      return v.radd(1.0f);
    }

    @VariableScope(value = "quiet", auxiliaryNameScope = false)
    public void quiet() {
      tf.getVariable("q", Shape.of(1));
    }
  }

  protected final Ops tf;

  public Scoping(Ops tf) {
    this.tf = tf;
  }
}
