package dev.flattar.pipeline;

import dev.flattar.archive.ImageLayouts;
import dev.flattar.archive.LayerScanner;
import dev.flattar.archive.OuterArchive;
import dev.flattar.archive.ScanSettings;
import dev.flattar.archive.ScannedLayer;
import dev.flattar.archive.SourceImage;
import dev.flattar.io.InputArchive;
import dev.flattar.io.InputDirectory;
import dev.flattar.io.InputSource;
import dev.flattar.merge.Plan;
import dev.flattar.merge.PlannedEntry;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Reporter;
import dev.flattar.tar.TarEntry;
import dev.flattar.writer.OutputImage;
import dev.flattar.writer.WrittenImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * --verify: reads the written archive back with the reader side of flat-tar and checks it is what
 * was planned: each config hashes to its image id, every layer matches its diff_id (and OCI blobs
 * their digests), and the new layer holds exactly the planned members, in order, with the planned
 * headers.
 */
final class Verification {
  private Verification() {}

  private static final String FAILED = "verification failed: ";

  /** Reads back what was written to {@code place} (a file or a directory) and checks it. */
  static void verify(OutputPlace place, List<OutputImage> planned, List<WrittenImage> results)
      throws FlatTarException, IOException {
    if (place instanceof OutputPlace.Archive archive && archive.file() != null) {
      archive.sink().flush();
      verify(InputArchive.of(archive.file(), "the written archive"), planned, results);
    } else if (place instanceof OutputPlace.Directory dir) {
      try (InputDirectory written = InputDirectory.open(dir.root(), "the written directory")) {
        verify(written, planned, results);
      }
    }
  }

  static void verify(InputSource written, List<OutputImage> planned, List<WrittenImage> results)
      throws FlatTarException, IOException {
    try {
      check(written, planned, results);
    } catch (FlatTarException e) {
      String message = String.valueOf(e.getMessage());
      throw message.startsWith(FAILED) ? e : failed(message);
    }
  }

  private static void check(
      InputSource written, List<OutputImage> planned, List<WrittenImage> results)
      throws FlatTarException, IOException {
    List<SourceImage> images = new ArrayList<>();
    ImageLayouts.read(OuterArchive.read(written), Reporter.SILENT)
        .images()
        .forEach(i -> images.addAll(i.platforms()));
    for (int i = 0; i < planned.size(); i++) {
      WrittenImage result = results.get(i);
      SourceImage image =
          images.stream()
              .filter(candidate -> candidate.id().equals(result.id()))
              .findFirst()
              .orElseThrow(() -> failed("image " + result.id() + " is not in the written archive"));
      List<ScannedLayer> layers = LayerScanner.scan(image.layers(), ScanSettings.checkingNow(2));
      ScannedLayer layer = layers.get(layers.size() - 1);
      Digest diffId = layer.diffId();
      if (diffId == null || !diffId.equals(result.layer().diffId())) {
        throw failed("the new layer of " + result.id() + " reads back as " + layer.diffId());
      }
      compare(planned.get(i).plan(), layer.entries());
    }
  }

  private static void compare(Plan plan, List<TarEntry> read) throws FlatTarException {
    List<PlannedEntry> entries = plan.entries();
    if (entries.size() != read.size()) {
      throw failed(
          "the new layer has " + read.size() + " members; " + entries.size() + " were planned");
    }
    for (int i = 0; i < entries.size(); i++) {
      TarEntry want = plan.header(entries.get(i));
      TarEntry got = read.get(i);
      if (!same(want, got)) {
        throw failed(
            "member "
                + (i + 1)
                + " reads back as '"
                + TarEntry.display(got.name())
                + "' ("
                + got.type()
                + "), planned '"
                + TarEntry.display(want.name())
                + "' ("
                + want.type()
                + ")");
      }
    }
  }

  private static boolean same(TarEntry a, TarEntry b) {
    return a.name().equals(b.name())
        && a.type() == b.type()
        && a.mode() == b.mode()
        && a.uid() == b.uid()
        && a.gid() == b.gid()
        && a.mtimeSeconds() == b.mtimeSeconds()
        && a.mtimeNanos() == b.mtimeNanos()
        && a.size() == b.size()
        && a.linkName().equals(b.linkName())
        && a.devMajor() == b.devMajor()
        && a.devMinor() == b.devMinor()
        && a.extraPax().equals(b.extraPax());
  }

  private static FlatTarException failed(String what) {
    return new FlatTarException(FAILED + what);
  }
}
