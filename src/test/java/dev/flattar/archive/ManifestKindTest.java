package dev.flattar.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flattar.testing.TestJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an index entry points at, decided from the descriptor and the document alone. */
class ManifestKindTest {
  private static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // case | descriptor | document | kind
        "an OCI image|{}|{'config':{'mediaType':'"
            + IMAGE_CONFIG
            + "'},'layers':[{'mediaType':'"
            + LAYER
            + "'}]}|IMAGE",
        "a Docker schema 2 image|{'mediaType':'application/vnd.docker.distribution.manifest.v2+json'}"
            + "|{'config':{'mediaType':'application/vnd.docker.container.image.v1+json'},"
            + "'layers':[{'mediaType':'application/vnd.docker.image.rootfs.diff.tar.gzip'}]}|IMAGE",
        "an image without media types|{}|{'config':{},'layers':[{}]}|IMAGE",
        "an image of no layers|{}|{'config':{'mediaType':'"
            + IMAGE_CONFIG
            + "'},'layers':[]}|IMAGE",
        "an OCI index|{'mediaType':'application/vnd.oci.image.index.v1+json'}|{'manifests':[]}|INDEX",
        "a Docker manifest list|{'mediaType':'application/vnd.docker.distribution.manifest.list.v2+json'}"
            + "|{'manifests':[]}|INDEX",
        "an index without a media type|{}|{'manifests':[]}|INDEX",
        "a buildkit attestation|{'annotations':{'vnd.docker.reference.type':'attestation-manifest'}}"
            + "|{'config':{'mediaType':'"
            + IMAGE_CONFIG
            + "'},'layers':[{'mediaType':'application/vnd.in-toto+json'}]}"
            + "|ATTESTATION",
        "platform unknown/unknown|{'platform':{'os':'unknown','architecture':'unknown'}}"
            + "|{'config':{'mediaType':'"
            + IMAGE_CONFIG
            + "'},'layers':[]}|ATTESTATION",
        "an artifactType|{}|{'artifactType':'application/spdx+json','config':{'mediaType':"
            + "'application/vnd.oci.empty.v1+json'},'layers':[]}|ARTIFACT",
        "the empty config|{}|{'config':{'mediaType':'application/vnd.oci.empty.v1+json'},'layers':[]}"
            + "|ARTIFACT",
        "a Helm chart|{}|{'config':{'mediaType':'application/vnd.cncf.helm.config.v1+json'},'layers':"
            + "[{'mediaType':'application/vnd.cncf.helm.chart.content.v1.tar+gzip'}]}|ARTIFACT",
        "an image config over a signature layer|{}|{'config':{'mediaType':'"
            + IMAGE_CONFIG
            + "'},"
            + "'layers':[{'mediaType':'application/vnd.dev.cosign.simplesigning.v1+json'}]}|ARTIFACT",
        "the 1.1 draft's artifact manifest|{'mediaType':'application/vnd.oci.artifact.manifest.v1+json'}"
            + "|{'blobs':[]}|ARTIFACT",
        "neither manifest nor index|{}|{'something':'else'}|ARTIFACT",
      })
  void of_decidesFromDescriptorAndDocument(
      String rule, String descriptor, String document, ManifestKind kind) throws Exception {
    assertThat(ManifestKind.of(json(descriptor), json(document)).kind()).as(rule).isEqualTo(kind);
  }

  private static JsonNode json(String relaxed) throws Exception {
    return TestJson.MAPPER.readTree(relaxed.replace('\'', '"'));
  }
}
