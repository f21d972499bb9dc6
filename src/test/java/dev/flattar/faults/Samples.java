package dev.flattar.faults;

import static dev.flattar.testing.Member.file;

import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import java.util.Random;

/** Inputs for fault tests. */
final class Samples {
  private Samples() {}

  /** About 1 MiB of incompressible data in two layers: larger than the small file systems used. */
  static byte[] bigArchive() {
    Random random = new Random(42);
    byte[] a = new byte[600_000];
    byte[] b = new byte[500_000];
    random.nextBytes(a);
    random.nextBytes(b);
    return Archives.build(
        Archives.Layout.DOCKER,
        ImageSpec.of(Layers.tar(file("a.bin", a)), Layers.tar(file("b.bin", b))).tags("big:1"));
  }
}
