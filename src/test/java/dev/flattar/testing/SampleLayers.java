package dev.flattar.testing;

import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.hardlink;
import static dev.flattar.testing.Member.opaque;
import static dev.flattar.testing.Member.whiteout;

import java.util.List;

/** A small layer stack that exercises overwrite, whiteout, opaque and hard links at once. */
public final class SampleLayers {
  public static final List<byte[]> STACK =
      List.of(
          Layers.tar(
              dir("etc"),
              file("etc/os-release", "base"),
              dir("usr"),
              file("usr/a", "a"),
              hardlink("usr/b", "usr/a")),
          Layers.tar(
              dir("etc"),
              file("etc/os-release", "v2"),
              whiteout("usr/a"),
              dir("var"),
              file("var/log", "l")),
          Layers.tar(dir("var"), opaque("var"), file("var/new", "n")));

  private SampleLayers() {}
}
