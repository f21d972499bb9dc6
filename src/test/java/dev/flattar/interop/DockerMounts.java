package dev.flattar.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a stopped dockerd can leave mounted under its directory (overlay roots of containers it did
 * not clean up, its exec root's shm and netns mounts): found in /proc/self/mountinfo and unmounted
 * deepest first, so the directory can be removed.
 */
final class DockerMounts {
  private DockerMounts() {}

  static void unmountUnder(Path dir) {
    for (String mount : under(dir)) {
      Cmd.Result r = Cmd.run(List.of("umount", "--lazy", mount));
      System.err.println(
          "DockerDaemon: left mounted: " + mount + (r.ok() ? ", unmounted" : ": " + r.describe()));
    }
  }

  /** Mount points at or below {@code dir}, deepest first. */
  static List<String> under(Path dir) {
    String prefix = dir.toAbsolutePath().normalize().toString();
    List<String> out = new ArrayList<>();
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
        // Field 5 is the mount point, with space, tab, newline and backslash as octal escapes.
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          String point = unescape(fields[4]);
          if (point.equals(prefix) || point.startsWith(prefix + "/")) {
            out.add(point);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/mountinfo", e);
    }
    out.sort(Comparator.comparingInt(String::length).reversed());
    return out;
  }

  static String unescape(String field) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
