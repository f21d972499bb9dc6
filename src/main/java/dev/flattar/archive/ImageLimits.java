package dev.flattar.archive;

import dev.flattar.model.FlatTarException;
import dev.flattar.model.InvalidImageException;
import dev.flattar.model.UnsupportedImageException;
import dev.flattar.tar.TarEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one image's layers may ask of flat-tar, so that hostile input (a layer of millions of empty
 * members, sparse files that are all hole) ends in a clear error instead of exhausting memory, disk
 * or time. Real images stay far below every limit. One instance counts one image's scan.
 */
final class ImageLimits {
  /** Members in all of an image's layers, a layer listed twice counted twice. */
  static final long MAX_MEMBERS = 50_000_000;

  /**
   * A lower bound of the heap one member needs from scan to plan (its header in an EntryTable, its
   * name and the merge's state for it: 130-150 bytes are measured for names of about 20 bytes). An
   * image with more members than the heap holds at this rate fails at once, with advice, instead of
   * running out of memory later.
   */
  static final long MIN_HEAP_PER_MEMBER = 160;

  /**
   * Bytes of holes that sparse files add when written in full (the flattened layer holds plain
   * files), over all of an image's layers: a few header bytes must not make flat-tar write
   * terabytes.
   */
  static final long MAX_SPARSE_HOLES = 64L << 30;

  private final long heap;
  private final long maxMembers;
  private final AtomicLong members = new AtomicLong();

  ImageLimits(long heap) {
    this.heap = heap;
    this.maxMembers = Math.min(MAX_MEMBERS, heap / MIN_HEAP_PER_MEMBER);
  }

  static ImageLimits forThisJvm() {
    return new ImageLimits(Runtime.getRuntime().maxMemory());
  }

  /** Counts one member as a layer is read (layers are read in parallel). */
  void countMember(String where) throws FlatTarException {
    long n = members.incrementAndGet();
    if (n > maxMembers) {
      throw tooMany(where, "more than " + maxMembers + " members in the image's layers");
    }
  }

  /**
   * Checks the image as the merge will see it, each listed layer counted every time it is listed.
   */
  void checkImage(List<ScannedLayer> layers) throws FlatTarException {
    long total = 0;
    for (ScannedLayer layer : layers) {
      total += layer.entries().size();
    }
    if (total > maxMembers) {
      throw tooMany(
          "the image's " + layers.size() + " layers", "hold " + total + " members together");
    }
    long holes = 0;
    for (ScannedLayer layer : layers) {
      for (TarEntry e : layer.entries()) {
        if (e.isSparse()) {
          holes += e.size() - e.storedSize(); // each at most 2^62: no overflow before the check
          if (holes > MAX_SPARSE_HOLES) {
            throw new UnsupportedImageException(
                layer.ref().describe()
                    + ": sparse file '"
                    + TarEntry.display(e.name())
                    + "' ("
                    + e.size()
                    + " bytes, "
                    + e.storedSize()
                    + " stored) brings the holes of the image's sparse files to "
                    + holes
                    + " bytes; flat-tar writes sparse files in full and allows "
                    + MAX_SPARSE_HOLES
                    + " bytes of holes");
          }
        }
      }
    }
  }

  private FlatTarException tooMany(String where, String problem) {
    if (maxMembers == MAX_MEMBERS) {
      return new InvalidImageException(
          where + ": " + problem + " (limit " + MAX_MEMBERS + "); no real image has as many");
    }
    return new UnsupportedImageException(
        where
            + ": "
            + problem
            + "; at "
            + MIN_HEAP_PER_MEMBER
            + " bytes or more each, that is more than this JVM's heap of "
            + (heap >> 20)
            + " MiB holds (limit "
            + maxMembers
            + "); give it more, e.g. FLAT_TAR_JAVA_OPTS=-Xmx4g or java -Xmx4g -jar");
  }
}
