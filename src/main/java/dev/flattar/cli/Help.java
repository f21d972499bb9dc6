package dev.flattar.cli;

import java.io.PrintStream;

/** The --help text: every option, examples, exit statuses. */
final class Help {
  private Help() {}

  static void print(PrintStream out) {
    out.print(
        """
        Usage: flat-tar [OPTIONS] [INPUT]
               flat-tar inspect [OPTIONS] [INPUT]

        Flattens a docker-save archive into an image with a single layer (or a kept base plus
        one): same filesystem (whiteouts applied, hard links, xattrs, modes and owners kept),
        same config, same names. Works offline, without a Docker daemon. The output is the
        same bytes for the same input.

        INPUT is an image archive (docker save, podman save, skopeo, crane, kaniko, jib, Bazel,
        OCI layout; plain or gzip/bzip2/xz/zstd-compressed). Without INPUT, or with -, it is
        read from standard input. @FILE anywhere reads more arguments from FILE, one per line.

        Output:
          -o, --output FILE      write to FILE (default: standard output). FILE appears only
                                 when complete; on failure an existing FILE is untouched.
              --in-place         replace INPUT with the result, atomically
              --format FORMAT    docker (default: manifest.json), oci (an OCI image layout) or
                                 both (docker save 25+ style: both over the same blobs)
              --compress C       compress the new layer: none (default), gzip[:1-9] or
                                 zstd[:1-19]; the diff_id stays the uncompressed digest
              --rootfs           write only the merged filesystem, as a plain tar
              --verify           read the written file back and check configs, digests and
                                 every member of the new layer against the plan (needs -o)
          -t, --tag NAME:TAG     name the output image (repeatable); without -t the input's
                                 names are kept. A name without a tag means NAME:latest.

        Which images and layers:
              --image REF        the image to flatten when the archive holds several: a tag
                                 (busybox, busybox:1.36) or an image id prefix (sha256:ab12)
              --all-images       flatten every image of the archive, keeping their names
              --keep-base N      keep the bottom N layers unchanged and flatten the rest onto
                                 them (whiteouts for what the rest deleted from them)
              --from-layer L     keep the layers up to and including L: a diff_id (or a prefix
                                 of 4+ hex digits) or a 1-based position
              --max-layers N     if the image has at most N layers, copy the archive
                                 unchanged (exit status 0; says so on stderr)

        Reproducible builds (the output never depends on the clock):
              --created TIME     set the config's created time and the new history entry's;
                                 SOURCE_DATE_EPOCH does the same when --created is not given
              --clamp-mtime TIME give entries newer than TIME that time
                                 TIME is RFC 3339 (2024-01-31T12:00:00Z) or epoch seconds (@1706702400)

        Inspect (reads layer headers only; writes nothing):
              inspect, --dry-run per layer: entries, bytes, what later layers hide; the size of
                                 the flattened layer
              --json             the same as JSON on standard output

        Messages:
          -v, --verbose          explain each step and each merge decision; stack traces on errors
          -q, --quiet            print nothing but errors
          -h, --help             show this help
              --version          show the version

        Examples:
          docker save app:1.0 | flat-tar > app-flat.tar
          flat-tar -o app-flat.tar -t app:flat app.tar
          flat-tar --keep-base 2 --format both --compress zstd -o app-flat.tar app.tar
          flat-tar --rootfs --compress gzip -o rootfs.tar.gz app.tar
          flat-tar inspect --json app.tar
          SOURCE_DATE_EPOCH=0 flat-tar --clamp-mtime @0 -o app-flat.tar app.tar

        Exit status: 0 success, 1 failure (bad input, I/O error; nothing is written),
        2 usage error.
        """);
  }
}
