package io.scopegraph.tensorflow;

import java.util.List;

/**
 * The {@code checkpoint} state file of a directory ({@code CheckpointState} of TensorFlow, in its text form):
 * the newest checkpoint's prefix and every kept one, oldest first. SKELETON: read and write to come.
 *
 * @param modelCheckpointPath the newest checkpoint's prefix
 * @param allModelCheckpointPaths the kept checkpoints, oldest first
 */
public record CheckpointState(String modelCheckpointPath, List<String> allModelCheckpointPaths) {
  public CheckpointState {
    allModelCheckpointPaths = List.copyOf(allModelCheckpointPaths);
  }
}
