package io.scopegraph.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every relative link and image of README.md and docs/*.md points at a file that exists, and at a heading of it. */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("!?\\[[^]]*]\\(([^)\\s]+)\\)");

  @Test
  @DisplayName("every relative link and #anchor of the docs resolves to a file and a heading")
  void everyLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : DocsTest.pages()) {
      for (String target : links(Files.readString(page))) {
        if (target.matches("^[a-z]+:.*")) {
          continue;                                 // https:, mailto: — not this repository's
        }
        checked++;
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(DocsTest.ROOT.relativize(page) + ": " + target + ": " + problem);
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(checked > 30, "the docs link each other: " + checked + " links");
  }

  @Test
  @DisplayName("the anchors are GitHub's")
  void anchorsAreGitHubs() {
    assertEquals("checkpoints-at-build-time-checkpoint", Anchors.slug("Checkpoints at build time (`@Checkpoint`)"));
    assertEquals("neural-network-ops-embeddings-and-tfcond", Anchors.slug("Neural-network ops, embeddings and `tf.cond`"));
    assertEquals("set-up-the-two-commands", Anchors.slug("Set-up: the two commands"));
    assertEquals(List.of("parity-with-tensorflow", "x", "parity-with-tensorflow-1"),
        List.copyOf(Anchors.of("## Parity with TensorFlow\n```\n# not a heading\n```\n# x\n### Parity with TensorFlow\n")));
  }

  private static String problem(Path page, String target) throws IOException {
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (hash < 0) {
      return null;
    }
    if (!resolved.toString().endsWith(".md")) {
      return "an anchor into a file that is not markdown";
    }
    String anchor = target.substring(hash + 1);
    return Anchors.of(Files.readString(resolved)).contains(anchor) ? null : "no heading #" + anchor;
  }

  /** The link targets outside code blocks and code spans. */
  private static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    boolean inCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        continue;
      }
      Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
      while (link.find()) {
        targets.add(link.group(1));
      }
    }
    return targets;
  }
}
