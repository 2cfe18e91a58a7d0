package corpus;

import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Variable;
import io.scopegraph.annotations.Model;
import java.util.function.Supplier;

/** Code written in a root but run later, or never: a lambda or an anonymous class is not a call. */
@Model
public abstract class DeferredCode {
  protected final Ops tf;

  protected DeferredCode(Ops tf) {
    this.tf = tf;
  }

  /** A lambda never called: nothing. */
  public Supplier<Variable> lambdaNotCalled() {
    return () -> tf.getVariable("never_lambda", Shape.of(2));
  }

  /** An anonymous class never called: nothing. */
  public Supplier<Variable> anonymousNotCalled() {
    return new Supplier<>() {
      @Override
      public Variable get() {
        return tf.getVariable("never_anonymous", Shape.of(2));
      }
    };
  }

  /** An anonymous class called once: called_anonymous. */
  public Variable anonymousCalled() {
    Supplier<Variable> make = new Supplier<>() {
      @Override
      public Variable get() {
        return tf.getVariable("called_anonymous", Shape.of(2));
      }
    };
    return make.get();
  }

  /** A local class called once: called_local. */
  public Variable localClassCalled() {
    final class Maker {
      Variable make() {
        return tf.getVariable("called_local", Shape.of(2));
      }
    }
    return new Maker().make();
  }
}
