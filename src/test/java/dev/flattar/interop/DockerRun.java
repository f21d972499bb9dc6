package dev.flattar.interop;

/**
 * What a running container of an image sees. {@link #listing} mounts the static busybox into a
 * container (images of other engines have no shell) and lists, as root, every path of the
 * container's own filesystem with its type, mode, owner, size, link target and device numbers, then
 * the sha256 of every regular file; {@link #command} runs the image's own command.
 */
final class DockerRun {
  static final String BUSYBOX = "/.flattar/busybox";

  /** Run in the container; the files Docker mounts (hosts, hostname, ...) are the same for all. */
  static final String LISTING =
      "b="
          + BUSYBOX
          + "; cd / && "
          + "$b find / -xdev -path /.flattar -prune -o"
          + " -exec $b stat -c '%n|%F|%a|%u|%g|%s|%N|%t,%T' {} + | $b sort && "
          + "$b find / -xdev -path /.flattar -prune -o -type f -exec $b sha256sum {} + | $b sort";

  private DockerRun() {}

  /** {@code docker run --rm --network none} of {@link #LISTING}; fails unless it exits 0. */
  static String listing(Docker docker, String image) {
    return docker
        .docker(
            "run",
            "--rm",
            "--network",
            "none",
            "--hostname",
            "flattar",
            "--user",
            "0:0",
            "--volume",
            docker.busybox + ":" + BUSYBOX + ":ro",
            "--entrypoint",
            BUSYBOX,
            image,
            "sh",
            "-c",
            LISTING)
        .orFail()
        .stdout();
  }

  /** {@code docker run --rm --network none IMAGE}: the image's own entrypoint and command. */
  static Cmd.Result command(Docker docker, String image) {
    return docker.docker("run", "--rm", "--network", "none", "--hostname", "flattar", image);
  }
}
