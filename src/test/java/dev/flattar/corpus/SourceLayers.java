package dev.flattar.corpus;

import dev.flattar.archive.ImageLayouts;
import dev.flattar.archive.LayerRef;
import dev.flattar.archive.OuterArchive;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.Compression;
import dev.flattar.io.InputArchive;
import dev.flattar.model.Reporter;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The images of an input archive with their layers decompressed, for the reference unpacker. */
record SourceLayers(String id, List<byte[]> layers) {

  static List<SourceLayers> read(Path archive) throws Exception {
    List<SourceLayers> out = new ArrayList<>();
    try (InputArchive input = InputArchive.open(archive, Files.createTempDirectory("corpus"))) {
      List<SourceImage> images = new ArrayList<>();
      ImageLayouts.read(OuterArchive.read(input), Reporter.SILENT)
          .images()
          .forEach(i -> images.addAll(i.platforms()));
      for (SourceImage image : images) {
        List<byte[]> layers = new ArrayList<>();
        for (LayerRef ref : image.layers()) {
          try (InputStream raw = new BufferedInputStream(ref.data().open())) {
            layers.add(Compression.detect(raw).decompress(raw).readAllBytes());
          }
        }
        out.add(new SourceLayers(image.id().toString(), layers));
      }
    }
    return out;
  }
}
