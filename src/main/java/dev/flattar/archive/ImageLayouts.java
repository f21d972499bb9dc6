package dev.flattar.archive;

import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Reporter;
import dev.flattar.tar.TarEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the images in an archive, whichever of the layouts in README's "What it reads" it uses. */
public final class ImageLayouts {
  private ImageLayouts() {}

  /**
   * The images the archive describes. {@code manifest.json} wins when present (it is what docker
   * load reads); then an OCI {@code index.json}; then the pre-1.10 layout.
   */
  public static List<SourceImage> read(OuterArchive archive, Reporter reporter)
      throws FlatTarException, IOException {
    if (archive.has(ManifestJsonLayout.MANIFEST)) {
      List<SourceImage> images = ManifestJsonLayout.read(archive);
      return archive.has(OciLayout.INDEX) ? withIndexNames(archive, images) : images;
    }
    if (archive.has(OciLayout.INDEX)) {
      return OciLayout.read(archive, reporter);
    }
    if (LegacyLayout.looksLegacy(archive)) {
      return LegacyLayout.read(archive);
    }
    List<String> names = archive.fileNames().stream().map(TarEntry::display).toList();
    String sample = String.join(", ", names.subList(0, Math.min(5, names.size())));
    throw new InvalidImageException(
        archive.label()
            + ": not an image archive: no manifest.json, index.json or repositories"
            + " (members: "
            + sample
            + (names.size() > 5 ? ", …" : "")
            + ")");
  }

  /** Untagged manifest.json entries take the names the OCI index gives the same image id. */
  private static List<SourceImage> withIndexNames(OuterArchive archive, List<SourceImage> images) {
    if (images.stream().allMatch(i -> !i.tags().isEmpty())) {
      return images;
    }
    Map<Digest, List<String>> names = OciLayout.namesById(archive);
    List<SourceImage> named = new ArrayList<>();
    for (SourceImage image : images) {
      List<String> extra = names.get(image.id());
      named.add(image.tags().isEmpty() && extra != null ? image.withTags(extra) : image);
    }
    return named;
  }
}
