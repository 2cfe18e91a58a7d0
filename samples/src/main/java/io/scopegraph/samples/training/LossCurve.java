package io.scopegraph.samples.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A loss curve as a small self-contained SVG: the curve, its axes and their ranges. No plotting library. */
public final class LossCurve {
  private static final int WIDTH = 480;
  private static final int HEIGHT = 240;
  private static final int MARGIN = 40;

  private LossCurve() {}

  public static String svg(String title, List<Float> losses) {
    float max = 0;
    for (float l : losses) {
      max = Math.max(max, l);
    }
    double plotW = WIDTH - 2.0 * MARGIN;
    double plotH = HEIGHT - 2.0 * MARGIN;
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < losses.size(); i++) {
      double x = MARGIN + plotW * i / Math.max(1, losses.size() - 1);
      double y = HEIGHT - MARGIN - plotH * losses.get(i) / max;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    int bottom = HEIGHT - MARGIN;
    return String.format(Locale.ROOT, """
        <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">
          <rect width="100%%" height="100%%" fill="white"/>
          <text x="%d" y="20">%s</text>
          <line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>
          <line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>
          <text x="%d" y="%d" text-anchor="end">%.2f</text>
          <text x="%d" y="%d" text-anchor="end">0</text>
          <text x="%d" y="%d">step 0</text>
          <text x="%d" y="%d" text-anchor="end">step %d</text>
          <polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="%s"/>
        </svg>
        """, WIDTH, HEIGHT, MARGIN, title,
        MARGIN, MARGIN, MARGIN, bottom, MARGIN, bottom, WIDTH - MARGIN, bottom,
        MARGIN - 4, MARGIN + 4, max, MARGIN - 4, bottom, MARGIN, bottom + 16, WIDTH - MARGIN, bottom + 16,
        losses.size() - 1, points.toString().trim());
  }

  public static void write(Path file, String title, List<Float> losses) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, svg(title, losses));
  }
}
