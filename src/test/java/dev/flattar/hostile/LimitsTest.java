package dev.flattar.hostile;

import static dev.flattar.hostile.RawTar.member;
import static dev.flattar.hostile.RawTar.pax;
import static dev.flattar.hostile.RawTar.record;
import static dev.flattar.testing.Member.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.FlatTar;
import dev.flattar.FlattenOptions;
import dev.flattar.Input;
import dev.flattar.Output;
import dev.flattar.model.Digest;
import dev.flattar.model.FlatTarException;
import dev.flattar.model.Json;
import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.TestJson;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit on what an input may ask of flat-tar is a clear error naming the number and the
 * limit. (The member-count limit, which depends on the heap, is in BombTest.)
 */
class LimitsTest {
  static final int NAME_LIMIT = 64 << 10;
  static final String LONG = "d/".repeat(35_000);

  @TempDir Path tmp;

  @Test
  void nameOverTheLimit_isRefused() {
    byte[] layer = RawTar.archive(pax(record("path", LONG)), member("f", new byte[1]));

    assertThat(Hostile.refused(tmp, Hostile.docker(layer)))
        .contains(
            Hostile.dockerLayer(1, layer)
                + ": name of the entry at offset 70656 is 70000 bytes long (limit 65536): 'd/d/d/");
  }

  @Test
  void gnuLongNameOverTheLimit_isRefused() {
    byte[] layer =
        RawTar.archive(
            member("././@LongLink", 'L', LONG.getBytes(UTF_8)), member("f", new byte[1]));

    assertThat(Hostile.refused(tmp, Hostile.docker(layer)))
        .contains("name of the entry at offset 70656 is 70000 bytes long (limit 65536)");
  }

  @Test
  void linkTargetOverTheLimit_isRefused() {
    byte[] layer =
        RawTar.archive(pax(record("linkpath", LONG)), RawTar.link("s", '2', "placeholder"));

    assertThat(Hostile.refused(tmp, Hostile.docker(layer)))
        .contains("link target of the entry at offset 70656 is 70000 bytes long (limit 65536)");
  }

  @Test
  void nameAtTheLimit_flattens() {
    String name = "d/".repeat(NAME_LIMIT / 2 - 1) + "ff";
    byte[] layer = RawTar.archive(pax(record("path", name)), member("f", new byte[1]));

    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(layer));

    assertThat(Hostile.names(flat.layer)).last().isEqualTo(name);
  }

  @Test
  void sparseFileOfOnlyHoles_overTheLimit_isRefused() {
    byte[] layer = sparse("hole", 1L << 62);

    assertThat(refusedWithBoundedOutput(Hostile.docker(layer)))
        .contains(
            Hostile.dockerLayer(1, layer)
                + ": sparse file 'hole' (4611686018427387904 bytes, 0 stored) brings the holes"
                + " of the image's sparse files to 4611686018427387904 bytes; flat-tar writes"
                + " sparse files in full and allows 68719476736 bytes of holes");
  }

  @Test
  void sparseFilesOverTheLimitTogether_areRefused() {
    byte[] lower = sparse("a", 40L << 30);
    byte[] upper = sparse("b", 40L << 30);

    assertThat(refusedWithBoundedOutput(Hostile.docker(lower, upper)))
        .contains(Hostile.dockerLayer(2, upper) + ": sparse file 'b' (42949672960 bytes, 0 stored)")
        .contains("to 85899345920 bytes");
  }

  @Test
  void sparseFileClaimingOver4EiB_isRefusedAsCorrupt() {
    byte[] layer = sparse("huge", (1L << 62) + 1);

    assertThat(refusedWithBoundedOutput(Hostile.docker(layer)))
        .contains(
            "entry 'huge' at offset 1024 claims 4611686018427387905 bytes (limit 4611686018427387904)");
  }

  @Test
  void manifestOverTheLimit_isRefused() {
    byte[] archive = Archives.tar(Map.of("manifest.json", new byte[(16 << 20) + 1]), Map.of());

    assertThat(Hostile.refused(tmp, archive))
        .contains("in.tar: manifest.json is 16777217 bytes; the limit is 16777216");
  }

  @Test
  void manifestNamingOneLargeConfigManyTimes_stopsAtTheJsonLimit() {
    String padding = "x".repeat(15 << 20);
    byte[] config =
        ("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"pad\":\"" + padding + "\"}")
            .getBytes(UTF_8);
    String entry = "{\"Config\":\"c.json\",\"Layers\":[]}";
    byte[] manifest =
        ("[" + String.join(",", Collections.nCopies(100, entry)) + "]").getBytes(UTF_8);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("c.json", config);
    files.put("manifest.json", manifest);

    assertThat(Hostile.refused(tmp, Archives.tar(files, Map.of())))
        .contains("in.tar: config c.json: reading it brings the JSON read from the archive to ")
        .contains(" bytes (limit 67108864)");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void ociIndexesThatFanOut_stopAtTheDescriptorLimit() {
    // index.json lists index A 200 times, A lists index B 200 times, B lists 50 absent blobs:
    // 2 million descriptors from 20 KiB of JSON.
    Map<String, byte[]> files = new LinkedHashMap<>();
    String absent = descriptor("application/vnd.oci.image.manifest.v1+json", new byte[] {1});
    byte[] b = index(absent, 50);
    byte[] a = index(descriptor("application/vnd.oci.image.index.v1+json", b), 200);
    files.put("blobs/sha256/" + Digest.of(a).hex(), a);
    files.put("blobs/sha256/" + Digest.of(b).hex(), b);
    files.put("index.json", index(descriptor("application/vnd.oci.image.index.v1+json", a), 200));

    assertThat(Hostile.refused(tmp, Archives.tar(files, Map.of())))
        .contains("the indexes of the archive list more than 10000 descriptors (limit 10000)");
  }

  @Test
  void ociIndexNamingOneImage12000Times_stopsAtTheDescriptorLimit() throws Exception {
    byte[] oci = Archives.build(Archives.Layout.OCI, ImageSpec.of(Layers.tar(file("a", "a"))));
    Map<String, byte[]> files = new LinkedHashMap<>(Archives.members(oci));
    ObjectNode index = (ObjectNode) TestJson.MAPPER.readTree(files.get("index.json"));
    ArrayNode manifests = index.withArray("manifests");
    JsonNode descriptor = manifests.get(0);
    manifests.removeAll();
    for (int i = 0; i < 12_000; i++) {
      ObjectNode d = (ObjectNode) descriptor.deepCopy();
      d.putObject("annotations").put("io.containerd.image.name", "name" + i + ":1");
      manifests.add(d);
    }
    files.put("index.json", Json.write(index));

    assertThat(Hostile.refused(tmp, Archives.tar(files, Map.of())))
        .contains("the indexes of the archive list more than 10000 descriptors (limit 10000)");
  }

  @Test
  void archiveOfManyImages_listsOnlyTheFirstTenInTheError() {
    byte[] layer = Layers.tar(file("a", "a"));
    List<ImageSpec> images = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int n = i;
      images.add(ImageSpec.of(layer).tags("img" + i + ":1").config(c -> c.put("n", n)));
    }
    byte[] archive = Archives.build(Archives.Layout.DOCKER, images.toArray(ImageSpec[]::new));

    assertThat(Hostile.refused(tmp, archive))
        .contains("holds 30 images; choose one with --image: img0:1 (")
        .contains("img9:1 (")
        .doesNotContain("img10:1")
        .endsWith(", and 20 more");
  }

  @Test
  void legacyParentChainOverTheLimit_isRefusedAsTooLong() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String parent = "";
    String id = "";
    for (int i = 0; i <= 4096; i++) {
      id = Digest.of(("v1 image " + i).getBytes(UTF_8)).hex();
      String json =
          "{\"id\":\""
              + id
              + "\""
              + (parent.isEmpty() ? "" : ",\"parent\":\"" + parent + "\"")
              + "}";
      files.put(id + "/json", json.getBytes(UTF_8));
      files.put(id + "/layer.tar", new byte[0]);
      parent = id;
    }
    files.put("repositories", ("{\"long\":{\"1\":\"" + id + "\"}}").getBytes(UTF_8));

    assertThat(Hostile.refused(tmp, Archives.tar(files, Map.of())))
        .contains("the parent chain of " + id + " is longer than 4096 images (limit 4096)");
  }

  /**
   * The refusal of an archive flattened through the API onto an output that fails past 64 MiB:
   * without the sparse limits these archives would fill the disk.
   */
  private String refusedWithBoundedOutput(byte[] archive) {
    Path in = Hostile.write(tmp, archive);
    OutputStream bounded =
        new OutputStream() {
          private long written;

          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            written += len;
            if (written > 64 << 20) {
              throw new IllegalStateException("flat-tar wrote more than 64 MiB");
            }
          }
        };
    FlatTarException refusal =
        catchThrowableOfType(
            FlatTarException.class,
            () ->
                FlatTar.flatten(Input.file(in), Output.stream(bounded), FlattenOptions.defaults()));
    assertThat(refusal).as("refused").isNotNull();
    return refusal.getMessage();
  }

  /** A layer holding one PAX 0.1 sparse file of {@code size} bytes, all hole. */
  private static byte[] sparse(String name, long size) {
    return RawTar.archive(
        pax(
            record("GNU.sparse.major", "0")
                + record("GNU.sparse.minor", "1")
                + record("GNU.sparse.realsize", Long.toString(size))
                + record("GNU.sparse.map", "")),
        member(name, new byte[0]));
  }

  private static String descriptor(String mediaType, byte[] blob) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + Digest.of(blob)
        + "\",\"size\":"
        + blob.length
        + "}";
  }

  private static byte[] index(String descriptor, int times) {
    return ("{\"schemaVersion\":2,\"manifests\":["
            + String.join(",", Collections.nCopies(times, descriptor))
            + "]}")
        .getBytes(UTF_8);
  }
}
