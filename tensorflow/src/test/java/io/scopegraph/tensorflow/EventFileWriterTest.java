package io.scopegraph.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scopegraph.Graph;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.Summary;

class EventFileWriterTest {
  @TempDir
  Path dir;

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 250_000_000), ZoneOffset.UTC);

  private static List<Event> events(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    for (byte[] record : TfRecordReader.readAll(file)) {
      events.add(Event.parseFrom(record));
    }
    return events;
  }

  @Test
  void writesTheFileVersionTheGraphAndScalars() throws IOException {
    Graph graph = SeedGraphs.scoping();
    Path logs = dir.resolve("logs");
    Path file;
    try (EventFileWriter writer = new EventFileWriter(logs, "", CLOCK, "testhost")) {
      file = writer.file();
      writer.addGraph(graph);
      writer.addScalar("loss", 0.5, 1);
      writer.addScalar("loss", 0.25, 2);
    }
    assertEquals(logs.resolve("events.out.tfevents.1700000000.testhost"), file);

    List<Event> events = events(file);
    assertEquals(4, events.size());
    Event version = events.get(0);
    assertEquals("brain.Event:2", version.getFileVersion());
    assertEquals(1_700_000_000.25, version.getWallTime());
    assertEquals(0, version.getStep());

    Event graphEvent = events.get(1);
    assertEquals(Event.WhatCase.GRAPH_DEF, graphEvent.getWhatCase());
    assertEquals(GraphDefs.export(graph), GraphDef.parseFrom(graphEvent.getGraphDef()));

    for (int i = 0; i < 2; i++) {
      Event scalar = events.get(2 + i);
      assertEquals(i + 1, scalar.getStep());
      assertEquals(1_700_000_000.25, scalar.getWallTime());
      Summary.Value value = scalar.getSummary().getValue(0);
      assertEquals("loss", value.getTag());
      assertEquals(i == 0 ? 0.5f : 0.25f, value.getSimpleValue());
      assertEquals(Summary.Value.ValueCase.SIMPLE_VALUE, value.getValueCase());
    }
  }

  @Test
  void realClockAndHostName() throws IOException {
    long before = Instant.now().getEpochSecond();
    Path file;
    try (EventFileWriter writer = new EventFileWriter(dir)) {
      file = writer.file();
      // the file-version event is on disk before anything else is written or flushed
      assertEquals("brain.Event:2", events(file).get(0).getFileVersion());
    }
    String name = file.getFileName().toString();
    assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\..+"), name);
    long seconds = Long.parseLong(name.split("\\.")[3]);
    assertTrue(seconds >= before && seconds <= Instant.now().getEpochSecond(), name);
    assertTrue(events(file).get(0).getWallTime() >= before);
  }

  @Test
  void flushMakesEventsVisibleWhileOpen() throws IOException {
    try (EventFileWriter writer = new EventFileWriter(dir, "", CLOCK, "h")) {
      writer.addScalar("accuracy", 0.75, 10);
      writer.flush();
      assertEquals(2, events(writer.file()).size());
    }
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws IOException {
    try (EventFileWriter first = new EventFileWriter(dir, "", CLOCK, "h")) {
      first.addScalar("a", 1, 1);
    }
    long size = Files.size(dir.resolve("events.out.tfevents.1700000000.h"));
    assertThrows(FileAlreadyExistsException.class, () -> new EventFileWriter(dir, "", CLOCK, "h"));
    assertEquals(size, Files.size(dir.resolve("events.out.tfevents.1700000000.h")));
    try (EventFileWriter second = new EventFileWriter(dir, ".second", CLOCK, "h")) {
      assertEquals("events.out.tfevents.1700000000.h.second", second.file().getFileName().toString());
    }
  }

  @Test
  void closedWriterRefusesEvents() throws IOException {
    EventFileWriter writer = new EventFileWriter(dir, "", CLOCK, "h");
    writer.close();
    writer.close(); // a second close does nothing
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.addScalar("a", 1, 1));
    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    assertFalse(events(writer.file()).isEmpty());
  }
}
