package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;

/**
 * Fuzzed TFRecord and event files: mutants of files the project writes, read with {@link TfRecordReader#readAll}.
 * Half of the random mutants get their CRCs recomputed afterwards, so that damaged lengths and payloads reach the
 * reader's length checks and the event and GraphDef parsers. A read either succeeds (an unrepaired mutant then
 * gives only records that were written) or throws a {@link CorruptRecordException} naming the file; a payload that
 * passed its CRCs may fail to parse as an {@link Event} (protobuf's exception) or to import
 * ({@link InvalidGraphDefException}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a safety net against hangs, not a speed assertion
class UntrustedRecordsTest {
  private static final long SEED = FuzzRun.seed();
  private static final List<String> SUMMARIES = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  Path dir;

  @AfterAll
  static void printCounts() {
    SUMMARIES.forEach(System.out::println);
  }

  @Test
  void tfRecordFile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<byte[]> written = new ArrayList<>();
    Random random = new Random(1);
    try (TfRecordWriter writer = new TfRecordWriter(bytes)) {
      for (int size : new int[] {0, 1, 7, 100, 1000, 3}) {
        byte[] record = new byte[size];
        random.nextBytes(record);
        written.add(record);
        writer.write(record);
      }
    }
    Path file = dir.resolve("data.tfrecord");
    FuzzRun run = new FuzzRun("TFRecord", SEED, Map.of(CorruptRecordException.class, file.toString()));
    fuzz(run, file, bytes.toByteArray(), written, records -> { });
  }

  @Test
  void eventFile() throws IOException {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    Path valid;
    try (EventFileWriter writer = new EventFileWriter(dir.resolve("logs"), "", clock, "host")) {
      writer.addGraph(SeedGraphs.scoping());
      writer.addScalar("loss", 0.5, 1);
      writer.addScalar("loss", 0.25, 2);
      valid = writer.file();
    }
    byte[] bytes = Files.readAllBytes(valid);
    Path file = dir.resolve("events.out.tfevents.1700000000.fuzz");
    FuzzRun run = new FuzzRun("event file", SEED, Map.of(CorruptRecordException.class, file.toString(),
        InvalidProtocolBufferException.class, "", InvalidGraphDefException.class, ""));
    fuzz(run, file, bytes, TfRecordReader.readAll(valid), records -> {
      for (byte[] record : records) {
        Event event = Event.parseFrom(record);
        if (event.hasGraphDef()) {
          GraphDefs.importGraphDef(GraphDef.parseFrom(event.getGraphDef()));
        }
      }
    });
  }

  private interface RecordsCheck {
    void check(List<byte[]> records) throws Exception;
  }

  private static void fuzz(FuzzRun run, Path file, byte[] valid, List<byte[]> written, RecordsCheck parse)
      throws IOException {
    List<Mutants.Mutant> mutants = new ArrayList<>(Mutants.truncations(valid, 2000));
    int truncations = mutants.size();
    Random random = new Random(SEED);
    for (int i = 0; i < 1000 * FuzzRun.scale(); i++) {
      Mutants.Mutant m = Mutants.one(valid, random);
      mutants.add(i % 2 == 0 ? m : new Mutants.Mutant(m.how() + ", CRCs recomputed", repairCrcs(m.bytes())));
    }
    for (int i = 0; i < mutants.size(); i++) {
      Mutants.Mutant m = mutants.get(i);
      boolean repaired = m.how().endsWith("recomputed");
      Files.write(file, m.bytes());
      int index = i;
      run.check(i, m.how(), m.bytes().length, () -> {
        List<byte[]> records = TfRecordReader.readAll(file);
        if (index < truncations) { // a file cut between records holds the first records written
          for (int r = 0; r < records.size(); r++) {
            assertArrayEquals(written.get(r), records.get(r), "record " + r);
          }
        } else if (!repaired) { // without new CRCs, a record read is one that was written
          for (byte[] record : records) {
            assertTrue(written.stream().anyMatch(w -> java.util.Arrays.equals(w, record)), "a record not written");
          }
        }
        parse.check(records);
      });
    }
    SUMMARIES.add(run.summary());
    assertTrue(run.readOk() > 0 && run.rejected() > 0, run.summary());
  }

  /**
   * The records' CRCs made to match again, walking the (possibly damaged) lengths; a length past the end keeps a
   * valid length CRC, so the reader must check the length itself.
   */
  static byte[] repairCrcs(byte[] file) {
    byte[] b = file.clone();
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long at = 0;
    while (at + 12 <= b.length) {
      int p = (int) at;
      buf.putInt(p + 8, MaskedCrc32c.of(b, p, 8));
      long length = buf.getLong(p);
      if (length < 0 || length > b.length - at - 16) {
        break;
      }
      buf.putInt(p + 12 + (int) length, MaskedCrc32c.of(b, p + 12, (int) length));
      at += 16 + length;
    }
    return b;
  }
}
