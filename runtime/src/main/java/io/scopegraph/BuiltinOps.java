package io.scopegraph;

import java.util.ArrayList;
import java.util.List;

/** The runtime's own op types, gathered from the families that define them. */
final class BuiltinOps {
  private BuiltinOps() {}

  static List<OpDef> all() {
    List<OpDef> all = new ArrayList<>();
    all.addAll(StateOpDefs.all());
    all.addAll(MathOpDefs.all());
    all.addAll(ArrayOpDefs.all());
    all.addAll(TrainingOpDefs.all());
    all.addAll(ShapeOpDefs.all());
    all.addAll(NnOpDefs.all());
    all.addAll(ConvOpDefs.all());

    all.addAll(NnLayerOpDefs.all());

    all.addAll(ControlFlowOpDefs.all());

    all.addAll(SparseOpDefs.all());
    return all;
  }
}
