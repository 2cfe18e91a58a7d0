package io.scopegraph.kernels;

import io.scopegraph.NdArray;
import io.scopegraph.Operation;
import io.scopegraph.Session;
import io.scopegraph.UninitializedVariableException;
import java.util.SplittableRandom;

/** What stateful kernels reach of the {@link Session} that runs them: variable values and random generators. */
public interface SessionState {
  /** The variable's value; {@link UninitializedVariableException} if nothing assigned it. */
  NdArray read(Operation variable);

  void write(Operation variable, NdArray value);

  /** The random op's generator in this session. */
  SplittableRandom generator(Operation randomOp);
}
