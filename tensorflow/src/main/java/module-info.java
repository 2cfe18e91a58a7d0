/**
 * scopegraph's TensorFlow interchange: GraphDef import and export, TensorBoard event files, TFRecords, TensorFlow's V2
 * checkpoints (Saver, readers, {@code init_from_checkpoint}, {@code .meta} files) and {@code TensorFlowSession}, which
 * runs a scopegraph graph on TensorFlow Java. Everything public is in {@code io.scopegraph.tensorflow}.
 */
// protobuf and snappy-java are automatic modules (named in their manifests)
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.scopegraph.tensorflow {
  exports io.scopegraph.tensorflow;

  requires transitive io.scopegraph;
  // TensorFlow's protos (org.tensorflow.proto: GraphDef, MetaGraphDef, …), part of this module's API, without the
  // native library
  requires transitive tensorflow.nativelib;
  requires transitive com.google.protobuf;
  // TensorFlowSession: TensorFlow Java's graph and session
  requires tensorflow;
  requires org.tensorflow.ndarray;
  // Snappy blocks of checkpoint indexes written by TensorFlow 1.1 and older
  requires org.xerial.snappy;

  provides io.scopegraph.OpProvider with io.scopegraph.tensorflow.CheckpointKernels;
}
