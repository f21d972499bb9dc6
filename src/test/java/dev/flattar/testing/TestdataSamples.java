package dev.flattar.testing;

import static dev.flattar.testing.Member.charDevice;
import static dev.flattar.testing.Member.dir;
import static dev.flattar.testing.Member.file;
import static dev.flattar.testing.Member.hardlink;
import static dev.flattar.testing.Member.opaque;
import static dev.flattar.testing.Member.symlink;
import static dev.flattar.testing.Member.whiteout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample archives in {@code testdata/} that README uses. Regenerate with
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test
 *     -Dexec.mainClass=dev.flattar.testing.TestdataSamples -Dexec.args=testdata</pre>
 *
 * ({@code TestdataSamplesTest} fails if the committed files differ from what this writes).
 */
public final class TestdataSamples {
  private TestdataSamples() {}

  /** A small "app" image: base files, a package install, a cleanup, a config change. */
  static final List<byte[]> APP =
      List.of(
          Layers.tar(
              dir("bin"),
              file("bin/busybox", "#!busybox\n").mode(0755),
              hardlink("bin/sh", "bin/busybox"),
              hardlink("bin/ls", "bin/busybox"),
              dir("etc"),
              file("etc/os-release", "ID=sample\nVERSION=1\n"),
              dir("dev"),
              charDevice("dev/null", 1, 3),
              dir("tmp").mode(01777),
              symlink("lib64", "/lib")),
          Layers.tar(
              dir("var"),
              dir("var/cache"),
              dir("var/cache/apk"),
              file("var/cache/apk/index", "x".repeat(2000)),
              dir("usr"),
              dir("usr/bin"),
              file("usr/bin/app", "#!/bin/sh\necho app 1\n").mode(0755),
              file("usr/bin/ping", "ping")
                  .mode(04755)
                  .xattr(
                      "security.capability",
                      new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})),
          Layers.tar(dir("var/cache"), opaque("var/cache"), whiteout("bin/busybox")),
          Layers.tar(
              dir("usr/bin"),
              file("usr/bin/app", "#!/bin/sh\necho app 2\n").mode(0755),
              dir("etc"),
              file("etc/app.conf", "debug=false\n")));

  /** File name → archive bytes. */
  public static Map<String, byte[]> all() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "sample-docker.tar",
        Archives.build(Archives.Layout.DOCKER, ImageSpec.of(APP).tags("sample/app:1.0")));
    files.put(
        "sample-oci.tar",
        Archives.build(Archives.Layout.CONTAINERD, ImageSpec.of(APP).tags("sample/app:1.0")));
    return files;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "testdata");
    for (Map.Entry<String, byte[]> f : all().entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
    }
  }
}
