package dev.flattar.cli;

import java.io.PrintStream;

/** The --help text: every option ({@link Flag}), examples, exit statuses. */
final class Help {
  /** Where descriptions start. */
  private static final int COLUMN = 25;

  private Help() {}

  static void print(PrintStream out) {
    out.print(
        """
        Usage: flat-tar [OPTIONS] [INPUT]
               flat-tar inspect [OPTIONS] [INPUT]
               flat-tar diff [OPTIONS] A B

        Flattens a docker-save archive into an image with a single layer (or a kept base plus
        one): same filesystem (whiteouts applied, hard links, xattrs, modes and owners kept),
        same config, same names. Works offline, without a Docker daemon. The output is the
        same bytes for the same input.

        INPUT is an image archive (docker save, podman save, skopeo, crane, kaniko, jib, Bazel,
        OCI layout; plain or gzip/bzip2/xz/zstd-compressed) or an OCI image layout directory.
        Without INPUT, or with -, it is read from standard input. @FILE anywhere reads more
        arguments from FILE, one per line. After a flatten, one line on stderr says what
        became of each image (layers before and after, sizes, bytes hidden by later layers).
        """);
    for (Flag.Group group : Flag.Group.values()) {
      out.println();
      out.println(group.heading);
      for (Flag flag : Flag.values()) {
        if (flag.group == group) {
          print(flag, out);
        }
      }
    }
    out.print(
        """

        Examples:
          docker save app:1.0 | flat-tar > app-flat.tar
          flat-tar -o app-flat.tar -t app:flat app.tar
          flat-tar --keep-base 2 --format both --compress zstd -o app-flat.tar app.tar
          flat-tar --rootfs --compress gzip -o rootfs.tar.gz app.tar
          flat-tar --platform linux/arm64 -o app-arm64.tar multi-platform.tar
          flat-tar -o app-flat/ app-layout/
          flat-tar --label build=42 --env MODE=prod --change 'CMD ["serve"]' -o app-flat.tar app.tar
          flat-tar inspect --json app.tar
          flat-tar diff app.tar app-flat.tar
          SOURCE_DATE_EPOCH=0 flat-tar --clamp-mtime @0 -o app-flat.tar app.tar

        Exit status: 0 success, 1 failure (bad input, I/O error; nothing is written),
        2 usage error. diff: 0 the same, 1 different, 2 usage error or unreadable input.
        """);
  }

  /** {@code " -o, --output FILE write to FILE..."}, descriptions wrapped as written. */
  private static void print(Flag flag, PrintStream out) {
    String label =
        flag == Flag.DRY_RUN
            ? "inspect, " + flag.display()
            : flag.display() + (flag.value == null ? "" : " " + flag.value);
    String left = "  " + (flag.shortName == null ? "    " : "-" + flag.shortName + ", ") + label;
    for (int i = 0; i < flag.help.size(); i++) {
      String start = i == 0 ? left : "";
      out.println(start + " ".repeat(Math.max(1, COLUMN - start.length())) + flag.help.get(i));
    }
  }
}
