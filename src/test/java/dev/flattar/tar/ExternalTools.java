package dev.flattar.tar;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs GNU tar and Python's tarfile in a temp dir, with a fixed locale and time zone. */
final class ExternalTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExternalTools() {}

  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, UTF_8);
    }
  }

  /** Runs a command in {@code dir}; the exit status is the caller's to check. */
  static Result exec(Path dir, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().put("TZ", "UTC");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      // A guard against a hung tool, not a timing assumption: real runs take milliseconds.
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("hung: " + command);
      }
      return new Result(p.exitValue(), out.join(), new String(err.join(), UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Runs a command and requires exit status 0. */
  static byte[] run(Path dir, String... command) {
    Result r = exec(dir, List.of(command));
    if (r.exit() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + r.exit() + ": " + r.stderr());
    }
    return r.stdout();
  }

  static byte[] tar(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(args));
    return run(dir, command.toArray(String[]::new));
  }

  /** Runs a Python 3 script with arguments; returns its stdout. */
  static byte[] python(Path dir, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    return run(dir, command.toArray(String[]::new));
  }

  static JsonNode pythonJson(Path dir, String script, String... args) {
    try {
      return JSON.readTree(python(dir, script, args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Python's tarfile reading of an archive: one object per member, byte strings as hex (names are
   * decoded with surrogateescape, so re-encoding gives the stored bytes), numbers as numbers, the
   * PAX mtime text when there is one.
   */
  static JsonNode pythonRead(Path archive) {
    return pythonJson(archive.getParent(), PY_READ, archive.toString());
  }

  private static final String PY_READ =
      """
      import json, sys, tarfile
      h = lambda s: s.encode('utf-8', 'surrogateescape').hex()
      out = []
      with tarfile.open(sys.argv[1], encoding='utf-8', errors='surrogateescape') as t:
          for m in t.getmembers():
              out.append(dict(
                  name=h(m.name), type=m.type.decode('latin-1'), mode=m.mode,
                  uid=m.uid, gid=m.gid, uname=h(m.uname), gname=h(m.gname),
                  mtime=m.pax_headers.get('mtime', str(int(m.mtime))),
                  linkname=h(m.linkname), devmajor=m.devmajor, devminor=m.devminor,
                  size=m.size, pax={k: h(v) for k, v in m.pax_headers.items()},
                  data=t.extractfile(m).read().hex() if m.isreg() else None))
      print(json.dumps(out))
      """;

  /**
   * lstat of each path (carrier strings, relative to {@code dir}) as Python sees it: mode, ids,
   * mtime in ns, size, device numbers, link target, content and xattrs (hex).
   */
  static JsonNode pythonStat(Path dir, List<String> paths) {
    List<String> args = new ArrayList<>();
    for (String p : paths) {
      args.add(hex(p));
    }
    return pythonJson(dir, PY_STAT, args.toArray(String[]::new));
  }

  private static final String PY_STAT =
      """
      import json, os, stat, sys
      out = []
      for a in sys.argv[1:]:
          p = bytes.fromhex(a)
          s = os.lstat(p)
          x = {k.decode('latin-1'): os.getxattr(p, k, follow_symlinks=False).hex()
               for k in map(os.fsencode, os.listxattr(p, follow_symlinks=False))}
          out.append(dict(
              mode=stat.S_IMODE(s.st_mode), fmt=stat.S_IFMT(s.st_mode), uid=s.st_uid,
              gid=s.st_gid, mtime_ns=str(s.st_mtime_ns), size=s.st_size, ino=s.st_ino,
              major=os.major(s.st_rdev), minor=os.minor(s.st_rdev),
              link=os.readlink(p).hex() if stat.S_ISLNK(s.st_mode) else None,
              data=open(p, 'rb').read().hex() if stat.S_ISREG(s.st_mode) else None,
              xattrs=x))
      print(json.dumps(out))
      """;

  static String hex(String carrier) {
    return HexFormat.of().formatHex(carrier.getBytes(ISO_8859_1));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Carrier string from hex. */
  static String unhex(String hex) {
    return new String(HexFormat.of().parseHex(hex), ISO_8859_1);
  }

  /** Whether user.* xattrs can be set in {@code dir} (some filesystems refuse them). */
  static boolean userXattrsWork(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, "xattr-probe", "");
    try {
      var view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
      if (view == null) {
        return false;
      }
      view.write("probe", ByteBuffer.wrap(new byte[] {1}));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      Files.delete(probe);
    }
  }

  /** Whether the tests run as root (needed for chown to arbitrary ids, mknod, security.*). */
  static boolean isRoot(Path dir) throws IOException {
    return ((Number) Files.getAttribute(dir, "unix:uid")).intValue() == 0;
  }
}
