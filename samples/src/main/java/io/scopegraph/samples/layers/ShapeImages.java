package io.scopegraph.samples.layers;

import java.util.Random;

/**
 * A data set the sample makes itself: 16x16 grey images of one filled rectangle (label 0) or one filled ellipse
 * (label 1) of random size and position, with a little noise. The same seed gives the same images.
 */
public record ShapeImages(float[][][][] images, int[] labels) {
  public static final int SIZE = 16;

  public static ShapeImages make(int count, long seed) {
    Random random = new Random(seed);
    float[][][][] images = new float[count][SIZE][SIZE][1];
    int[] labels = new int[count];
    for (int n = 0; n < count; n++) {
      int label = n % 2;
      labels[n] = label;
      double w = 4 + random.nextInt(8);
      double h = 4 + random.nextInt(8);
      double left = random.nextInt((int) (SIZE - w) + 1);
      double top = random.nextInt((int) (SIZE - h) + 1);
      double cx = left + w / 2;
      double cy = top + h / 2;
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          double px = x + 0.5;
          double py = y + 0.5;
          boolean inside = label == 0
              ? px >= left && px < left + w && py >= top && py < top + h
              : sq((px - cx) / (w / 2)) + sq((py - cy) / (h / 2)) <= 1;
          images[n][y][x][0] = (inside ? 1f : 0f) + (float) (0.1 * random.nextGaussian());
        }
      }
    }
    return new ShapeImages(images, labels);
  }

  private static double sq(double v) {
    return v * v;
  }

  public int size() {
    return labels.length;
  }
}
