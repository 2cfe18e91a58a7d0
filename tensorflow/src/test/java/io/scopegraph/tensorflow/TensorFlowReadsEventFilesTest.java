package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TString;

/**
 * Event files written by scopegraph, read by TensorFlow's own TFRecord reader (the V1 {@code TFRecordDataset}
 * op, which checks every record's CRCs): what TensorBoard reads.
 */
@EnabledIfSystemProperty(named = "scopegraph.tensorflow.natives", matches = "true",
    disabledReason = "TensorFlow's native library is only available for linux-x86_64: the tests against real "
        + "TensorFlow were skipped on this platform")
class TensorFlowReadsEventFilesTest {

  /** Every record of a TFRecord file, as TensorFlow reads them. */
  private static List<byte[]> readWithTensorFlow(Path file) {
    try (org.tensorflow.Graph g = new org.tensorflow.Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      DataType[] types = {DataType.DT_STRING};
      Shape[] shapes = {Shape.scalar()};
      GraphOperation dataset = g.opBuilder("TFRecordDataset", "records", tf.scope())
          .addInput(tf.constant(file.toString()).asOutput())
          .addInput(tf.constant("").asOutput())
          .addInput(tf.constant(0L).asOutput())
          .build();
      GraphOperation iterator = g.opBuilder("Iterator", "iterator", tf.scope()).setAttr("shared_name", "")
          .setAttr("container", "").setAttr("output_types", types).setAttr("output_shapes", shapes).build();
      GraphOperation start = g.opBuilder("MakeIterator", "start", tf.scope()).addInput(dataset.output(0))
          .addInput(iterator.output(0)).build();
      GraphOperation next = g.opBuilder("IteratorGetNext", "next", tf.scope()).addInput(iterator.output(0))
          .setAttr("output_types", types).setAttr("output_shapes", shapes).build();
      session.runner().addTarget(start).run().close();
      List<byte[]> records = new ArrayList<>();
      while (true) {
        try (Result r = session.runner().fetch(next.output(0)).run()) {
          records.add(((TString) r.get(0)).asBytes().getObject());
        } catch (TFOutOfRangeException end) {
          return records;
        }
      }
    }
  }

  @Test
  @DisplayName("TensorFlow accepts every record; the graph event holds the exported GraphDef")
  void tensorFlowReadsTheEventFile(@TempDir Path logs) throws IOException {
    Graph graph = SeedGraphs.scoping();
    Path file;
    try (EventFileWriter writer = new EventFileWriter(logs)) {
      writer.addGraph(graph);
      writer.addScalar("loss", 0.25, 7);
      file = writer.file();
    }
    List<byte[]> records = readWithTensorFlow(file);
    assertEquals(3, records.size());
    assertEquals("brain.Event:2", Event.parseFrom(records.get(0)).getFileVersion());
    assertEquals(GraphDefs.export(graph), GraphDef.parseFrom(Event.parseFrom(records.get(1)).getGraphDef()));
    Event scalar = Event.parseFrom(records.get(2));
    assertEquals(7, scalar.getStep());
    assertEquals("loss", scalar.getSummary().getValue(0).getTag());
    assertEquals(0.25f, scalar.getSummary().getValue(0).getSimpleValue());
  }

  @Test
  @DisplayName("TensorFlow rejects a file with a corrupted byte")
  void tensorFlowRejectsACorruptedFile(@TempDir Path logs) throws IOException {
    Path file;
    try (EventFileWriter writer = new EventFileWriter(logs)) {
      writer.addGraph(SeedGraphs.scoping());
      file = writer.file();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 10] ^= 0x5a; // inside the graph event's data
    Files.write(file, bytes);
    TensorFlowException e = assertThrows(TensorFlowException.class, () -> readWithTensorFlow(file));
    assertTrue(e.getMessage().contains("corrupted record"), e.getMessage()); // TF's DataLoss error
  }
}
