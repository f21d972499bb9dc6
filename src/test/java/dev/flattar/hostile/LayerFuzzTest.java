package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flattar.io.Compression;
import dev.flattar.tar.TarPaths;
import dev.flattar.testing.Archives;
import dev.flattar.testing.Archives.Layout;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.ReferenceTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the tar reader and the merge engine: the input is one to four layer tars (plain or
 * compressed) separated by {@link #SEPARATOR}, wrapped in a well-formed docker-save archive with
 * the right diff_ids, and flattened through the public API. See README.md in this directory for how
 * to run a coverage-guided session; in a normal build this runs the committed inputs only.
 */
class LayerFuzzTest {
  /** Splits the fuzzer's input into layers (a dictionary entry, so the fuzzer finds it). */
  static final String SEPARATOR = "--flat-tar-next-layer--";

  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({
    SEPARATOR,
    "ustar",
    ".wh.",
    ".wh..wh..opq",
    ".wh..wh.plnk/",
    "././@LongLink",
    " path=",
    " linkpath=",
    " size=",
    " mtime=",
    " SCHILY.xattr.",
    " GNU.sparse.major=",
    " GNU.sparse.map=",
    " GNU.sparse.realsize=",
    "../",
    "/../"
  })
  void layer(byte[] input) {
    List<byte[]> stored = split(input);
    List<byte[]> contents = new ArrayList<>();
    Map<byte[], byte[]> storedByContent = new IdentityHashMap<>();
    for (byte[] layer : stored) {
      byte[] content = content(layer);
      if (content == null) {
        return; // a decompression bomb: legitimate, but too slow to fuzz with
      }
      contents.add(content);
      storedByContent.put(content, layer);
    }
    byte[] archive =
        Archives.build(
            Layout.DOCKER, storedByContent::get, ImageSpec.of(contents).tags(Hostile.TAG));
    byte[] output = FuzzRun.flatten(archive);
    if (output == null) {
      return;
    }
    FlatArchive flat = FuzzRun.check(output);
    assertThat(FuzzRun.flatten(archive))
        .as("the same input flattens to the same bytes")
        .isEqualTo(output);
    Map<String, String> reference = reference(contents);
    if (reference != null) {
      assertThat(flat.tree().describe()).isEqualTo(writable(reference));
    }
  }

  /**
   * What the image's diff_id describes: the decompressed bytes of a compressed layer (the stored
   * bytes when they do not decompress: flat-tar must refuse them anyway), or null when they expand
   * past {@link FuzzRun#MAX_OUTPUT}.
   */
  private static byte[] content(byte[] stored) {
    Compression compression = Compression.detect(stored, stored.length);
    if (compression == Compression.NONE) {
      return stored;
    }
    try (InputStream in = compression.decompress(new ByteArrayInputStream(stored))) {
      byte[] content = in.readNBytes((int) FuzzRun.MAX_OUTPUT + 1);
      return content.length > FuzzRun.MAX_OUTPUT ? null : content;
    } catch (IOException e) {
      return stored;
    }
  }

  /**
   * The reference tree without what no single layer can hold: an empty directory named like a
   * whiteout ({@code a/.wh.x}, made as the parent of a whiteout {@code a/.wh.x/.wh.y}), which
   * flat-tar drops (README.md, "What it writes").
   */
  private static Map<String, String> writable(Map<String, String> tree) {
    Map<String, String> out = new java.util.TreeMap<>(tree);
    List<String> dropped =
        out.keySet().stream()
            .filter(p -> TarPaths.basename(p).startsWith(".wh."))
            .filter(p -> out.keySet().stream().noneMatch(q -> q.startsWith(p + "/")))
            .toList();
    dropped.forEach(out::remove);
    return out;
  }

  static List<byte[]> split(byte[] input) {
    byte[] separator = SEPARATOR.getBytes(StandardCharsets.ISO_8859_1);
    List<byte[]> layers = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + separator.length <= input.length && layers.size() < 3; i++) {
      if (Arrays.equals(input, i, i + separator.length, separator, 0, separator.length)) {
        layers.add(Arrays.copyOfRange(input, start, i));
        start = i + separator.length;
        i = start - 1;
      }
    }
    layers.add(Arrays.copyOfRange(input, start, input.length));
    return layers;
  }

  /**
   * What an unpacker makes of the layers (the independent reference the merge tests use), or null
   * when the reference cannot apply them.
   */
  private static Map<String, String> reference(List<byte[]> layers) {
    try {
      return ReferenceTree.of(layers).describe();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
