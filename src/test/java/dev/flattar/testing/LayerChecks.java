package dev.flattar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import dev.flattar.tar.TarPaths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Structural rules every flattened layer obeys (FORMAT.md section 3, last two bullets). */
public final class LayerChecks {
  private LayerChecks() {}

  public static void assertWellFormed(byte[] layer) {
    List<TarEntry> entries = ReferenceTree.read(layer);
    Set<String> seen = new HashSet<>();
    java.util.Map<String, TarEntry> byPath = new java.util.HashMap<>();
    Set<String> directories = new HashSet<>();
    Set<String> all = new HashSet<>();
    for (TarEntry e : entries) {
      all.add(clean(e.name()));
    }
    for (TarEntry e : entries) {
      String path = clean(e.name());
      assertThat(seen.add(path)).as("duplicate member %s", e.name()).isTrue();
      assertThat(TarPaths.basename(path))
          .as("whiteout in flattened layer")
          .doesNotStartWith(".wh.");
      assertThat(e.name()).doesNotStartWith("/");
      assertThat(e.extraPax())
          .as("overlayfs's own xattrs on %s (FORMAT.md 4: dropped)", e.name())
          .noneMatch(r -> r.key().startsWith("SCHILY.xattr.trusted.overlay."));
      if (!path.isEmpty()) {
        String parent = TarPaths.parent(path);
        if (all.contains(parent) && !parent.isEmpty()) {
          assertThat(directories).as("parent of %s written before it", e.name()).contains(parent);
        }
      }
      if (e.type() == EntryType.DIRECTORY) {
        directories.add(path);
        assertThat(e.name()).endsWith("/");
      }
      if (e.type() == EntryType.HARDLINK) {
        assertThat(seen)
            .as("target of hard link %s written before it", e.name())
            .contains(clean(e.linkName()));
        // Extractors that ignore link headers (GNU tar) and those that apply them (podman,
        // containerd) must end with the same inode metadata.
        TarEntry target = byPath.get(clean(e.linkName()));
        assertThat(inodeMetadata(e))
            .as("hard link %s carries its target's inode metadata", e.name())
            .isEqualTo(inodeMetadata(target));
      }
      byPath.put(path, e);
    }
  }

  private static List<Object> inodeMetadata(TarEntry e) {
    return List.of(e.mode(), e.uid(), e.gid(), e.mtimeSeconds(), e.mtimeNanos(), e.extraPax());
  }

  private static String clean(String name) {
    try {
      return TarPaths.normalize(name);
    } catch (dev.flattar.model.UnsafePathException e) {
      throw new AssertionError(e);
    }
  }
}
