package io.scopegraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scopegraph.processor.Mutator.Mutant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor's robustness: seeded mutants of the test corpus (models of {@code corpus/}, {@code corpus-errors/}
 * and {@code models/}, the sources of the golden files) are compiled with javac and the processor. Whatever the
 * mutant, javac finishes, the processor never throws, and every error is either javac's own or one of the
 * catalogue's ({@code [scopegraph:<Id>]}).
 *
 * <p>{@code mvn verify} compiles {@value #DEFAULT_COUNT} mutants; {@code -Dscopegraph.mutants=5000} (or
 * {@code -Pmutation-full}) the full set. A failure prints the seed, the mutant's index and its source; rerun that
 * one with {@code -Dscopegraph.mutationSeed=<seed> -Dscopegraph.mutant=<index>}.
 */
class MutationTest {
  static final int DEFAULT_COUNT = 300;
  private static final long SEED = Long.getLong("scopegraph.mutationSeed", 20_261_205L);
  private static final int COUNT = Integer.getInteger("scopegraph.mutants", DEFAULT_COUNT);
  /** One mutant only, to reproduce a failure. */
  private static final Integer ONLY = Integer.getInteger("scopegraph.mutant");
  /** Generous: a mutant compiles in well under a second; this only stops a loop in the analysis. */
  private static final long HANG_SECONDS = 120;

  private static final Pattern OURS = Pattern.compile("^\\[scopegraph:(\\w+)\\] ");
  private static final Set<String> IDS = Arrays.stream(Diagnostic.values()).map(Diagnostic::id)
      .collect(Collectors.toUnmodifiableSet());
  /** The codes of what a processor prints through its Messager (any kind). */
  private static final Pattern MESSAGER = Pattern.compile("compiler\\.(err|warn|note|misc)\\.proc\\.messager");

  /** A frame of the processor's code in a stack trace (not of this test's, which calls javac). */
  private static final Pattern PROCESSOR_FRAME = Pattern.compile(
      "at io\\.scopegraph\\.processor\\.(?!MutantCompiler|MutationTest)");

  /**
   * Whether javac caught an exception of its own (it prints "An exception has occurred in the compiler" and a trace):
   * a processor's fault when the trace has the processor's frames, a javac bug otherwise.
   */
  private static boolean javacCrashed(MutantCompiler.Result result) {
    return result.output().contains("An exception has occurred in the compiler");
  }

  /** One source the mutants are made from. */
  private record Base(String name, String binaryName, String source) {}

  @Test
  void mutantsNeverCrashTheProcessor() throws Exception {
    List<Base> bases = bases();
    Counts counts = new Counts();
    List<String> failures = new ArrayList<>();
    Thread[] worker = new Thread[1];
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      worker[0] = new Thread(r, "mutant-compiler");
      worker[0].setDaemon(true); // a hung compilation must not keep the test JVM alive
      return worker[0];
    });
    try (MutantCompiler compiler = new MutantCompiler()) {
      for (int i = ONLY != null ? ONLY : 0; i < (ONLY != null ? ONLY + 1 : COUNT); i++) {
        Base base = bases.get(i % bases.size());
        Mutant mutant = Mutator.mutate(base.name(), base.source(), SEED, i);
        Future<MutantCompiler.Result> future = executor.submit(() -> compiler.compile(base.binaryName(),
            mutant.source()));
        MutantCompiler.Result result;
        try {
          result = future.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          failures.add(report(mutant, List.of("did not finish in " + HANG_SECONDS + " s (a loop in the analysis?):\n"
              + stack(worker[0].getStackTrace()))));
          break; // the thread cannot be stopped; the JVM leaves it behind
        } catch (ExecutionException e) {
          throw new AssertionError(e.getCause());
        }
        if (ONLY != null) { // reproducing one: show it whatever the outcome
          System.out.println(report(mutant, result.diagnostics().stream().map(Object::toString).toList()));
        }
        List<String> problems = problems(result);
        counts.add(i, result);
        if (!problems.isEmpty()) {
          failures.add(report(mutant, problems));
        }
      }
    } finally {
      executor.shutdownNow();
    }
    System.out.printf("MutationTest: seed %d, %d bases: %s; %d crashed the processor or got an unknown diagnostic%n",
        SEED, bases.size(), counts, failures.size());
    if (!failures.isEmpty()) {
      fail(failures.size() + " mutant(s) crashed the processor or got an unknown diagnostic (seed " + SEED + "):\n\n"
          + String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))));
    }
    assertEquals(ONLY != null ? 1 : COUNT, counts.compiled);
  }

  /** The checker itself: a processor crash, an unknown id and a bare message are each caught. */
  @Test
  void crashesAndUnknownMessagesAreCaught() {
    assertEquals(List.of(), problems(new MutantCompiler.Result(List.of(), null, true, "")));
    String javacBug = "An exception has occurred in the compiler (17).\njava.lang.NullPointerException\n"
        + "\tat jdk.compiler/com.sun.tools.javac.comp.Annotate.attributeAnnotationValue(Annotate.java:568)\n"
        + "\tat io.scopegraph.processor.MutantCompiler.compile(MutantCompiler.java:80)\n";
    assertEquals(List.of(), problems(new MutantCompiler.Result(List.of(), null, true, javacBug)));
    String inProcessor = javacBug.replace("MutantCompiler.compile(MutantCompiler", "BodyAnalysis.scan(BodyAnalysis");
    assertEquals(List.of("javac crashed in the processor: " + inProcessor),
        problems(new MutantCompiler.Result(List.of(), null, true, inProcessor)));
    List<String> problems = problems(new MutantCompiler.Result(List.of(
        diagnostic(Kind.ERROR, "compiler.err.proc.messager", "[scopegraph:NoSuchId] x"),
        diagnostic(Kind.WARNING, "compiler.warn.proc.messager", "no prefix"),
        diagnostic(Kind.ERROR, "compiler.err.cant.resolve.location", "cannot find symbol"),
        diagnostic(Kind.ERROR, "compiler.err.proc.messager", "[scopegraph:DuplicateVariable] fine"),
        diagnostic(Kind.ERROR, "compiler.err.proc.cant.access", "An annotation processor threw an uncaught exception")),
        new IllegalStateException("boom"), true, ""));
    assertEquals(4, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("escaped javac: java.lang.IllegalStateException: boom"), problems.get(0));
    assertEquals("ERROR (compiler.err.proc.messager) with an id not in the catalogue: [scopegraph:NoSuchId] x",
        problems.get(1));
    assertEquals("WARNING (compiler.warn.proc.messager) without a [scopegraph:<Id>] prefix: no prefix",
        problems.get(2));
    assertEquals("ERROR (compiler.err.proc.cant.access) says the processor failed: An annotation processor threw "
        + "an uncaught exception", problems.get(3));
  }

  /** What is wrong with a compilation's outcome; empty when it is javac's own errors and the catalogue's. */
  static List<String> problems(MutantCompiler.Result result) {
    List<String> out = new ArrayList<>();
    if (result.thrown() != null) {
      out.add("escaped javac: " + stack(result.thrown()));
    }
    if (javacCrashed(result) && PROCESSOR_FRAME.matcher(result.output()).find()) {
      out.add("javac crashed in the processor: " + result.output());
    }
    for (javax.tools.Diagnostic<? extends JavaFileObject> d : result.diagnostics()) {
      String code = String.valueOf(d.getCode());
      String message = d.getMessage(Locale.ROOT);
      String where = d.getKind() + " (" + code + ")";
      if (MESSAGER.matcher(code).matches()) {
        Matcher m = OURS.matcher(message);
        if (!m.find()) {
          out.add(where + " without a [scopegraph:<Id>] prefix: " + message);
        } else if (!IDS.contains(m.group(1))) {
          out.add(where + " with an id not in the catalogue: " + message);
        }
      } else if (d.getKind() == Kind.ERROR && (!code.startsWith("compiler.err.")
          || code.startsWith("compiler.err.proc.") || message.contains("uncaught exception")
          || message.contains("ScopeGraphProcessor"))) {
        out.add(where + " says the processor failed: " + message);
      }
    }
    return out;
  }

  private static String report(Mutant mutant, List<String> problems) {
    return "seed " + SEED + ", mutant " + mutant.index() + " of " + mutant.base() + " (rerun with -Dscopegraph"
        + ".mutationSeed=" + SEED + " -Dscopegraph.mutant=" + mutant.index() + "):\n  "
        + String.join("\n  ", mutant.changes()) + "\n" + String.join("\n", problems) + "\n--- source ---\n"
        + mutant.source() + "\n--- end ---";
  }

  /** What the mutants did: how many compiled, and with whose errors. */
  private static final class Counts {
    int compiled;
    int processed;
    int clean;
    int javacErrors;
    int scopegraphErrors;
    int scopegraphOnly;
    /** Mutants whose errors include one in a generated source (javac's: a model it could not resolve fully). */
    int inGenerated;
    /** The first few of those, to look at with -Dscopegraph.mutant. */
    final List<Integer> inGeneratedIndices = new ArrayList<>();
    /** Mutants on which javac crashed by itself (no frame of the processor in its trace). */
    int javacBugs;

    void add(int index, MutantCompiler.Result result) {
      compiled++;
      processed += result.processed() ? 1 : 0;
      boolean javac = false;
      boolean ours = false;
      boolean generated = false;
      for (javax.tools.Diagnostic<? extends JavaFileObject> d : result.diagnostics()) {
        if (d.getKind() == Kind.ERROR) {
          boolean messager = MESSAGER.matcher(String.valueOf(d.getCode())).matches();
          javac |= !messager;
          ours |= messager;
          generated |= d.getSource() != null && d.getSource().toUri().getPath().startsWith("/SOURCE_OUTPUT/");
        }
      }
      inGenerated += generated ? 1 : 0;
      if (generated && inGeneratedIndices.size() < 5) {
        inGeneratedIndices.add(index);
      }
      javacBugs += javacCrashed(result) && !PROCESSOR_FRAME.matcher(result.output()).find() ? 1 : 0;
      clean += javac || ours ? 0 : 1;
      javacErrors += javac ? 1 : 0;
      scopegraphErrors += ours ? 1 : 0;
      scopegraphOnly += ours && !javac ? 1 : 0;
    }

    @Override
    public String toString() {
      return compiled + " mutants compiled (" + processed + " reached the processor): " + clean + " without errors, "
          + javacErrors + " with javac's errors (" + inGenerated + " in a generated source, e.g. mutants "
          + inGeneratedIndices + "), " + scopegraphErrors
          + " with scopegraph's (" + scopegraphOnly + " with scopegraph's only), " + javacBugs
          + " on which javac crashed by itself";
    }
  }

  /** The corpus: every model the other tests compile, each as its own file. */
  private static List<Base> bases() throws IOException, URISyntaxException {
    List<Base> out = new ArrayList<>();
    for (String dir : List.of("corpus", "corpus-errors", "models")) {
      Path root = Path.of(MutationTest.class.getResource("/" + dir).toURI());
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          String source = Files.readString(p, StandardCharsets.UTF_8);
          String simple = p.getFileName().toString().replace(".java", "");
          Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
          String binary = pkg.find() ? pkg.group(1) + "." + simple : simple;
          out.add(new Base(dir + "/" + root.relativize(p).toString().replace('\\', '/'), binary, source));
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return out;
  }

  private static String stack(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }

  private static String stack(StackTraceElement[] frames) {
    return Arrays.stream(frames).limit(40).map(f -> "    at " + f).collect(Collectors.joining("\n"));
  }

  private static javax.tools.Diagnostic<JavaFileObject> diagnostic(Kind kind, String code, String message) {
    return new javax.tools.Diagnostic<>() {
      @Override
      public Kind getKind() {
        return kind;
      }

      @Override
      public JavaFileObject getSource() {
        return null;
      }

      @Override
      public long getPosition() {
        return NOPOS;
      }

      @Override
      public long getStartPosition() {
        return NOPOS;
      }

      @Override
      public long getEndPosition() {
        return NOPOS;
      }

      @Override
      public long getLineNumber() {
        return NOPOS;
      }

      @Override
      public long getColumnNumber() {
        return NOPOS;
      }

      @Override
      public String getCode() {
        return code;
      }

      @Override
      public String getMessage(Locale locale) {
        return message;
      }
    };
  }
}
