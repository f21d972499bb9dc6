package dev.flattar.interop;

import java.nio.file.Path;

/**
 * The original image's filesystem as a real engine unpacks it from the original layers. podman
 * (containers/storage overlay, {@code podman image mount}) when it loads the archive and the image
 * has a layer to mount; otherwise umoci ({@code umoci raw unpack}) of the image copied out by
 * skopeo, or of the repackaged legacy layout.
 */
final class OriginalView {
  private OriginalView() {}

  static Tree of(Engines engines, SourceArchive src, OriginalImage image, Path work) {
    String why;
    if (src.layout == SourceArchive.Layout.LEGACY) {
      why = "no installed engine reads pre-1.10 archives (no manifest.json)";
    } else if (image.layers() == 0) {
      why = "the image has no layers, and podman cannot mount a layer-less image";
    } else {
      Cmd.Result load = engines.podman.load(src.path);
      try {
        if (load.ok()) {
          return podmanView(engines.podman, image);
        }
      } finally {
        for (OriginalImage i : src.images) {
          engines.podman.remove(i.id());
        }
      }
      why = "podman load refuses it: " + oneLine(load.stderr());
    }
    System.err.println("interop: " + src.path.getFileName() + ": original viewed by umoci, " + why);
    return umociView(src, image, work);
  }

  private static Tree podmanView(Podman podman, OriginalImage image) {
    Path root = podman.mount(image.id());
    try {
      return TreeWalk.walk(root, "podman view of the original");
    } finally {
      podman.unmount(image.id());
    }
  }

  private static Tree umociView(SourceArchive src, OriginalImage image, Path work) {
    Path layout = work.resolve("original-oci");
    Path rootfs = work.resolve("original-rootfs");
    try {
      switch (src.layout) {
        case LEGACY -> LegacyAsOci.write(src, layout, Umoci.TAG);
        case OCI -> {
          if (src.images.size() != 1) {
            throw new AssertionError(
                src.path + ": no umoci fallback for an OCI archive with several images");
          }
          Umoci.importImage("oci-archive:" + src.path, layout);
        }
        case MANIFEST ->
            Umoci.importImage("docker-archive:" + src.path + ":@" + image.index(), layout);
      }
      Umoci.unpack(layout, rootfs);
      return TreeWalk.walk(rootfs, "umoci view of the original");
    } finally {
      Cmd.removeTree(rootfs);
      Cmd.removeTree(layout);
    }
  }

  /** podman tries every transport; its docker-archive complaint is the one that explains. */
  private static String oneLine(String text) {
    String t = text.strip().replaceAll("\\s*\n\\s*", " ");
    int docker = t.indexOf("* docker-archive:");
    if (docker >= 0) {
      int next = t.indexOf(" * ", docker + 2);
      t = t.substring(docker + 2, next < 0 ? t.length() : next);
    }
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
