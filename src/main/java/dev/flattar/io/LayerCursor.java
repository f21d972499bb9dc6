package dev.flattar.io;

import dev.flattar.tar.TarEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * One open layer stream at a time, moved only forward: a plan visits each layer's data front to
 * back, so every layer is opened once and skipped through, and opened again only if asked for an
 * earlier offset. Whoever reads from the stream it gives says how far with {@link #advanced}.
 */
public final class LayerCursor implements Closeable {
  /** Opens a source layer's uncompressed tar stream, from its start. */
  @FunctionalInterface
  public interface Layers {
    InputStream open(int layer) throws IOException;
  }

  private final Layers layers;
  private @Nullable InputStream current;
  private int currentLayer = -1;
  private long position;

  public LayerCursor(Layers layers) {
    this.layers = layers;
  }

  /**
   * Layer {@code layer}'s stream, positioned at {@code offset}.
   *
   * @param member the name of the member whose data starts there, for the error if the layer ends
   *     before it
   */
  public InputStream at(int layer, long offset, String member) throws IOException {
    InputStream in = current;
    if (in == null || layer != currentLayer || offset < position) {
      close();
      in = layers.open(layer);
      current = in;
      currentLayer = layer;
      position = 0;
    }
    while (position < offset) {
      long skipped = in.skip(offset - position);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException(
              "layer "
                  + (layer + 1)
                  + " ended at byte "
                  + position
                  + ", before the data of '"
                  + TarEntry.display(member)
                  + "' at byte "
                  + offset
                  + ": the input changed after it was checked");
        }
        skipped = 1;
      }
      position += skipped;
    }
    return in;
  }

  /** The caller has read {@code n} bytes from the stream {@link #at} gave. */
  public void advanced(long n) {
    position += n;
  }

  @Override
  public void close() throws IOException {
    InputStream in = current;
    if (in != null) {
      in.close();
      current = null;
      currentLayer = -1;
    }
  }
}
