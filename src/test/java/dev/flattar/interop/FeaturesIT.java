package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.OciCheck;
import dev.flattar.testing.TestJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capability beyond the plain flatten, checked with the real engines (issue 6): kept base
 * layers, OCI and docker+OCI output, layer compression, rootfs export, several images at once,
 * reproducible times, the max-layers short cut, in-place replacement and {@code --verify}. Each
 * output is loaded by podman (every transport it offers for that format) and by containerd; each
 * image must show exactly the tree podman shows for the original image, with the layers, names and
 * times the options ask for. Every output file is written with {@code --verify}, which must pass.
 *
 * <p>The originals are loaded and walked once per class and reused; the cases run one after
 * another, each in its own work directory, and leave no image in either engine.
 */
class FeaturesIT {
  static final String REG = "registry.example.com/feat/";
  static Engines engines;

  /** Before anything was unpacked: directories an unpacker made up are newer (see TreeDiff). */
  static long since;

  private static final Map<String, Tree> ORIGINALS = new HashMap<>();

  @BeforeAll
  static void startEngines() {
    since = System.currentTimeMillis() / 1000;
    engines = Engines.start("FeaturesIT");
  }

  @AfterAll
  static void stopEngines() {
    if (engines != null) {
      engines.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 1. --keep-base N and --from-layer L

  record KeepBase(String input, int n) {
    @Override
    public String toString() {
      return input + " --keep-base " + n;
    }
  }

  static List<KeepBase> keepBaseCases() {
    return List.of(
        new KeepBase("whiteouts", 1),
        new KeepBase("whiteouts", 2),
        new KeepBase("opaque", 1),
        new KeepBase("opaque", 2),
        new KeepBase("hardlinks", 1),
        new KeepBase("hardlinks", 2),
        new KeepBase("typechange", 1),
        new KeepBase("typechange", 2),
        new KeepBase("xattrs", 1),
        new KeepBase("metadata", 2),
        new KeepBase("names", 2),
        new KeepBase("duplicate-layers", 2),
        new KeepBase("many-layers", 1),
        new KeepBase("many-layers", 2),
        new KeepBase("sample", 1),
        new KeepBase("sample", 2));
  }

  /**
   * The bottom N layers are the original's (same diff_ids, in podman and in the archive), one new
   * layer sits on them, the history is the original's with the squashed entries marked empty plus
   * one; and podman and containerd, whose overlay snapshotters apply the new layer's whiteouts and
   * opaque markers onto the kept base, show the original's tree.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("keepBaseCases")
  void keepBase_keepsTheBottomLayersAndShowsTheOriginalTree(KeepBase c) {
    Path in = input(c.input);
    String tag = REG + c.input + ":kb" + c.n;
    run(
        c.toString(),
        work -> {
          Path out =
              flatten(
                  work.resolve("out.tar"), Map.of(), "--keep-base", "" + c.n, "-t", tag, "" + in);
          checkKeptBase(c.toString(), in, out, c.n);
          checkImageArchive(c.toString(), out, want(in, c.n, List.of(tag)), work);
        });
  }

  record FromLayer(String input, String layer, int n) {
    @Override
    public String toString() {
      return input + " --from-layer " + layer;
    }
  }

  static List<FromLayer> fromLayerCases() {
    return List.of(
        new FromLayer("whiteouts", diffId("whiteouts", 2).substring(7, 19), 2),
        new FromLayer("many-layers", diffId("many-layers", 5), 5),
        new FromLayer("sample", diffId("sample", 3).substring(0, 15), 3),
        new FromLayer("opaque", "1", 1));
  }

  /**
   * {@code --from-layer} by a full diff_id, a bare hex prefix, a {@code sha256:} prefix and a
   * position keeps exactly the layers up to it: the output is byte for byte the one {@code
   * --keep-base N} writes, and loads as such.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fromLayerCases")
  void fromLayer_isKeepBaseUpToThatLayer(FromLayer c) {
    Path in = input(c.input);
    String tag = REG + c.input + ":from";
    run(
        c.toString(),
        work -> {
          Path out =
              flatten(
                  work.resolve("out.tar"), Map.of(), "--from-layer", c.layer, "-t", tag, "" + in);
          Path kb =
              flatten(
                  work.resolve("kb.tar"), Map.of(), "--keep-base", "" + c.n, "-t", tag, "" + in);
          assertThat(Files.mismatch(out, kb))
              .as("--from-layer %s vs --keep-base %d: first differing byte", c.layer, c.n)
              .isEqualTo(-1L);
          checkKeptBase(c.toString(), in, out, c.n);
          checkImageArchive(c.toString(), out, want(in, c.n, List.of(tag)), work);
        });
  }

  /** diff_ids equal and history: kept entries as they were, the rest marked empty, one new. */
  private static void checkKeptBase(String label, Path in, Path out, int n) throws IOException {
    OriginalImage orig = SourceArchive.read(in).image(null);
    FlatArchive flat = FlatArchive.read(Files.readAllBytes(out), n + 1);
    List<String> origIds = ImageViews.texts(orig.config().path("rootfs").path("diff_ids"));
    List<String> ids = ImageViews.texts(flat.config.path("rootfs").path("diff_ids"));
    JsonNode origHistory = orig.config().path("history");
    JsonNode history = flat.config.path("history");
    assertAll(
        label,
        () ->
            assertThat(ids.subList(0, n))
                .as("the kept diff_ids in the output config")
                .isEqualTo(origIds.subList(0, n)),
        () -> assertThat(ids).as("diff_ids of the output").hasSize(n + 1),
        () -> assertThat(history).as("history entries").hasSize(origHistory.size() + 1),
        () -> {
          int layer = 0;
          for (int i = 0; i < origHistory.size(); i++) {
            ObjectNode expected = ((ObjectNode) origHistory.get(i)).deepCopy();
            if (!expected.path("empty_layer").asBoolean(false) && layer++ >= n) {
              expected.put("empty_layer", true); // squashed into the new layer
            }
            assertThat(history.get(i)).as("history entry %d", i).isEqualTo(expected);
          }
          assertThat(history.get(history.size() - 1).path("created_by").asText())
              .as("the new history entry")
              .startsWith("flat-tar ");
        });
  }

  // ---------------------------------------------------------------------------------------------
  // 2. --format oci / both, and 3. --compress

  record Format(String input, String format, String compress, List<String> tags, String extra) {
    @Override
    public String toString() {
      return input
          + " --format "
          + format
          + (compress == null ? "" : " --compress " + compress)
          + (extra == null ? "" : " " + extra)
          + (tags.isEmpty() ? "" : " -t " + String.join(" -t ", tags));
    }

    List<String> args(Path in) {
      List<String> a = new ArrayList<>(List.of("--format", format));
      if (compress != null) {
        a.addAll(List.of("--compress", compress));
      }
      if (extra != null) {
        a.addAll(List.of(extra.split(" ")));
      }
      tags.forEach(t -> a.addAll(List.of("-t", t)));
      a.add(in.toString());
      return a;
    }
  }

  static List<Format> formatCases() {
    return List.of(
        new Format("whiteouts", "oci", null, List.of(REG + "whiteouts:oci"), null),
        // two names: two index entries; podman 4.3 can pull either by its ref.name
        new Format(
            "hardlinks", "oci", null, List.of(REG + "hardlinks:oci", "feat/hardlinks:two"), null),
        // no -t: the input's name (sample/app:1.0) becomes docker.io/sample/app:1.0 in the index
        new Format("sample", "oci", null, List.of(), null),
        new Format("xattrs", "both", null, List.of(REG + "xattrs:both"), null),
        new Format("opaque", "both", null, List.of(REG + "opaque:both", "feat/opaque:short"), null),
        new Format("typechange", "both", null, List.of(), "--keep-base 1"));
  }

  /**
   * OCI output: {@code podman load}, {@code podman pull oci-archive:} (by ref.name when the index
   * has several entries) and {@code skopeo copy oci-archive: oci:} accept it and name it as tagged;
   * containerd takes the names from {@code io.containerd.image.name}; all show the original tree.
   * {@code both} is also still a docker-archive ({@code podman pull docker-archive:}, skopeo).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("formatCases")
  void format_loadsInEveryTransportWithItsNames(Format c) {
    compressedOrFormat(c);
  }

  static List<Format> compressCases() {
    return List.of(
        new Format("hardlinks", "docker", "gzip", List.of(REG + "hardlinks:gz"), null),
        new Format("hardlinks", "docker", "zstd", List.of(REG + "hardlinks:zst"), null),
        new Format("whiteouts", "oci", "gzip:9", List.of(REG + "whiteouts:gz"), null),
        new Format("whiteouts", "oci", "zstd", List.of(REG + "whiteouts:zst"), null),
        new Format("xattrs", "both", "zstd:19", List.of(REG + "xattrs:zst"), null),
        new Format("many-layers", "docker", "gzip:1", List.of(REG + "many:gz"), null),
        new Format("opaque", "both", "gzip", List.of(REG + "opaque:kbgz"), "--keep-base 1"));
  }

  /**
   * A compressed new layer (gzip or zstd magic bytes; OCI media type +gzip/+zstd): containerd
   * decompresses and checks it against the diff_id, skopeo checks the compressed digests, podman
   * loads it; all show the original tree.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("compressCases")
  void compress_loadsAndShowsTheOriginalTree(Format c) {
    compressedOrFormat(c);
  }

  private static void compressedOrFormat(Format c) {
    Path in = input(c.input);
    int n =
        c.extra != null && c.extra.startsWith("--keep-base ")
            ? Integer.parseInt(c.extra.substring(12))
            : 0;
    run(
        c.toString(),
        work -> {
          Path out = flatten(work.resolve("out.tar"), Map.of(), c.args(in).toArray(String[]::new));
          Map<String, byte[]> members = members(out);
          assertThat(members.containsKey("manifest.json"))
              .as("manifest.json in --format %s", c.format)
              .isEqualTo(!c.format.equals("oci"));
          assertThat(members.containsKey("index.json"))
              .as("index.json in --format %s", c.format)
              .isEqualTo(!c.format.equals("docker"));
          if (c.compress != null) {
            byte[] layer = newLayer(members);
            String kind = c.compress.replaceAll(":.*", "");
            assertThat(magic(layer)).as("new layer's compression").isEqualTo(kind);
          }
          List<String> tags = c.tags.isEmpty() ? originalTags(in) : c.tags;
          checkImageArchive(c.toString(), out, want(in, n, tags), work);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // 4. --rootfs

  record Rootfs(String input, String compress) {
    @Override
    public String toString() {
      return input + " --rootfs" + (compress == null ? "" : " --compress " + compress);
    }
  }

  static List<Rootfs> rootfsCases() {
    return List.of(
        new Rootfs("whiteouts", null),
        new Rootfs("opaque", null),
        new Rootfs("hardlinks", null),
        new Rootfs("typechange", null),
        new Rootfs("xattrs", null),
        new Rootfs("special", null),
        new Rootfs("names", null),
        new Rootfs("metadata", null),
        new Rootfs("sample", null),
        new Rootfs("hardlinks", "gzip"),
        new Rootfs("xattrs", "zstd"));
  }

  /**
   * The rootfs tar is the flattened image's layer, byte for byte; {@code podman import} of it, and
   * GNU tar extracting it as root, both show podman's tree of the original: paths, types, modes,
   * owners, mtimes, contents, symlink targets, devices, xattrs (security.capability included) and
   * hard-link groups.
   *
   * <p>GNU tar needs {@code --delay-directory-restore}: the tar lists members layer by layer, so a
   * directory's children need not follow it directly, and plain {@code tar -x} restores a
   * directory's mtime as soon as it sees a member outside it, then changes it again by extracting a
   * later child into it. podman (and containerd) set directory times after all members.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rootfsCases")
  void rootfs_showsTheOriginalTree(Rootfs c) {
    Path in = input(c.input);
    run(
        c.toString(),
        work -> {
          List<String> args = new ArrayList<>(List.of("--rootfs"));
          if (c.compress != null) {
            args.addAll(List.of("--compress", c.compress));
          }
          args.add(in.toString());
          Path out = flatten(work.resolve("rootfs.tar"), Map.of(), args.toArray(String[]::new));
          Tree original = original(in, null);
          Path dir = Files.createDirectory(work.resolve("extracted"));
          assertAll(
              c.toString(),
              () -> {
                if (c.compress == null) {
                  Path flat = flatten(work.resolve("flat.tar"), Map.of(), in.toString());
                  assertThat(FlatArchive.read(flat).layer)
                      .as("the rootfs tar vs the flattened image's layer")
                      .isEqualTo(Files.readAllBytes(out));
                } else {
                  assertThat(magic(Files.readAllBytes(out)))
                      .as("compression of the rootfs tar")
                      .isEqualTo(c.compress);
                }
              },
              () -> {
                ImageViews.PodmanImage imported =
                    ImageViews.podmanImport(engines.podman, out, "feat/rootfs:" + c.input);
                sameTree(c + " (podman import)", original, imported.tree());
              },
              () -> {
                Cmd.ok(
                    "tar",
                    "--xattrs",
                    "--xattrs-include=*",
                    "--numeric-owner",
                    "--delay-directory-restore",
                    "-xpf",
                    out.toString(),
                    "-C",
                    dir.toString());
                Tree extracted = TreeWalk.walk(dir, "GNU tar -x of the rootfs tar");
                sameTree(c + " (GNU tar)", original, extracted);
              });
        });
  }

  // ---------------------------------------------------------------------------------------------
  // 5. --all-images

  /** The corpus's 3-image docker 1.13 archive (shared layers, a 2-layer image). */
  @Test
  void allImages_corpusArchive() {
    Inputs.corpusRows(); // skips (fails with CI=true) without a corpus
    Path in = Inputs.corpus().resolve("ci-imagesv11-3images.tar");
    run("ci-imagesv11-3images --all-images", work -> checkAllImages(in, "docker", work));
  }

  /**
   * Two multi-layer engine images saved together by {@code podman save -m} (whiteouts and hard
   * links), flattened as docker and as docker+OCI.
   */
  @Test
  void allImages_podmanSavedPair() {
    run(
        "podman save -m whiteouts hardlinks --all-images",
        work -> {
          Path pair = work.resolve("pair.tar");
          List<String> names = new ArrayList<>();
          try {
            for (String name : List.of("whiteouts", "hardlinks")) {
              engines.podman.load(input(name)).orFail();
              names.add("localhost/flattar-gen-" + name + ":latest");
            }
            List<String> save =
                new ArrayList<>(
                    List.of("save", "-q", "-m", "--format", "docker-archive", "-o", "" + pair));
            save.addAll(names);
            engines.podman.podman(save.toArray(String[]::new)).orFail();
          } finally {
            for (String id : engines.podman.images()) {
              engines.podman.remove(id);
            }
          }
          assertThat(SourceArchive.read(pair).images).as("images podman saved").hasSize(2);
          for (String format : List.of("docker", "both")) {
            Path w = Files.createDirectory(work.resolve(format));
            checkAllImages(pair, format, w);
          }
        });
  }

  private static void checkAllImages(Path in, String format, Path work) throws Exception {
    String label = in.getFileName() + " --all-images --format " + format;
    SourceArchive src = SourceArchive.read(in);
    JsonNode origManifest = src.json("manifest.json");
    Path out =
        flatten(work.resolve("all.tar"), Map.of(), "--all-images", "--format", format, "" + in);
    Map<String, byte[]> members = members(out);
    JsonNode manifest = TestJson.MAPPER.readTree(members.get("manifest.json"));
    assertThat(manifest).as("%s: images in manifest.json", label).hasSize(src.images.size());
    // output image id -> the original image it came from (matched by the names they share)
    Map<String, OriginalImage> from = new LinkedHashMap<>();
    Map<String, List<String>> tagsOf = new LinkedHashMap<>();
    for (JsonNode entry : manifest) {
      List<String> tags = ImageViews.texts(entry.path("RepoTags"));
      String config = entry.path("Config").asText();
      String id = config.replaceAll("^blobs/sha256/|\\.json$", "");
      OriginalImage orig = null;
      for (OriginalImage i : src.images) {
        if (ImageViews.texts(origManifest.get(i.index()).path("RepoTags")).equals(tags)) {
          orig = i;
        }
      }
      assertThat(orig).as("%s: an original image named %s", label, tags).isNotNull();
      assertThat(entry.path("Layers")).as("%s: layers of %s", label, tags).hasSize(1);
      from.put(id, orig);
      tagsOf.put(id, tags);
    }
    List<String> allNames = new ArrayList<>();
    tagsOf.values().forEach(t -> allNames.addAll(fullNames(t)));
    if (format.equals("both")) {
      List<String> indexNames = new ArrayList<>();
      for (JsonNode d : OciCheck.check(members)) {
        indexNames.add(d.path("annotations").path("io.containerd.image.name").asText());
      }
      assertThat(indexNames)
          .as("%s: io.containerd.image.name of the index entries", label)
          .containsExactlyInAnyOrderElementsOf(allNames);
    }
    for (int i = 0; i < manifest.size(); i++) {
      // skopeo checks every blob of the i-th image against its digest
      Skopeo.copy("docker-archive:" + out + ":@" + i, "dir:" + work.resolve("skopeo-" + i));
    }
    Map<String, Tree> originals = new LinkedHashMap<>();
    from.forEach((id, orig) -> originals.put(id, original(in, orig.id())));
    List<Executable> checks = new ArrayList<>();
    checks.add(
        () -> {
          Map<String, ImageViews.PodmanImage> loaded =
              ImageViews.podmanLoad(engines.podman, out, List.copyOf(from.keySet()));
          List<Executable> each = new ArrayList<>();
          loaded.forEach(
              (id, img) ->
                  each.add(
                      () -> {
                        String what = label + ": podman image " + tagsOf.get(id);
                        assertThat(img.names())
                            .as(what + " names")
                            .containsExactlyInAnyOrderElementsOf(podmanNames(tagsOf.get(id)));
                        assertThat(img.layers()).as(what + " layers").hasSize(1);
                        sameTree(what, originals.get(id), img.tree());
                      }));
          assertAll(each);
        });
    checks.add(
        () -> {
          List<String> first = new ArrayList<>();
          tagsOf.values().forEach(t -> first.add(fullNames(t).get(0)));
          String platform =
              Containerd.platformOf(src.images.get(0).config()); // all of one platform here
          ImageViews.ContainerdImport ctr =
              ImageViews.containerd(engines.containerd, out, platform, first, work);
          assertThat(ctr.names())
              .as(label + ": containerd image names")
              .containsExactlyInAnyOrderElementsOf(allNames);
          List<Executable> each = new ArrayList<>();
          tagsOf.forEach(
              (id, tags) ->
                  each.add(
                      () -> {
                        String name = fullNames(tags).get(0);
                        assertThat(ctr.trees())
                            .as(label + ": containerd mounted")
                            .containsKey(name);
                        sameTree(
                            label + ": containerd " + name,
                            originals.get(id),
                            ctr.trees().get(name));
                      }));
          assertAll(each);
        });
    assertAll(label, checks.stream());
  }

  // ---------------------------------------------------------------------------------------------
  // 6. --created, SOURCE_DATE_EPOCH, --clamp-mtime

  record Times(
      String input, Map<String, String> env, List<String> args, String created, Long clamp) {
    @Override
    public String toString() {
      String e = env.isEmpty() ? "" : env.toString().replaceAll("[{}]", "") + " ";
      return e + input + " " + String.join(" ", args);
    }
  }

  static List<Times> timesCases() {
    return List.of(
        new Times(
            "whiteouts",
            Map.of(),
            List.of("--created", "2024-02-03T04:05:06Z"),
            "2024-02-03T04:05:06Z",
            null),
        new Times(
            "hardlinks",
            Map.of("SOURCE_DATE_EPOCH", "1700000000"),
            List.of(),
            "2023-11-14T22:13:20Z",
            null),
        new Times(
            "opaque",
            Map.of("SOURCE_DATE_EPOCH", "1700000000"),
            List.of("--created", "2024-02-03T04:05:06Z"),
            "2024-02-03T04:05:06Z",
            null),
        new Times(
            "whiteouts", Map.of(), List.of("--clamp-mtime", "@1704240000"), null, 1704240000L),
        new Times(
            "hardlinks",
            Map.of("SOURCE_DATE_EPOCH", "1704240000"),
            List.of("--clamp-mtime", "2024-01-03T00:00:00Z", "--format", "oci"),
            "2024-01-03T00:00:00Z",
            1704240000L),
        new Times(
            "many-layers", Map.of(), List.of("--clamp-mtime", "1706000000"), null, 1706000000L));
  }

  /**
   * podman shows the config's created time (and the new history entry's) as asked, or the
   * original's when nothing is asked; with a clamp, every mtime in the mounted tree is the
   * original's or the clamp, whichever is earlier (and some were later: the clamp did something);
   * the tree is otherwise the original's.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("timesCases")
  void times_showInPodmanAndInTheTree(Times c) {
    Path in = input(c.input);
    String tag = REG + c.input + ":times";
    run(
        c.toString(),
        work -> {
          List<String> args = new ArrayList<>(c.args);
          args.addAll(List.of("-t", tag, in.toString()));
          Path out = flatten(work.resolve("out.tar"), c.env, args.toArray(String[]::new));
          Want w = want(in, 0, List.of(tag));
          if (c.created != null) {
            w = w.withCreated(Instant.parse(c.created), true);
          }
          if (c.clamp != null) {
            Tree clamped = clamp(w.tree, c.clamp);
            assertThat(TreeDiff.differences(w.tree, clamped, since))
                .as("paths the clamp changes (the case must test something)")
                .isNotEmpty();
            w = w.withTree(clamped);
          }
          checkImageArchive(c.toString(), out, w, work);
        });
  }

  /** The original's tree as a clamp at {@code clamp} must leave it. */
  private static Tree clamp(Tree tree, long clamp) {
    Map<String, Tree.Row> rows = new LinkedHashMap<>();
    tree.rows()
        .forEach(
            (path, r) -> {
              long m = Long.parseLong(r.mtime());
              String mtime = m >= since ? r.mtime() : Long.toString(Math.min(m, clamp));
              rows.put(path, withMtime(r, mtime));
            });
    return new Tree(tree.source() + ", mtimes clamped at " + clamp, rows);
  }

  // ---------------------------------------------------------------------------------------------
  // 7. --max-layers N

  record MaxLayers(String input, int n) {
    @Override
    public String toString() {
      return input + " --max-layers " + n;
    }
  }

  static List<MaxLayers> maxLayersCases() {
    return List.of(
        new MaxLayers("whiteouts", 3),
        new MaxLayers("whiteouts", 10),
        new MaxLayers("many-layers", 42),
        new MaxLayers("sample", 4),
        new MaxLayers("whiteouts", 2));
  }

  /**
   * With at most N layers the output is the input, byte for byte, says so, and loads as the
   * original does; with more (the last case) the image is flattened after all.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("maxLayersCases")
  void maxLayers_copiesAnImageThatIsSmallEnough(MaxLayers c) {
    Path in = input(c.input);
    OriginalImage orig = SourceArchive.read(in).image(null);
    run(
        c.toString(),
        work -> {
          Path out = work.resolve("out.tar");
          Cmd.Result r =
              BuiltJar.run(
                  engines.jar,
                  Map.of(),
                  List.of("--verify", "--max-layers", "" + c.n, "-o", "" + out, "" + in));
          assertThat(r.ok()).as(r.describe()).isTrue();
          Want w;
          if (orig.layers() <= c.n) {
            assertThat(r.stderr())
                .as("flat-tar's message")
                .contains("copied the archive unchanged");
            assertThat(Files.mismatch(out, in))
                .as("first byte where output and input differ")
                .isEqualTo(-1L);
            w = want(in, orig.layers(), originalTags(in)).whole();
          } else {
            assertThat(Files.mismatch(out, in)).as("output vs input").isNotEqualTo(-1L);
            w = want(in, 0, originalTags(in));
          }
          checkImageArchive(c.toString(), out, w, work);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // 8. --in-place

  record InPlace(String input, List<String> args) {
    @Override
    public String toString() {
      return input + " --in-place " + String.join(" ", args);
    }
  }

  static List<InPlace> inPlaceCases() {
    return List.of(
        new InPlace("whiteouts", List.of()),
        new InPlace("hardlinks", List.of("--format", "both", "--compress", "zstd")));
  }

  /**
   * The input file itself becomes the one-layer image (nothing else is left in its directory) and
   * loads in podman and containerd with the original's tree.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("inPlaceCases")
  void inPlace_replacesTheInputWithTheFlattenedImage(InPlace c) {
    Path in = input(c.input);
    run(
        c.toString(),
        work -> {
          Path dir = Files.createDirectory(work.resolve("in-place"));
          Path file = Files.copy(in, dir.resolve("image.tar"));
          List<String> args = new ArrayList<>(List.of("-q", "--verify", "--in-place"));
          args.addAll(c.args);
          args.add(file.toString());
          Cmd.Result r = BuiltJar.run(engines.jar, Map.of(), args);
          assertThat(r.ok()).as(r.describe()).isTrue();
          try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.toList()).as("files in the input's directory").containsExactly(file);
          }
          assertThat(Files.mismatch(file, in))
              .as("the replaced file vs the input")
              .isNotEqualTo(-1L);
          checkImageArchive(c.toString(), file, want(in, 0, originalTags(in)), work);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // 9. --verify changes nothing

  /**
   * {@code --verify} (used for every output above, where it must pass) only reads: the output is
   * the same bytes without it.
   */
  @Test
  void verify_onlyReadsTheOutput() {
    run(
        "--verify vs no --verify",
        work -> {
          Path sample = input("sample");
          List<List<String>> variants =
              List.of(
                  List.of("--keep-base", "2", "--format", "both", "--compress", "zstd"),
                  List.of("--rootfs", "--compress", "gzip"),
                  List.of("--created", "2024-02-03T04:05:06Z", "--clamp-mtime", "@1704240000"));
          for (List<String> v : variants) {
            List<String> args = new ArrayList<>(v);
            args.add(sample.toString());
            Path with = flatten(work.resolve("with.tar"), Map.of(), args.toArray(String[]::new));
            List<String> plain =
                new ArrayList<>(List.of("-q", "-o", "" + work.resolve("without.tar")));
            plain.addAll(args);
            BuiltJar.run(engines.jar, Map.of(), plain).orFail();
            assertThat(Files.mismatch(with, work.resolve("without.tar")))
                .as("%s with and without --verify: first differing byte", v)
                .isEqualTo(-1L);
          }
        });
  }

  // ---------------------------------------------------------------------------------------------
  // The checks every image archive goes through

  /**
   * What an output image must show.
   *
   * @param tree the tree every engine must show
   * @param kept diff_ids the image's layers must start with
   * @param layers how many layers it has
   * @param tags the names it was given (as flat-tar's -t, or the input's RepoTags)
   * @param created the config's created time podman must show (null: not checked)
   * @param newHistory whether the last history entry must carry {@code created} too
   * @param platform os/arch for containerd
   */
  record Want(
      Tree tree,
      List<String> kept,
      int layers,
      List<String> tags,
      Instant created,
      boolean newHistory,
      String platform) {
    Want withCreated(Instant t, boolean history) {
      return new Want(tree, kept, layers, tags, t, history, platform);
    }

    Want withTree(Tree t) {
      return new Want(t, kept, layers, tags, created, newHistory, platform);
    }

    /** The image is the original, unchanged: all its layers. */
    Want whole() {
      return new Want(tree, kept, kept.size(), tags, created, newHistory, platform);
    }
  }

  /** The original's tree and created time, its first {@code n} diff_ids kept, one new layer. */
  private static Want want(Path in, int n, List<String> tags) {
    OriginalImage orig = SourceArchive.read(in).image(null);
    List<String> ids = ImageViews.texts(orig.config().path("rootfs").path("diff_ids"));
    JsonNode created = orig.config().path("created");
    return new Want(
        original(in, null),
        ids.subList(0, n),
        n + 1,
        tags,
        created.isTextual() ? Instant.parse(created.asText()) : null,
        false,
        Containerd.platformOf(orig.config()));
  }

  /**
   * Loads one output image every way its format allows and checks each view: structure (Docker's
   * loader rules for manifest.json, descriptor digests and media types for the OCI index, names in
   * the index); skopeo's digest checks; {@code podman load}, {@code podman pull oci-archive:} (per
   * ref.name if several) and {@code podman pull docker-archive:} (for --format both): names,
   * layers, created time and tree; containerd's import: names and tree.
   */
  private static void checkImageArchive(String label, Path out, Want w, Path work)
      throws Exception {
    byte[] bytes = Files.readAllBytes(out);
    Map<String, byte[]> members = members(out);
    boolean docker = members.containsKey("manifest.json");
    boolean oci = members.containsKey("index.json");
    String id;
    List<String> refNames = new ArrayList<>();
    List<Executable> checks = new ArrayList<>();
    if (docker) {
      FlatArchive flat = FlatArchive.read(bytes, w.layers);
      String config = flat.manifest.get(0).get("Config").asText();
      id = config.replaceAll("^blobs/sha256/|\\.json$", "");
      checks.add(
          () ->
              assertThat(ImageViews.texts(flat.manifest.get(0).path("RepoTags")))
                  .as("RepoTags in manifest.json")
                  .isEqualTo(w.tags));
    } else {
      id = null;
    }
    if (oci) {
      List<JsonNode> entries = OciCheck.check(members);
      String ociId = null;
      List<String> names = new ArrayList<>();
      for (JsonNode d : entries) {
        names.add(d.path("annotations").path("io.containerd.image.name").asText());
        refNames.add(d.path("annotations").path("org.opencontainers.image.ref.name").asText());
        JsonNode m = TestJson.MAPPER.readTree(members.get(blob(d)));
        ociId = m.path("config").path("digest").asText().substring(7);
        if (docker) {
          List<String> layers = new ArrayList<>();
          m.path("layers").forEach(l -> layers.add(blob(l)));
          JsonNode entry = TestJson.MAPPER.readTree(members.get("manifest.json")).get(0);
          checks.add(
              () ->
                  assertThat(ImageViews.texts(entry.path("Layers")))
                      .as("manifest.json's layers vs the OCI manifest's")
                      .isEqualTo(layers));
        }
      }
      checks.add(
          () ->
              assertThat(names)
                  .as("io.containerd.image.name of the index entries")
                  .isEqualTo(fullNames(w.tags)));
      if (id != null) {
        String both = ociId;
        String fromManifest = id;
        checks.add(
            () -> assertThat(both).as("OCI config vs manifest.json's").isEqualTo(fromManifest));
      }
      id = ociId;
    }
    String imageId = Objects.requireNonNull(id, "neither manifest.json nor index.json");
    // skopeo: every blob against its digest
    if (docker) {
      checks.add(
          () -> {
            JsonNode m = Skopeo.copyToDir(out, work.resolve("skopeo-dir"));
            assertThat(Skopeo.layerDigests(m)).as("layers skopeo copied").hasSize(w.layers);
            assertThat(m.path("config").path("digest").asText())
                .as("config skopeo copied")
                .isEqualTo("sha256:" + imageId);
          });
    }
    if (oci) {
      for (String ref : sources(refNames)) {
        checks.add(
            () -> {
              Path layout = work.resolve("skopeo-oci-" + ref.replaceAll("[^a-z0-9]", "_"));
              Skopeo.copy("oci-archive:" + out + ref, "oci:" + layout + ":copied");
              JsonNode index = TestJson.MAPPER.readTree(layout.resolve("index.json").toFile());
              JsonNode m =
                  TestJson.MAPPER.readTree(
                      layout.resolve(blob(index.path("manifests").get(0))).toFile());
              assertThat(m.path("layers"))
                  .as("layers skopeo copied from %s", ref)
                  .hasSize(w.layers);
              assertThat(m.path("config").path("digest").asText())
                  .as("config skopeo copied")
                  .isEqualTo("sha256:" + imageId);
            });
      }
    }
    // podman, every way in
    boolean ociOnlySeveral = oci && !docker && refNames.size() > 1;
    checks.add(
        () -> {
          Cmd.Result loaded = engines.podman.load(out);
          if (!loaded.ok()
              && ociOnlySeveral
              && loaded.stderr().contains("more than one image in oci")) {
            // podman 4.3 loads an oci-archive only when its index has one entry: the
            // entries are pulled one by one below (oci-archive:FILE:REF)
            System.err.println(
                "features: "
                    + label
                    + ": podman load refuses an OCI index with "
                    + refNames.size()
                    + " entries (\"more than one image in oci\"); each is pulled by ref.name");
            return;
          }
          loaded.orFail();
          ImageViews.PodmanImage img =
              ImageViews.podmanLoaded(engines.podman, out, List.of(imageId)).get(imageId);
          // podman load reads oci-archive first, and falls back to docker-archive when it
          // cannot (podman 4.3 refuses an index with several entries)
          List<String> names = docker && !oci ? podmanNames(w.tags) : fullNames(w.tags);
          if (docker && oci && !Set.copyOf(img.names()).equals(Set.copyOf(names))) {
            names = podmanNames(w.tags);
          }
          checkPodman(label + ": podman load", img, imageId, w, names);
        });
    if (oci) {
      List<String> refs = sources(refNames);
      for (int i = 0; i < refs.size(); i++) {
        String ref = refs.get(i);
        String name = fullNames(w.tags).get(i);
        checks.add(
            () -> {
              String source = "oci-archive:" + out + ref;
              ImageViews.PodmanImage img = ImageViews.podmanPull(engines.podman, source);
              checkPodman(label + ": podman pull " + source, img, imageId, w, List.of(name));
            });
      }
    }
    if (docker && oci) {
      checks.add(
          () -> {
            ImageViews.PodmanImage img =
                ImageViews.podmanPull(engines.podman, "docker-archive:" + out);
            checkPodman(
                label + ": podman pull docker-archive:", img, imageId, w, podmanNames(w.tags));
          });
    }
    // containerd, as Docker 29 loads images
    checks.add(
        () -> {
          List<String> names = fullNames(w.tags);
          ImageViews.ContainerdImport ctr =
              ImageViews.containerd(
                  engines.containerd, out, w.platform, List.of(names.get(0)), work);
          assertThat(ctr.names())
              .as(label + ": containerd image names")
              .containsExactlyInAnyOrderElementsOf(names);
          sameTree(label + ": containerd", w.tree, ctr.trees().get(names.get(0)));
        });
    assertAll(label, checks.stream());
    assertThat(engines.podman.images()).as("images left in the podman store").isEmpty();
  }

  private static void checkPodman(
      String what, ImageViews.PodmanImage img, String id, Want w, List<String> names) {
    assertAll(
        what,
        () -> assertThat(img.id()).as("image id").isEqualTo(id),
        () -> assertThat(img.names()).as("names").containsExactlyInAnyOrderElementsOf(names),
        () ->
            assertThat(img.layers().subList(0, Math.min(w.kept.size(), img.layers().size())))
                .as("RootFS.Layers %s start with the kept diff_ids", img.layers())
                .isEqualTo(w.kept),
        () -> assertThat(img.layers()).as("RootFS.Layers").hasSize(w.layers),
        () -> {
          if (w.created != null) {
            assertThat(img.created()).as("Created").isEqualTo(w.created);
          }
        },
        () -> {
          if (w.newHistory) {
            assertThat(img.historyCreated())
                .as("created of the new history entry")
                .isEqualTo(w.created);
          }
        },
        () -> sameTree(what, w.tree, img.tree()));
  }

  /**
   * {@link TreeDiff#assertSame}, with one more engine artifact allowed for. A directory that a
   * layer of the original does not declare although it adds or deletes something inside it (as
   * {@code bin/} above {@code bin/.wh.busybox} in sample-docker.tar) is created again by the
   * unpacker in that layer's snapshot, with the time of unpacking as its mtime, and that copy hides
   * the lower layer's declaration in the merged view (podman and containerd alike). The flattened
   * image declares the directory with the lower layer's metadata, because the time of some later
   * unpack is not something an archive can hold. So where the original's view shows a directory
   * with an mtime at or after the start of the class (made up by the unpacker), its mtime is not
   * compared; every other field still is.
   */
  static void sameTree(String what, Tree expected, Tree actual) {
    assertThat(actual).as("%s: no view", what).isNotNull();
    Map<String, Tree.Row> rows = new LinkedHashMap<>(expected.rows());
    expected
        .rows()
        .forEach(
            (path, r) -> {
              Tree.Row a = actual.rows().get(path);
              if (madeUp(r) && a != null && a.type().equals("d")) {
                rows.put(path, withMtime(r, a.mtime()));
              }
            });
    TreeDiff.assertSame(what, new Tree(expected.source(), rows), actual, since);
  }

  static boolean madeUp(Tree.Row r) {
    return r.type().equals("d") && Long.parseLong(r.mtime()) >= since;
  }

  static Tree.Row withMtime(Tree.Row r, String mtime) {
    return new Tree.Row(
        r.type(), r.mode(), r.uid(), r.gid(), mtime, r.size(), r.data(), r.xattrs(), r.linkGroup());
  }

  /** The suffixes of {@code oci-archive:FILE}: none for one index entry, {@code :REF} for each. */
  private static List<String> sources(List<String> refNames) {
    return refNames.size() == 1 ? List.of("") : refNames.stream().map(r -> ":" + r).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Names as the engines normalize them

  /**
   * The name containerd (and Docker) gives a tag, as flat-tar must write it in {@code
   * io.containerd.image.name}: a first component without '.' or ':' that is not localhost is not a
   * registry, so docker.io/ is prepended (and library/ for a one-component name).
   */
  static List<String> fullNames(List<String> tags) {
    return tags.stream()
        .map(
            t -> {
              int slash = t.indexOf('/');
              String first = slash < 0 ? "" : t.substring(0, slash);
              if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return t;
              }
              return "docker.io/" + (slash < 0 ? "library/" : "") + t;
            })
        .toList();
  }

  /** podman's name for a docker-archive RepoTag: localhost/ where there is no registry. */
  static List<String> podmanNames(List<String> tags) {
    return tags.stream()
        .map(
            t -> {
              int slash = t.indexOf('/');
              String first = slash < 0 ? "" : t.substring(0, slash);
              if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return t;
              }
              return "localhost/" + t;
            })
        .toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs, originals, running flat-tar

  static Path input(String name) {
    return name.equals("sample")
        ? Inputs.testdata().resolve("sample-docker.tar")
        : Inputs.testdata().resolve("engine").resolve(name + ".docker.tar");
  }

  static String diffId(String input, int position) {
    return SourceArchive.read(input(input))
        .image(null)
        .config()
        .path("rootfs")
        .path("diff_ids")
        .get(position - 1)
        .asText();
  }

  static List<String> originalTags(Path in) {
    SourceArchive src = SourceArchive.read(in);
    return ImageViews.texts(src.json("manifest.json").get(0).path("RepoTags"));
  }

  /**
   * podman's view of an original image, walked once per class; an engine-made image's view must
   * also equal the overlayfs view recorded when it was built ({@code X.expected.tsv}).
   */
  static synchronized Tree original(Path archive, String imageId) {
    String key = archive + "@" + imageId;
    Tree tree = ORIGINALS.get(key);
    if (tree == null) {
      SourceArchive src = SourceArchive.read(archive);
      Path work = engines.workDir("original");
      try {
        tree = OriginalView.of(engines, src, src.image(imageId), work);
      } finally {
        Cmd.removeTree(work);
      }
      String name = archive.getFileName().toString();
      Path tsv = archive.resolveSibling(name.substring(0, name.indexOf('.')) + ".expected.tsv");
      if (Files.isRegularFile(tsv)) {
        TreeDiff.assertSame(name, TreeWalk.read(tsv, tsv.toString()), tree, since);
      }
      List<String> madeUp =
          tree.rows().entrySet().stream()
              .filter(e -> madeUp(e.getValue()))
              .map(e -> e.getKey())
              .toList();
      if (!madeUp.isEmpty()) {
        System.err.println(
            "features: "
                + name
                + (imageId == null ? "" : " image " + imageId.substring(0, 12))
                + ": directories the unpacker made up in the original's view (mtime not compared): "
                + madeUp);
      }
      ORIGINALS.put(key, tree);
    }
    return tree;
  }

  /** {@code flat-tar -q --verify -o OUT ARGS...}: must exit 0 and write OUT. */
  static Path flatten(Path out, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("-q", "--verify", "-o", out.toString()));
    all.addAll(List.of(args));
    Cmd.Result r = BuiltJar.run(engines.jar, env, all);
    assertThat(r.ok()).as(r.describe()).isTrue();
    assertThat(out).isRegularFile();
    return out;
  }

  interface Body {
    void run(Path work) throws Exception;
  }

  /** Runs one case in a fresh work directory, removed afterwards, and reports its time. */
  static void run(String label, Body body) {
    long started = System.nanoTime();
    Path work = engines.workDir(label);
    try {
      body.run(work);
      System.err.printf("features: %s ok, %.1f s%n", label, (System.nanoTime() - started) / 1e9);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(label + ": " + e, e);
    } finally {
      Cmd.removeTree(work);
    }
  }

  /** Every member of a (small) output archive. */
  static Map<String, byte[]> members(Path archive) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(Files.readAllBytes(archive)))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The blob a descriptor names. */
  static String blob(JsonNode descriptor) {
    return "blobs/" + descriptor.path("digest").asText().replace(':', '/');
  }

  /** The topmost layer of the (single) image, from manifest.json or the OCI manifest. */
  static byte[] newLayer(Map<String, byte[]> members) throws IOException {
    if (members.containsKey("manifest.json")) {
      JsonNode layers =
          TestJson.MAPPER.readTree(members.get("manifest.json")).get(0).path("Layers");
      return members.get(layers.get(layers.size() - 1).asText());
    }
    JsonNode index = TestJson.MAPPER.readTree(members.get("index.json"));
    JsonNode m = TestJson.MAPPER.readTree(members.get(blob(index.path("manifests").get(0))));
    JsonNode layers = m.path("layers");
    return members.get(blob(layers.get(layers.size() - 1)));
  }

  /** "gzip", "zstd" or "none", by magic bytes. */
  static String magic(byte[] b) {
    if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
      return "gzip";
    }
    if (b.length > 4
        && (b[0] & 0xff) == 0x28
        && (b[1] & 0xff) == 0xb5
        && (b[2] & 0xff) == 0x2f
        && (b[3] & 0xff) == 0xfd) {
      return "zstd";
    }
    return "none";
  }
}
