package io.scopegraph.tensorflow;

import io.scopegraph.NdArray;
import io.scopegraph.Session;
import java.util.List;
import java.util.Map;

/** Runs a saver's ops in either kind of session: feeds the prefix, then evaluates the save tensor or the restore op. */
interface Runner {
  void save(SaverOps ops, String prefix);

  void restore(SaverOps ops, String prefix);

  /** The built-in executor, whose {@code SaveV2} and {@code RestoreV2} kernels come from {@link CheckpointKernels}. */
  record OfSession(Session session) implements Runner {
    @Override
    public void save(SaverOps ops, String prefix) {
      session.runner().feed(ops.filename(), NdArray.scalar(prefix)).fetch(ops.save()).run();
    }

    @Override
    public void restore(SaverOps ops, String prefix) {
      session.runner().feed(ops.filename(), NdArray.scalar(prefix)).addTarget(ops.restore()).run();
    }
  }

  /** TensorFlow, whose own kernels write and read the files. */
  record OfTensorFlow(TensorFlowSession session) implements Runner {
    @Override
    public void save(SaverOps ops, String prefix) {
      session.run(List.of(ops.save()), Map.of(ops.filename(), NdArray.scalar(prefix)));
    }

    @Override
    public void restore(SaverOps ops, String prefix) {
      session.run(Map.of(ops.filename(), NdArray.scalar(prefix)), ops.restore());
    }
  }
}
