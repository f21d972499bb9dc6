package dev.flattar.merge;

import dev.flattar.tar.TarEntry;
import org.jspecify.annotations.Nullable;

/**
 * One member of the flattened layer: a member of a source layer, written under {@code name}, either
 * as it is or (when {@code hardLinkTarget} is set) as a hard link to that path. For a regular file,
 * {@code layer} names the source layer whose stream holds its data, at {@code source.dataOffset()}.
 *
 * <p>The plan refers to the source entry instead of copying it; {@code name} is the source's own
 * name object whenever that is already the output name, so a plan costs a few words per member.
 *
 * @param layer 0-based index of the source layer, oldest first; -1 for a member without data
 * @param metadata the member whose mode, owner, mtime and xattrs to write instead of the source's
 *     (a hard-link group's final inode metadata), or null
 */
public record PlannedEntry(
    int layer,
    TarEntry source,
    String name,
    @Nullable String hardLinkTarget,
    @Nullable TarEntry metadata) {

  public PlannedEntry(int layer, TarEntry source, String name, @Nullable String hardLinkTarget) {
    this(layer, source, name, hardLinkTarget, null);
  }

  /** The header to write. */
  public TarEntry header() {
    TarEntry header;
    if (hardLinkTarget != null) {
      header = source.withName(name).asHardLinkTo(hardLinkTarget);
    } else {
      header = name.equals(source.name()) ? source : source.withName(name);
    }
    return metadata == null ? header : header.withMetadataOf(metadata);
  }
}
