package dev.flattar.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.interop.Plantings.Planted;
import dev.flattar.interop.Plantings.Planting;
import dev.flattar.testing.Archives;
import dev.flattar.testing.ImageSpec;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flat-tar diff} against a real engine's view of the same two images. The second image is
 * made by a real tool: buildah plants differences in an engine image (shell edits in its mounted
 * root, commit, push; {@link Plantings}), or squashes it ({@code buildah commit --squash}, also of
 * a hand-written layer whose hard-link headers differ), or flat-tar flattens it. The engine's view:
 * both archives loaded into podman, mounted, walked and compared with {@link TreeDiff}, mapped to
 * flat-tar's terms by {@link EngineDifferences}; podman's {@code image inspect} for the config.
 * flat-tar's view: {@code diff --json} with the built jar. The two must name the same paths with
 * the same kind, and the same fields with the same values: for planted images in both directions;
 * for squashed and flattened images, nothing at all.
 *
 * <p>Not repeated here: an engine archive against its docker/OCI twin, and against its
 * flat-tar-flattened outputs ({@code DiffImagesTest}; {@code EngineArchivesIT} shows those outputs'
 * trees equal to the original's in podman and containerd). The planted images, new inputs, are
 * flattened here too.
 */
class DiffAgreementIT {
  static Path dir;
  static Podman store;
  static Buildah buildah;
  static Path jar;
  static final Map<String, Path> PLANTED = new HashMap<>();

  /** An image as podman shows it: its mounted tree and its {@code image inspect} object. */
  record View(Tree tree, JsonNode inspect) {}

  @BeforeAll
  static void start() throws IOException {
    Tools.require(
        "DiffAgreementIT",
        List.of(
            "podman",
            "buildah",
            "containerd",
            "ctr",
            "python3",
            "setfattr",
            "setcap",
            "mknod",
            "mkfifo",
            "mountpoint",
            "bash",
            "rm"));
    TreeWalk.walker();
    dir = Files.createTempDirectory(Path.of("/tmp"), "flattar-diff-it-");
    store = Podman.privateStore(dir.resolve("podman"));
    // a copy: a `mvn package` running beside the tier must not swap the jar mid-run
    jar = Files.copy(BuiltJar.jar(), dir.resolve("flat-tar.jar"));
    buildah = new Buildah(store, dir);
  }

  @AfterAll
  static void stop() {
    if (store != null) {
      store.close();
    }
    Cmd.removeTree(dir);
  }

  static List<Planting> plantings() {
    return Plantings.ALL;
  }

  static Stream<Planting> flattened() {
    return Stream.of(Plantings.METADATA, Plantings.HARDLINKS);
  }

  static Stream<String> engineArchives() {
    return Inputs.engineArchives(Inputs.testdata().resolve("engine")).stream()
        .map(c -> c.archive().getFileName().toString())
        .filter(n -> n.endsWith(".docker.tar"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plantings")
  void plantedDifferences_areWhatTheEngineSees_bothWays(Planting p) {
    Path original = p.originalArchive();
    Path planted = planted(p);
    long since = Instant.now().getEpochSecond();
    View a = view(original);
    View b = view(planted);

    List<DiffEntry> engine = engine(a, b, since);
    List<DiffEntry> back = engine(b, a, since);
    DiffReports.Report flat = DiffReports.diff(jar, original, planted);
    DiffReports.Report flatBack = DiffReports.diff(jar, planted, original);

    List<Executable> checks = new ArrayList<>();
    checks.add(() -> agree(p + ", original → planted", a, b, engine, flat));
    checks.add(() -> agree(p + ", planted → original", b, a, back, flatBack));
    for (Planted x : p.planted()) {
      checks.add(
          () ->
              assertThat(fieldNames(engine, x.kind(), x.path()))
                  .as("%s: the engine's view of the planted %s %s", p, x.kind(), x.path())
                  .isEqualTo(x.fields().stream().sorted().toList()));
    }
    for (String path : p.untouched()) {
      checks.add(
          () ->
              assertThat(engine)
                  .as("%s: %s is as it was", p, path)
                  .noneMatch(d -> d.path().equals(path)));
    }
    assertAll(checks);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("engineArchives")
  void anEngineSquash_isTheSameImage_toFlatTarAndToTheEngine(String name) {
    Path original = Inputs.testdata().resolve("engine").resolve(name);
    Path squashed = dir.resolve(name.replace(".docker.tar", "-squashed.tar"));
    buildah.squash(original, "docker-archive:" + squashed + ":localhost/flattar-squashed:1");
    assertSameToBoth(name + " and buildah commit --squash of it", original, squashed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flattened")
  void aPlantedImageFlattened_isTheSameImage_toFlatTarAndToTheEngine(Planting p) {
    Path planted = planted(p);
    Path flat = dir.resolve(p.name() + "-flat.tar");
    BuiltJar.flatten(jar, planted, null, flat);
    assertSameToBoth(p + " and flat-tar's flattened output", planted, flat);
  }

  /**
   * Hard-link members whose headers differ, as no engine writes them but a hand-made layer may: the
   * engine unpacks each member onto the one inode (last mode, owner and mtime; the xattrs of all,
   * but a capability only from the last, since every member's chown drops it), a member deleted by
   * a later layer included. buildah's squash writes that inode, and so does flat-tar's flattening
   * (every member of the group carries it): both must be the same as the original to the engine and
   * to flat-tar diff.
   */
  @Test
  void handWrittenHardLinkHeaders_areSeenAsTheEngineUnpacksThem() throws IOException {
    byte[] cap = HexFormat.of().parseHex("0100000200200000000000000000000000000000");
    byte[] layer1 =
        Layers.tar(
            Member.dir("bin"),
            Member.file("bin/busybox", "#!busybox\n")
                .mode(0755)
                .xattr("user.holder", "h")
                .xattr("security.capability", cap),
            Member.hardlink("bin/sh", "bin/busybox")
                .mode(0644)
                .owner(5, 6, "u", "g")
                .mtime(1_500_000_000L, 0)
                .xattr("user.middle", "m")
                .xattr("user.k", "1"),
            Member.hardlink("bin/ls", "bin/busybox")
                .mode(0700)
                .owner(7, 8, "u", "g")
                .mtime(1_400_000_000L, 0)
                .xattr("user.k", "2"),
            Member.hardlink("bin/gone", "bin/busybox").xattr("user.gone", "g"),
            Member.dir("c"),
            Member.file("c/a", "cap").mode(0755).xattr("user.x", "1"),
            Member.hardlink("c/b", "c/a").mode(0755).xattr("security.capability", cap));
    byte[] layer2 = Layers.tar(Member.dir("bin"), Member.whiteout("bin/gone"));
    Path original =
        Files.write(
            dir.resolve("link-headers.tar"),
            Archives.build(
                Archives.Layout.DOCKER,
                ImageSpec.of(layer1, layer2)
                    .tags("localhost/flattar-link-headers:1")
                    // podman shows no unknown fields (and buildah drops them)
                    .config(c -> c.remove("x-unknown-field"))));

    // The inode rule is both engines': containerd unpacks the original as podman does.
    try (Containerd ctr = Containerd.start(dir.resolve("containerd"))) {
      String name = "localhost/flattar-link-headers:1";
      ImageViews.ContainerdImport imported =
          ImageViews.containerd(ctr, original, "linux/amd64", List.of(name), dir);
      assertThat(imported.trees()).as("containerd's images: %s", imported.names()).hasSize(1);
      TreeDiff.assertSame(
          "hand-written link headers",
          view(original).tree(),
          imported.trees().get(name),
          Long.MAX_VALUE);
    }

    Path squashed = dir.resolve("link-headers-squashed.tar");
    buildah.squash(original, "docker-archive:" + squashed + ":localhost/flattar-squashed:1");
    assertSameToBoth("hand-written link headers and buildah commit --squash", original, squashed);

    Path flat = dir.resolve("link-headers-flat.tar");
    BuiltJar.flatten(jar, original, null, flat);
    assertSameToBoth("hand-written link headers and flat-tar's flattened output", original, flat);
  }

  private void assertSameToBoth(String what, Path first, Path second) {
    long since = Instant.now().getEpochSecond();
    View a = view(first);
    View b = view(second);
    List<DiffEntry> engine = engine(a, b, since);
    DiffReports.Report flat = DiffReports.diff(jar, first, second);
    assertAll(
        () -> agree(what, a, b, engine, flat),
        () -> assertThat(engine).as("%s: the engine's differences", what).isEmpty(),
        () -> assertThat(flat.code()).as("%s: flat-tar diff's exit status", what).isZero());
  }

  /** flat-tar's report names what the engine shows, and nothing else. */
  private static void agree(
      String what, View a, View b, List<DiffEntry> engine, DiffReports.Report flat) {
    List<DiffEntry> flatAll = new ArrayList<>(flat.filesystem());
    flatAll.addAll(flat.config());
    assertAll(
        () ->
            assertThat(flatAll.stream().map(DiffEntry::key).toList())
                .as("%s: (kind, path) flat-tar reports, against the engine's", what)
                .containsExactlyInAnyOrderElementsOf(engine.stream().map(DiffEntry::key).toList()),
        () ->
            assertThat(flatAll)
                .as("%s: fields flat-tar reports, against the engine's", what)
                .containsExactlyInAnyOrderElementsOf(engine),
        () ->
            assertThat(flat.code())
                .as("%s: flat-tar diff's exit status", what)
                .isEqualTo(engine.isEmpty() ? 0 : 1),
        () -> assertThat(flat.same()).as("%s: same", what).isEqualTo(engine.isEmpty()),
        () ->
            assertThat(List.of(flat.firstPaths(), flat.secondPaths()))
                .as("%s: paths in each image (flat-tar's count, the engine's)", what)
                .containsExactly((long) a.tree().size(), (long) b.tree().size()));
  }

  private static List<DiffEntry> engine(View a, View b, long since) {
    List<DiffEntry> out = new ArrayList<>(EngineDifferences.filesystem(a.tree(), b.tree(), since));
    out.addAll(EngineDifferences.config(a.inspect(), b.inspect()));
    return out;
  }

  private static List<String> fieldNames(List<DiffEntry> entries, String kind, String path) {
    return entries.stream()
        .filter(d -> d.kind().equals(kind) && d.path().equals(path))
        .findFirst()
        .map(d -> d.fields().keySet().stream().sorted().toList())
        .orElse(List.of("(not reported)"));
  }

  /** The planted image's archive, made once per class. */
  private static synchronized Path planted(Planting p) {
    return PLANTED.computeIfAbsent(
        p.name(),
        name -> {
          Path out = dir.resolve(name + "-planted.tar");
          String destination =
              p.format().equals("docker-archive")
                  ? "docker-archive:" + out + ":localhost/flattar-planted-" + name + ":1"
                  : "oci-archive:" + out;
          buildah.plant(p.originalArchive(), p.layers(), destination);
          return out;
        });
  }

  /** podman load, image inspect, image mount and a walk; the store is left empty. */
  private static View view(Path archive) {
    String id = SourceArchive.read(archive).images.get(0).id();
    store.load(archive).orFail();
    try {
      JsonNode inspect = store.inspect(id);
      Path root = store.mount(id);
      try {
        return new View(TreeWalk.walk(root, "podman view of " + archive.getFileName()), inspect);
      } finally {
        store.unmount(id);
      }
    } finally {
      store.remove(id);
    }
  }
}
