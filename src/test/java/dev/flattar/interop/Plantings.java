package dev.flattar.interop;

import dev.flattar.interop.Buildah.Layer;
import java.nio.file.Path;
import java.util.List;

/**
 * Differences planted in the engine images of {@code testdata/engine} with buildah and shell edits
 * in the mounted root ({@link Buildah#plant}), and what each edit must show up as.
 */
final class Plantings {
  /**
   * One planted image.
   *
   * @param original the engine archive it starts from ({@code testdata/engine/NAME})
   * @param format the transport it is pushed with: {@code docker-archive} or {@code oci-archive}
   * @param layers the layers added, each a script and config flags
   * @param planted what each edit must show up as, to flat-tar and to the engine alike
   * @param untouched paths an edit touched but left as they were in the original (no difference)
   */
  record Planting(
      String name,
      String original,
      String format,
      List<Layer> layers,
      List<Planted> planted,
      List<String> untouched) {

    Path originalArchive() {
      return Inputs.testdata().resolve("engine").resolve(original);
    }

    @Override
    public String toString() {
      return name + " (" + layers.size() + " layer(s) on " + original + ", " + format + ")";
    }
  }

  /** One edit as a difference from the original: its kind, path and the names of its fields. */
  record Planted(String kind, String path, List<String> fields) {}

  static Planted changed(String path, String... fields) {
    return new Planted("changed", path, List.of(fields));
  }

  static Planted added(String path) {
    return new Planted("added", path, List.of("type"));
  }

  static Planted removed(String path) {
    return new Planted("removed", path, List.of("type"));
  }

  static Planted config(String pointer) {
    return new Planted("config", pointer, List.of("value"));
  }

  static final Planting METADATA =
      new Planting(
          "metadata",
          "metadata.docker.tar",
          "docker-archive",
          List.of(
              new Layer(
                  """
                  t=$(stat -c %Y m/chmod-me)                  # content, same size, same time
                  printf 'different' > m/chmod-me && touch -d "@$t" m/chmod-me
                  printf 'longer content\\n' > m/touch-me     # content at another size
                  chmod 4750 m/multi                          # undone in layer 2
                  chmod 0750 m/dir-chmod
                  chown 1001:1002 m/chown-me
                  chown -h 7:8 m/sym-chown
                  touch -d @1650000000 m/frac
                  touch -d @1650000001 m/dir-touch
                  touch -h -d @1650000002 m/sym-touch
                  rm m/bigid
                  mkdir -p m/new/a/b && echo deep > m/new/a/b/file
                  """,
                  List.of("--label", "planted=yes", "--env", "PLANTED=1")),
              new Layer(
                  """
                  chmod 0640 m/multi                          # copied up again, as it was
                  rm -rf m/new/a/b                            # layer 1's directory deleted
                  mkdir m/new/a/b2 && echo moved > m/new/a/b2/file
                  """)),
          List.of(
              changed("m/chmod-me", "content"),
              changed("m/touch-me", "size", "content", "mtime"),
              changed("m/dir-chmod", "mode"),
              changed("m/chown-me", "owner"),
              changed("m/sym-chown", "owner"),
              changed("m/frac", "mtime"),
              changed("m/dir-touch", "mtime"),
              changed("m/sym-touch", "mtime"),
              changed("m", "mtime"),
              removed("m/bigid"),
              added("m/new"),
              added("m/new/a"),
              added("m/new/a/b2"),
              added("m/new/a/b2/file"),
              config("/config/Env"),
              config("/config/Labels/planted")),
          List.of("m/multi", "m/new/a/b", "m/new/a/b/file", "m/dir-chown"));

  static final Planting HARDLINKS =
      new Planting(
          "hardlinks",
          "hardlinks.docker.tar",
          "oci-archive",
          List.of(
              new Layer(
                  """
                  ln g1/data g1/data-link                     # a link added to a lone file
                  cp g2links/z t && mv t g2links/z            # a group broken: z its own file
                  ln f3/target f3/lc                          # overlayfs copies target up alone:
                                                              # la leaves the group, lc joins it
                  rm -rf l2                                   # a directory and its subtree, which
                                                              # held l1/link-a's other link
                  rm -rf g2 && mkdir g2 && echo new > g2/new  # opaque: a new g2 over the old
                  """)),
          List.of(
              changed("g1/data", "hard links"),
              added("g1/data-link"),
              changed("g2links/y", "hard links"),
              changed("g2links/z", "hard links", "mtime"),
              changed("f3/la", "hard links"),
              changed("f3/target", "hard links"),
              added("f3/lc"),
              changed("l1/link-a", "hard links"),
              removed("l2"),
              removed("l2/link-b"),
              changed("g2", "mtime"),
              removed("g2/file"),
              added("g2/new")),
          List.of("g2links/x", "f3/other", "l1"));

  static final Planting XATTRS =
      new Planting(
          "xattrs",
          "xattrs.docker.tar",
          "docker-archive",
          List.of(
              new Layer(
                  """
                  setfattr -n user.test -v other ufile        # changed
                  setfattr -n user.new -v 'fresh value' rawcap  # added
                  setfattr -x user.added plainfile            # removed
                  setfattr -n user.dirattr -v d3 xdir         # changed on a directory
                  setfattr -n user.bin -v 0x00ff10 xdir       # a value that is not text
                  setcap cap_net_raw+ep capfile               # security.capability changed
                  """)),
          List.of(
              changed("ufile", "SCHILY.xattr.user.test"),
              changed("rawcap", "SCHILY.xattr.user.new"),
              changed("plainfile", "SCHILY.xattr.user.added"),
              changed("xdir", "SCHILY.xattr.user.bin", "SCHILY.xattr.user.dirattr"),
              changed("capfile", "SCHILY.xattr.security.capability")),
          List.of());

  static final Planting TYPECHANGE =
      new Planting(
          "typechange",
          "typechange.docker.tar",
          "oci-archive",
          List.of(
              new Layer(
                  """
                  rm f2d && mkdir f2d && echo inner > f2d/inner   # a file becomes a directory
                  rm -rf s2d && echo nowfile > s2d            # a directory becomes a file
                  ln -sfn real/r f2s                          # a symlink retargeted
                  rm d2f && ln -s real d2f                    # a file becomes a symlink
                  rm -rf d2s && ln -s real d2s                # a directory becomes a symlink
                  mkdir real/sub && touch -d @1500000000 real/sub
                  """)),
          List.of(
              changed("f2d", "type", "mode", "size", "content", "mtime"),
              added("f2d/inner"),
              changed("s2d", "type", "mode", "size", "content", "mtime"),
              removed("s2d/x"),
              changed("f2s", "content", "mtime"),
              changed("d2f", "type", "mode", "size", "content", "mtime"),
              changed("d2s", "type", "mode", "content", "mtime"),
              removed("d2s/back"),
              changed("real", "mtime"),
              added("real/sub")),
          List.of("real/r", "s2f"));

  static final Planting SPECIAL =
      new Planting(
          "special",
          "special.docker.tar",
          "docker-archive",
          List.of(
              new Layer(
                  """
                  rm null && mknod -m 0600 null c 1 7         # device numbers
                  rm loop0 && mknod -m 0644 loop0 c 7 0       # block device becomes char device
                  rm sticky/newfifo                           # a FIFO becomes a file
                  echo file > sticky/newfifo && chmod 0600 sticky/newfifo
                  chmod 0777 sticky                           # sticky bit cleared
                  chmod 0644 allbits                          # setuid, setgid, sticky cleared
                  mkfifo -m 0640 newpipe
                  """)),
          List.of(
              changed("null", "content", "mtime"),
              changed("loop0", "type", "mtime"),
              changed("sticky/newfifo", "type", "size", "content", "mtime"),
              changed("sticky", "mode", "mtime"),
              changed("allbits", "mode"),
              added("newpipe")),
          List.of("dev/zero", "misc", "sgdir"));

  static final List<Planting> ALL = List.of(METADATA, HARDLINKS, XATTRS, TYPECHANGE, SPECIAL);

  private Plantings() {}
}
