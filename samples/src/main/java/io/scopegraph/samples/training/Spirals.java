package io.scopegraph.samples.training;

import java.util.Random;

/** Two interleaved spirals in the plane, one per class, with a little noise: the same points for a seed. */
public record Spirals(float[][] points, float[][] oneHotLabels, int[] labels) {
  public static Spirals make(int perClass, long seed) {
    Random random = new Random(seed);
    int n = 2 * perClass;
    float[][] points = new float[n][2];
    float[][] oneHot = new float[n][2];
    int[] labels = new int[n];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < perClass; i++) {
        int k = c * perClass + i;
        double r = 0.1 + 0.9 * i / perClass;                  // radius grows along the arm
        double angle = 3.0 * Math.PI * i / perClass + c * Math.PI; // the second arm is the first turned by pi
        points[k][0] = (float) (r * Math.cos(angle) + 0.03 * random.nextGaussian());
        points[k][1] = (float) (r * Math.sin(angle) + 0.03 * random.nextGaussian());
        oneHot[k][c] = 1;
        labels[k] = c;
      }
    }
    return new Spirals(points, oneHot, labels);
  }
}
