package dev.flattar.model;

/** The media types of the OCI image spec (and Docker's) that flat-tar reads and writes. */
public final class MediaTypes {
  private MediaTypes() {}

  /** An uncompressed layer; {@code +gzip} and {@code +zstd} name the compressed ones. */
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

  public static final String OCI_LAYER_GZIP = OCI_LAYER + "+gzip";
  public static final String OCI_LAYER_ZSTD = OCI_LAYER + "+zstd";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** The empty config of artifacts: {@code {}}. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  /** The artifact manifest of the image spec's 1.1 release candidates. */
  public static final String OCI_ARTIFACT_MANIFEST =
      "application/vnd.oci.artifact.manifest.v1+json";

  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
}
