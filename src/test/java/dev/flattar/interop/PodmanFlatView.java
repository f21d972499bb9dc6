package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/** The flattened archive as podman sees it once loaded. */
final class PodmanFlatView {
  private PodmanFlatView() {}

  /**
   * {@code podman load} of the output, which must come out as one layer ({@code RootFS.Layers}),
   * then the tree of {@code podman image mount}.
   */
  static Tree of(Podman podman, Path flat, String flatId) {
    podman.load(flat).orFail();
    try {
      List<String> layers = podman.layers(flatId);
      assertThat(layers).as("podman image inspect RootFS.Layers of the flattened image").hasSize(1);
      Path root = podman.mount(flatId);
      try {
        return TreeWalk.walk(root, "podman view of the flattened image");
      } finally {
        podman.unmount(flatId);
      }
    } finally {
      podman.remove(flatId);
    }
  }
}
