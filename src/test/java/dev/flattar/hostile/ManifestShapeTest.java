package dev.flattar.hostile;

import static dev.flattar.testing.Member.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flattar.model.Digest;
import dev.flattar.testing.Archives;
import dev.flattar.testing.FlatArchive;
import dev.flattar.testing.Layers;
import dev.flattar.testing.Member;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * manifest.json and configs of the wrong shape, and manifests that point at the wrong thing:
 * refused naming the document and the field. Layers listed twice are legal and flatten.
 */
class ManifestShapeTest {
  @TempDir Path tmp;

  static final byte[] L1 = Layers.tar(file("a", "a"), file("b", "b"));
  static final byte[] L2 = Layers.tar(Member.whiteout("a"), file("c", "c"));
  static final Map<String, byte[]> MEMBERS = tarMembers(Hostile.docker(L1));
  static final String LAYER = Digest.of(L1).hex() + "/layer.tar";
  static final String CONFIG = configName(MEMBERS);

  static Stream<Arguments> badManifests() {
    String layers = "\"Layers\":[\"" + LAYER + "\"]";
    String config = "\"Config\":\"" + CONFIG + "\"";
    return Stream.of(
        bad("an empty file", "", "manifest.json is empty"),
        bad("a string", "\"manifest\"", "manifest.json is not a JSON array"),
        bad("an empty array", "[]", "manifest.json lists no images"),
        bad(
            "an array of strings",
            "[\"" + LAYER + "\"]",
            "manifest.json entry 1 is not a JSON object"),
        bad(
            "trailing garbage",
            "[{" + config + "," + layers + "}] x",
            "manifest.json is not valid JSON"),
        bad("nested 10,000 deep", "[".repeat(10_000), "manifest.json is not valid JSON"),
        bad("Config missing", "[{" + layers + "}]", "manifest.json entry 1 has no Config path"),
        bad("Config a number", "[{\"Config\":7," + layers + "}]", "entry 1 has no Config path"),
        bad(
            "Config an array",
            "[{\"Config\":[\"" + CONFIG + "\"]," + layers + "}]",
            "has no Config path"),
        bad(
            "Layers a string",
            "[{" + config + ",\"Layers\":\"" + LAYER + "\"}]",
            "entry 1 Layers is not an array"),
        bad(
            "Layers holding a number",
            "[{" + config + ",\"Layers\":[1]}]",
            "entry 1 Layers[0] is not a string: 1"),
        bad(
            "RepoTags an object",
            "[{" + config + "," + layers + ",\"RepoTags\":{}}]",
            "entry 1 RepoTags is not an array"),
        bad(
            "no layers for one diff_id",
            "[{" + config + ",\"Layers\":[]}]",
            "entry 1 lists 0 layers but the config's rootfs.diff_ids has 1"),
        bad(
            "Config outside the archive",
            "[{\"Config\":\"../" + CONFIG + "\"," + layers + "}]",
            "path '../" + CONFIG + "' leaves the archive"),
        bad(
            "a layer outside the archive",
            "[{" + config + ",\"Layers\":[\"../../x.tar\"]}]",
            "path '../../x.tar' leaves the archive"),
        bad(
            "a missing layer",
            "[{" + config + ",\"Layers\":[\"nope.tar\"]}]",
            "layer 1 of manifest.json entry 1 'nope.tar' is not in the archive"),
        bad(
            "Config a directory",
            "[{\"Config\":\"dir\"," + layers + "}]",
            "config of manifest.json entry 1 'dir' is a directory, not a file"),
        bad(
            "a layer a directory",
            "[{" + config + ",\"Layers\":[\"dir/\"]}]",
            "layer 1 of manifest.json entry 1 'dir/' is a directory, not a file"),
        bad(
            "a layer a symlink to itself",
            "[{" + config + ",\"Layers\":[\"self.tar\"]}]",
            "links starting at 'self.tar' do not end after 16 hops (a cycle?)"),
        bad(
            "a layer in a symlink cycle",
            "[{" + config + ",\"Layers\":[\"ping/layer.tar\"]}]",
            "links starting at 'ping/layer.tar' do not end after 16 hops"),
        bad(
            "a layer symlinked out of the archive",
            "[{" + config + ",\"Layers\":[\"out/layer.tar\"]}]",
            "link 'out/layer.tar' -> '../../etc/passwd' points outside the archive"),
        bad(
            "a layer symlinked to an absent member",
            "[{" + config + ",\"Layers\":[\"gone.tar\"]}]",
            "layer 1 of manifest.json entry 1 'gone.tar' is not in the archive"),
        bad(
            "a layer hard-linked out of the archive",
            "[{" + config + ",\"Layers\":[\"hard.tar\"]}]",
            "link 'hard.tar' -> '../x.tar' points outside the archive"));
  }

  @ParameterizedTest(name = "manifest.json: {0}")
  @MethodSource("badManifests")
  void badManifest_isRefusedNamingTheEntryAndField(byte[] archive, String fragment) {
    assertThat(Hostile.refused(tmp, archive)).contains("in.tar: ").contains(fragment);
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        config("null", "null", "config " + CONFIG + " is not a JSON object"),
        config("a string", "\"config\"", "config " + CONFIG + " is not a JSON object"),
        config("an array", "[{}]", "config " + CONFIG + " is not a JSON object"),
        config("not JSON", "{\"rootfs\":", "config " + CONFIG + " is not valid JSON"),
        config(
            "without rootfs", "{\"os\":\"linux\"}", "config " + CONFIG + " has no rootfs.diff_ids"),
        config(
            "diff_ids a string",
            "{\"rootfs\":{\"diff_ids\":\"sha256:00\"}}",
            "rootfs.diff_ids is not an array"),
        config(
            "a diff_id not a digest",
            "{\"rootfs\":{\"diff_ids\":[\"sha256:00\"]}}",
            "rootfs.diff_ids[0] is not a sha256 digest: \"sha256:00\""),
        config(
            "a diff_id a number",
            "{\"rootfs\":{\"diff_ids\":[7]}}",
            "rootfs.diff_ids[0] is not a sha256 digest: 7"),
        config(
            "a Windows image",
            "{\"os\":\"windows\",\"rootfs\":{\"diff_ids\":[]}}",
            "describes a Windows image"));
  }

  @ParameterizedTest(name = "config: {0}")
  @MethodSource("badConfigs")
  void badConfig_isRefusedNamingIt(byte[] archive, String fragment) {
    assertThat(Hostile.refused(tmp, archive)).contains("in.tar: ").contains(fragment);
  }

  @Test
  void sameLayerListedTwice_flattensAsIfAppliedTwice() {
    FlatArchive flat = Hostile.flattened(tmp, Hostile.docker(L1, L2, L1));

    assertThat(Hostile.names(flat.layer)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(flat.config.at("/history").size()).isEqualTo(4);
  }

  @Test
  void sameLayerListedTwiceInARow_flattensLikeOnce() {
    FlatArchive twice = Hostile.flattened(tmp, Hostile.docker(L1, L1));

    assertThat(Hostile.names(twice.layer)).containsExactly("a", "b");
  }

  /** The archive of {@link #L1} with manifest.json replaced, plus decoys the cases point at. */
  private static Arguments bad(String what, String manifest, String fragment) {
    Map<String, byte[]> files = new LinkedHashMap<>(MEMBERS);
    files.put("manifest.json", manifest.getBytes(UTF_8));
    List<byte[]> parts = new ArrayList<>();
    files.forEach((name, data) -> parts.add(RawTar.member(name, data)));
    parts.add(RawTar.link("dir/", '5', ""));
    parts.add(RawTar.link("self.tar", '2', "self.tar"));
    parts.add(RawTar.link("ping/layer.tar", '2', "../pong/layer.tar"));
    parts.add(RawTar.link("pong/layer.tar", '2', "../ping/layer.tar"));
    parts.add(RawTar.link("out/layer.tar", '2', "../../etc/passwd"));
    parts.add(RawTar.link("gone.tar", '2', "/etc/passwd"));
    parts.add(RawTar.link("hard.tar", '1', "../x.tar"));
    return Arguments.of(Named.of(what, RawTar.archive(parts.toArray(byte[][]::new))), fragment);
  }

  private static Arguments config(String what, String config, String fragment) {
    Map<String, byte[]> files = new LinkedHashMap<>(MEMBERS);
    files.put(CONFIG, config.getBytes(UTF_8));
    List<byte[]> parts = new ArrayList<>();
    files.forEach((name, data) -> parts.add(RawTar.member(name, data)));
    return Arguments.of(Named.of(what, RawTar.archive(parts.toArray(byte[][]::new))), fragment);
  }

  private static Map<String, byte[]> tarMembers(byte[] archive) {
    Map<String, byte[]> members = new LinkedHashMap<>(Archives.members(archive));
    members.remove("repositories"); // so that no case falls back to the pre-1.10 layout
    return members;
  }

  private static String configName(Map<String, byte[]> members) {
    return new String(members.get("manifest.json"), UTF_8)
        .replaceAll(".*\"Config\":\"([^\"]+)\".*", "$1");
  }
}
