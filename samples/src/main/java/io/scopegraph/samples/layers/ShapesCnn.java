package io.scopegraph.samples.layers;

import io.scopegraph.DType;
import io.scopegraph.Graph;
import io.scopegraph.Operation;
import io.scopegraph.Ops;
import io.scopegraph.Shape;
import io.scopegraph.Tensor;
import io.scopegraph.layers.Activation;
import io.scopegraph.layers.BatchNormalization;
import io.scopegraph.layers.Conv2D;
import io.scopegraph.layers.Dense;
import io.scopegraph.layers.Layers;
import io.scopegraph.train.AdamOptimizer;
import io.scopegraph.train.Optimizer;
import java.util.List;

/**
 * The sample's CNN, written with {@code tf.layers} as in TensorFlow 1.15:
 *
 * <pre>{@code
 * images = tf.placeholder(tf.float32, [None, 16, 16, 1], name="images")
 * labels = tf.placeholder(tf.int32, [None], name="labels")
 * training = tf.placeholder_with_default(False, [], name="training")
 * h = tf.layers.conv2d(images, 8, 3, padding="same", activation=tf.nn.relu)
 * h = tf.layers.max_pooling2d(h, 2, 2)
 * h = tf.layers.conv2d(h, 16, 3, padding="same", activation=tf.nn.relu)
 * h = tf.layers.max_pooling2d(h, 2, 2)
 * h = tf.layers.batch_normalization(h, training=training)
 * h = tf.layers.flatten(h)
 * h = tf.layers.dense(h, 32, activation=tf.nn.relu)
 * h = tf.layers.dropout(h, rate=0.3, training=training)
 * logits = tf.layers.dense(h, 2)
 * loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits), name="loss")
 * with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
 *   train = tf.train.AdamOptimizer(0.01).minimize(loss)
 * }</pre>
 */
public record ShapesCnn(Graph graph, Tensor images, Tensor labels, Tensor training, Tensor logits, Tensor loss,
    Operation train) {

  /** Builds the model and its Adam training step in a new graph. */
  public static ShapesCnn build(long seed) {
    return build(seed, new AdamOptimizer(0.01));
  }

  /** Builds the model and a training step with {@code optimizer} in a new graph. */
  public static ShapesCnn build(long seed, Optimizer optimizer) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.on(g);
    Layers layers = tf.layers();
    int size = ShapeImages.SIZE;
    Tensor images = tf.placeholder(DType.FLOAT32, Shape.of(-1, size, size, 1), "images");
    Tensor labels = tf.placeholder(DType.INT32, Shape.of(-1), "labels");
    Tensor training = tf.placeholderWithDefault(false, Shape.scalar(), "training");
    Conv2D.Options conv = Conv2D.options().padding("same").activation(Activation.RELU);
    Tensor h = layers.conv2d(images, 8, 3, conv);
    h = layers.maxPooling2d(h, 2, 2);
    h = layers.conv2d(h, 16, 3, conv);
    h = layers.maxPooling2d(h, 2, 2);
    h = layers.batchNormalization(h, BatchNormalization.options().training(training));
    h = layers.flatten(h);
    h = layers.dense(h, 32, Dense.options().activation(Activation.RELU));
    h = layers.dropout(h, 0.3, training);
    Tensor logits = layers.dense(h, 2);
    Tensor loss = tf.mean(tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits), "loss");
    List<Operation> updates = g.collection(Graph.UPDATE_OPS).stream().map(Operation.class::cast).toList();
    Operation train = tf.controlDependencies(updates, () -> optimizer.minimize(loss));
    return new ShapesCnn(g, images, labels, training, logits, loss, train);
  }
}
