package dev.flattar.writer;

import java.io.IOException;
import java.io.InputStream;

/** Opens the uncompressed byte stream of a source layer, from its start, as often as needed. */
@FunctionalInterface
public interface LayerStreams {
  InputStream open(int layer) throws IOException;
}
