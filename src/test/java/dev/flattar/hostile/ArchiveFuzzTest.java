package dev.flattar.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes everything that reads an input archive: the input is the whole archive, in any layout and
 * compression, flattened through the public API. See README.md in this directory for how to run a
 * coverage-guided session; in a normal build this runs the committed inputs only.
 */
class ArchiveFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({
    "manifest.json",
    "index.json",
    "oci-layout",
    "repositories",
    "blobs/sha256/",
    "/layer.tar",
    "\"Config\":",
    "\"Layers\":",
    "\"RepoTags\":",
    "\"LayerSources\":",
    "\"rootfs\":",
    "\"diff_ids\":",
    "\"parent\":",
    "\"manifests\":",
    "\"mediaType\":",
    "\"digest\":",
    "\"size\":",
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
    "attestation-manifest",
    "\"os\":\"windows\"",
    "sha256:",
    "ustar"
  })
  void archive(byte[] input) {
    byte[] output = FuzzRun.flatten(input);
    if (output != null) {
      FuzzRun.check(output);
    }
    assertThat(FuzzRun.flatten(input, true))
        .as("from a stream (spooled) as from a file: the same bytes, or refused too")
        .isEqualTo(output);
  }
}
