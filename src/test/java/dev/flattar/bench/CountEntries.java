package dev.flattar.bench;

import dev.flattar.archive.ImageLayouts;
import dev.flattar.archive.LayerRef;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.OuterArchive;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputArchive;
import dev.flattar.model.Reporter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the number of layer members (entries) of an image archive, for the benchmark. */
public final class CountEntries {
  private CountEntries() {}

  public static void main(String[] args) throws Exception {
    long count = 0;
    try (InputArchive in =
        InputArchive.open(Path.of(args[0]), Files.createTempDirectory("count"))) {
      SourceImage image =
          ImageLayouts.read(OuterArchive.read(in), Reporter.SILENT)
              .images()
              .get(0)
              .platforms()
              .get(0);
      for (LayerRef ref : image.layers()) {
        count += LayerScanner.scanOne(ref).entries().size();
      }
    }
    System.out.println(count);
  }
}
