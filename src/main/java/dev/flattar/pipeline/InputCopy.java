package dev.flattar.pipeline;

import dev.flattar.archive.OuterArchive;
import dev.flattar.io.FileSlice;
import dev.flattar.io.InputArchive;
import dev.flattar.io.InputSource;
import dev.flattar.model.FlatTarException;
import dev.flattar.writer.Members;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The input written out as it is (--max-layers found nothing to flatten): an archive into an
 * archive byte for byte; otherwise (a directory in, or a directory out) its files as members.
 */
final class InputCopy {
  private InputCopy() {}

  static void copy(InputSource input, OutputPlace place, Path tempDir)
      throws FlatTarException, IOException {
    if (input instanceof InputArchive archive && place instanceof OutputPlace.Archive out) {
      try (InputStream in = new FileSlice(archive.channel(), 0, archive.size()).open()) {
        in.transferTo(out.sink().stream());
      }
      out.sink().flush();
      return;
    }
    OuterArchive files = OuterArchive.read(input);
    Members members = place.members(tempDir);
    for (String name : files.fileNames()) {
      FileSlice slice = files.file(name, "file");
      members.known(
          name,
          slice.length(),
          out -> {
            try (InputStream in = slice.open()) {
              in.transferTo(out);
            }
            return slice::length;
          });
    }
    members.finish();
  }
}
