package io.scopegraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the TensorFlow checkpoint that calling this model method at the root of a fresh graph must restore
 * from, so that a variable the checkpoint lacks is a javac error instead of TensorFlow's
 * {@code NotFoundError: Key tower/w not found in checkpoint} at run time.
 *
 * <p>The processor compares the variables its call-site analysis predicts the method creates (full names such
 * as {@code tower/w}, and the shapes and dtypes the code gives literally) with the checkpoint's keys: a
 * variable certainly created that the checkpoint lacks is an error at its {@code getVariable} call, naming the
 * closest key; a literal shape or dtype that differs from the checkpoint's is an error. Extra keys in the
 * checkpoint (optimizer slots, {@code global_step}) are fine. Where the analysis cannot predict every variable
 * (computed names, loops of unknown length, branches, custom getters, partitioners) one note says so, and
 * what it did predict is still checked. Variables made with {@code tf.variable(...)} are not compared.
 *
 * <p>It goes on the method that builds the model, not on the class: every non-private method is analysed as if
 * called at the root of a fresh graph, and a helper called there gets other names than inside the model.
 * The method must be a non-private, non-static method of a {@link Model} class.
 *
 * <p>The value is the checkpoint's prefix (the path without {@code .index}, as {@code Saver.save} returns
 * it), relative to the resources root, with {@code /} separators; a leading {@code /} is ignored. The
 * processor looks for {@code <value>.index}, in this order:
 * <ol>
 *   <li>in the directory given with {@code -Ascopegraph.checkpointDir=<dir>} (relative to javac's working
 *       directory; best given absolute, e.g. {@code ${project.basedir}/checkpoints});</li>
 *   <li>in the class output, where Maven copies {@code src/main/resources} before compiling;</li>
 *   <li>in the sources' resources next to the class output ({@code target/classes} →
 *       {@code src/main/resources}, {@code target/test-classes} → {@code src/test/resources}, and Gradle's
 *       {@code build/classes/java/main} → {@code src/main/resources}), for builds that did not copy them.</li>
 * </ol>
 * A checkpoint that is not found or cannot be read is an error at this annotation. The check needs javac's
 * syntax trees (see {@code -Ascopegraph.callSites}); without them the checkpoint is found and read but not
 * compared, and one note says so.
 *
 * <pre>{@code
 * @Checkpoint("checkpoints/siamese.ckpt")     // src/main/resources/checkpoints/siamese.ckpt.index
 * public Tensor distance(Tensor left, Tensor right) { … }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Checkpoint {
  /** The checkpoint's prefix, relative to the resources root: {@code "checkpoints/model.ckpt"}. */
  String value();
}
