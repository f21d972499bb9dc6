package dev.flattar.archive;

import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.Reporter;
import dev.flattar.tar.TarEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Finds the images in an archive, whichever of the layouts in README's "What it reads" it uses. */
public final class ImageLayouts {
  private ImageLayouts() {}

  /**
   * The images the archive describes. {@code manifest.json} wins when present (it is what docker
   * load reads), unless the OCI {@code index.json} beside it holds a multi-platform image, which
   * {@code manifest.json} can only show one platform of (what the index lists but the archive does
   * not hold, such as the other platforms of a Docker 25 save, is reported as skipped either way);
   * then an OCI {@code index.json}; then the pre-1.10 layout.
   *
   * @throws InvalidImageException when it holds no container image (only artifacts, say)
   */
  public static ArchiveContents read(OuterArchive archive, Reporter reporter)
      throws FlatTarException, IOException {
    ArchiveContents contents = contents(archive, reporter);
    if (contents.images().isEmpty()) {
      throw new InvalidImageException(NoImage.message(archive.label(), contents.skipped()));
    }
    return contents;
  }

  private static ArchiveContents contents(OuterArchive archive, Reporter reporter)
      throws FlatTarException, IOException {
    if (archive.has(ManifestJsonLayout.MANIFEST)) {
      ArchiveContents index = archive.has(OciLayout.INDEX) ? quietly(archive) : null;
      if (index != null && index.images().stream().anyMatch(ArchiveImage::multiPlatform)) {
        return OciLayout.read(archive, reporter);
      }
      List<ArchiveImage> images = new ArrayList<>();
      for (SourceImage image : ManifestJsonLayout.read(archive)) {
        images.add(ArchiveImage.of(index == null ? image : named(image, index)));
      }
      return new ArchiveContents(images, index == null ? List.of() : index.skipped());
    }
    if (archive.has(OciLayout.INDEX)) {
      return OciLayout.read(archive, reporter);
    }
    if (LegacyLayout.looksLegacy(archive)) {
      List<ArchiveImage> images = new ArrayList<>();
      LegacyLayout.read(archive).forEach(i -> images.add(ArchiveImage.of(i)));
      return new ArchiveContents(images, List.of());
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

  /** The OCI index read beside manifest.json, or null when it cannot be read. */
  private static @Nullable ArchiveContents quietly(OuterArchive archive) {
    try {
      return OciLayout.read(archive, Reporter.SILENT);
    } catch (FlatTarException | IOException | RuntimeException e) {
      return null; // manifest.json alone describes the images
    }
  }

  /** An untagged manifest.json entry takes the names the OCI index gives the same image id. */
  private static SourceImage named(SourceImage image, ArchiveContents index) {
    if (!image.tags().isEmpty()) {
      return image;
    }
    Map<Digest, List<String>> names = new HashMap<>();
    for (ArchiveImage i : index.images()) {
      i.platforms().forEach(p -> names.putIfAbsent(p.id(), i.names()));
    }
    List<String> extra = names.get(image.id());
    return extra == null || extra.isEmpty() ? image : image.withTags(extra);
  }
}
