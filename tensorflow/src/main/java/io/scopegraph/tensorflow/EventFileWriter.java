package io.scopegraph.tensorflow;

import io.scopegraph.Graph;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.Summary;

/**
 * Writes a TensorBoard event file, as TF 1.x's {@code tf.summary.FileWriter} does: the file
 * {@code events.out.tfevents.<seconds>.<hostname>} in the log directory, TFRecords of {@link Event}s, the first
 * one saying {@code file_version: "brain.Event:2"}. Then {@code tensorboard --logdir <dir>} shows the graph
 * ({@link #addGraph}) and the scalars ({@link #addScalar}). Thread-safe.
 *
 * <pre>{@code
 * try (EventFileWriter writer = new EventFileWriter(Path.of("logs"))) {
 *   writer.addGraph(graph);
 *   writer.addScalar("loss", 0.25, step);
 * }
 * }</pre>
 */
public final class EventFileWriter implements AutoCloseable {
  /** The {@code file_version} of the first event, which TensorBoard checks. */
  public static final String FILE_VERSION = "brain.Event:2";

  private final Path file;
  private final Clock clock;
  private final TfRecordWriter records;
  private boolean closed;

  /** Creates the log directory if needed and a new event file in it. */
  public EventFileWriter(Path logDir) throws IOException {
    this(logDir, "");
  }

  /**
   * Like {@link #EventFileWriter(Path)}, appending {@code filenameSuffix} to the file name (TF's
   * {@code filename_suffix}), e.g. to keep two writers started in the same second apart.
   *
   * @throws java.nio.file.FileAlreadyExistsException if that file exists: it is never overwritten
   */
  public EventFileWriter(Path logDir, String filenameSuffix) throws IOException {
    this(logDir, filenameSuffix, Clock.systemUTC(), hostname());
  }

  EventFileWriter(Path logDir, String filenameSuffix, Clock clock, String hostname) throws IOException {
    this.clock = Objects.requireNonNull(clock, "clock");
    Files.createDirectories(logDir);
    // TF's name: "events.out.tfevents.%010lld.%s%s" with the time in seconds, the host name and the suffix.
    String name = String.format("events.out.tfevents.%010d.%s%s", clock.instant().getEpochSecond(), hostname,
        Objects.requireNonNull(filenameSuffix, "filenameSuffix"));
    this.file = logDir.resolve(name);
    this.records = new TfRecordWriter(new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
    try {
      addEvent(Event.newBuilder().setFileVersion(FILE_VERSION).build());
      flush(); // a reader that opens the file at once sees a valid event file
    } catch (IOException | RuntimeException e) {
      records.close();
      throw e;
    }
  }

  /** The host name as TF puts it in the file name; "localhost" when the machine cannot name itself. */
  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The event file being written. */
  public Path file() {
    return file;
  }

  /** Writes the graph ({@link GraphDefs#export}) for TensorBoard's Graphs tab. */
  public void addGraph(Graph graph) throws IOException {
    addGraph(GraphDefs.export(graph));
  }

  /** Writes a GraphDef for TensorBoard's Graphs tab. */
  public void addGraph(GraphDef graphDef) throws IOException {
    addEvent(Event.newBuilder().setGraphDef(graphDef.toByteString()).build());
  }

  /** Writes one point of the scalar series {@code tag} (a {@code simple_value}, so stored as a float). */
  public void addScalar(String tag, double value, long step) throws IOException {
    Summary summary = Summary.newBuilder()
        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value))
        .build();
    addEvent(Event.newBuilder().setStep(step).setSummary(summary).build());
  }

  /** Writes any event; its {@code wall_time} is set to now when it has none. */
  public synchronized void addEvent(Event event) throws IOException {
    if (closed) {
      throw new IllegalStateException("EventFileWriter for " + file + " is closed");
    }
    Event stamped = event.getWallTime() != 0 ? event : event.toBuilder().setWallTime(wallTime()).build();
    records.write(stamped.toByteArray());
  }

  private double wallTime() {
    Instant now = clock.instant();
    return now.getEpochSecond() + now.getNano() / 1e9;
  }

  /** Hands the buffered events to the file system, so TensorBoard sees them. */
  public synchronized void flush() throws IOException {
    if (!closed) {
      records.flush();
    }
  }

  /** Flushes and closes the file; later writes throw {@link IllegalStateException}, a second close does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      records.close();
    }
  }
}
