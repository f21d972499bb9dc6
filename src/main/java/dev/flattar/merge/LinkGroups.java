package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import java.util.Arrays;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * Hard-link groups of one layer, as the plan needs them: a group is a data-holding member and the
 * links to it ({@link LayerIndex#linkRoot}).
 */
final class LinkGroups {
  private LinkGroups() {}

  /**
   * For each group root: the member that will hold the data, itself if it survives, else its first
   * surviving link; -1 when none survives (and for members that are not roots).
   */
  static int[] holders(LayerIndex layer, BitSet visible) {
    int[] holder = new int[layer.size()];
    Arrays.fill(holder, -1);
    for (int i = 0; i < layer.size(); i++) {
      if (layer.isLinkTarget[i] && visible.get(i)) {
        holder[i] = i;
      }
      int root = layer.linkRoot[i];
      if (root >= 0 && visible.get(i) && holder[root] < 0) {
        holder[root] = i;
      }
    }
    return holder;
  }

  /**
   * For each group root, its last member in archive order. Unpackers apply every member's header to
   * the shared inode (podman and containerd chmod, chown and touch it for each link), so the last
   * member's mode, owner, mtime and xattrs are what the inode ends up with.
   */
  static int[] lastMembers(LayerIndex layer) {
    int[] last = new int[layer.size()];
    for (int i = 0; i < layer.size(); i++) {
      last[i] = i;
      int root = layer.linkRoot[i];
      if (root >= 0) {
        last[root] = i;
      }
    }
    return last;
  }

  /**
   * The metadata every written member of a hard-link group carries: the inode's final metadata, so
   * that extractors that apply link headers (engines) and those that ignore them (GNU tar) agree.
   * Null when the member's own header already is that.
   */
  static @Nullable TarEntry metadata(LayerIndex layer, int[] last, int root, int member) {
    return last[root] == member ? null : layer.entries.get(last[root]);
  }
}
