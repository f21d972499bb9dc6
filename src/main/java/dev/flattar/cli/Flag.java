package dev.flattar.cli;

import dev.flattar.ConfigEdit;
import dev.flattar.FlattenOptions.Option;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every option of the command line, named once: its spellings, its value, whether it may be
 * repeated, the API option it sets (so API messages can be told in the command line's words), and
 * its lines in {@code --help}.
 */
@SuppressWarnings("ImmutableEnumChecker") // help is List.of(...): unmodifiable
enum Flag {
  OUTPUT(
      Group.OUTPUT,
      "o",
      "output",
      "FILE",
      Option.OUTPUT,
      "write to FILE (default: standard output). FILE appears only",
      "when complete; on failure an existing FILE is untouched.",
      "FILE ending in / is an OCI image layout directory (DIR/)"),
  IN_PLACE(Group.OUTPUT, null, "in-place", null, null, "replace INPUT with the result, atomically"),
  REPLACE(
      Group.OUTPUT,
      null,
      "replace",
      null,
      null,
      "with -o DIR/: replace an existing DIR once the new one is complete"),
  FORMAT(
      Group.OUTPUT,
      null,
      "format",
      "FORMAT",
      Option.FORMAT,
      "docker (manifest.json), oci (an OCI image layout) or both",
      "(docker save 25+ style: both over the same blobs); default auto:",
      "docker, or both when an image keeps several platforms"),
  COMPRESS(
      Group.OUTPUT,
      null,
      "compress",
      "C",
      Option.COMPRESSION,
      "compress the new layer: none (default), gzip[:1-9] or",
      "zstd[:1-19]; the diff_id stays the uncompressed digest"),
  ROOTFS(
      Group.OUTPUT,
      null,
      "rootfs",
      null,
      Option.ROOTFS,
      "write only the merged filesystem, as a plain tar"),
  VERIFY(
      Group.OUTPUT,
      null,
      "verify",
      null,
      Option.VERIFY,
      "read the written file back and check configs, digests and",
      "every member of the new layer against the plan (needs -o)"),
  TAG(
      Group.OUTPUT,
      "t",
      "tag",
      "NAME:TAG",
      Option.TAG,
      "name the output image (repeatable); without -t the input's",
      "names are kept. A name without a tag means NAME:latest."),
  IMAGE(
      Group.SELECTION,
      null,
      "image",
      "REF",
      Option.IMAGE,
      "the image to flatten when the archive holds several: a tag",
      "(busybox, busybox:1.36) or an image id prefix (sha256:ab12)"),
  PLATFORM(
      Group.SELECTION,
      null,
      "platform",
      "OS/ARCH[/V]",
      Option.PLATFORM,
      "flatten only this platform of a multi-platform image",
      "(repeatable; linux/arm64 matches linux/arm64/v8)"),
  ALL_IMAGES(
      Group.SELECTION,
      null,
      "all-images",
      null,
      Option.ALL_IMAGES,
      "flatten every image of the archive, keeping their names"),
  KEEP_BASE(
      Group.SELECTION,
      null,
      "keep-base",
      "N",
      Option.KEEP_BASE,
      "keep the bottom N layers unchanged and flatten the rest onto",
      "them (whiteouts for what the rest deleted from them)"),
  FROM_LAYER(
      Group.SELECTION,
      null,
      "from-layer",
      "L",
      Option.FROM_LAYER,
      "keep the layers up to and including L: a diff_id (or a prefix",
      "of 4+ hex digits) or a 1-based position"),
  MAX_LAYERS(
      Group.SELECTION,
      null,
      "max-layers",
      "N",
      Option.MAX_LAYERS,
      "if the image has at most N layers, copy the archive",
      "unchanged (exit status 0; says so on stderr)"),
  CREATED(
      Group.REPRODUCIBLE,
      null,
      "created",
      "TIME",
      Option.CREATED,
      "set the config's created time and the new history entry's;",
      "SOURCE_DATE_EPOCH does the same when --created is not given"),
  CLAMP_MTIME(
      Group.REPRODUCIBLE,
      null,
      "clamp-mtime",
      "TIME",
      Option.CLAMP_MTIME,
      "give entries newer than TIME that time",
      "TIME is RFC 3339 (2024-01-31T12:00:00Z) or epoch seconds (@1706702400)"),
  LABEL(ConfigEdit.Kind.LABEL, "label", "K=V", "set a label"),
  ENV(ConfigEdit.Kind.ENV, "env", "K=V", "set an environment variable"),
  ENTRYPOINT(
      ConfigEdit.Kind.ENTRYPOINT,
      "entrypoint",
      "CMD",
      "set the entrypoint: a JSON array, or a command line run with /bin/sh -c"),
  CMD(ConfigEdit.Kind.CMD, "cmd", "CMD", "set the command, the same way"),
  USER(ConfigEdit.Kind.USER, "user", "USER", "set the user (name or uid, with :group)"),
  WORKDIR(ConfigEdit.Kind.WORKDIR, "workdir", "DIR", "set the working directory"),
  EXPOSE(ConfigEdit.Kind.EXPOSE, "expose", "PORT[/P]", "expose a port (tcp unless /udp, /sctp)"),
  VOLUME(ConfigEdit.Kind.VOLUME, "volume", "PATH", "declare a volume"),
  STOP_SIGNAL(ConfigEdit.Kind.STOP_SIGNAL, "stop-signal", "SIG", "set the stop signal"),
  UNSET_LABEL(ConfigEdit.Kind.UNSET_LABEL, "unset-label", "K", "remove a label"),
  UNSET_ENV(ConfigEdit.Kind.UNSET_ENV, "unset-env", "K", "remove an environment variable"),
  CHANGE(
      ConfigEdit.Kind.CHANGE,
      "change",
      "INSTR",
      "apply a Dockerfile instruction as docker import --change does:",
      "CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ONBUILD,",
      "STOPSIGNAL, USER, VOLUME, WORKDIR; all of these repeatable,",
      "applied in order"),
  IMAGE_A(Group.DIFF, null, "image-a", "REF", null, "with diff: the image of A (--image: of both)"),
  IMAGE_B(Group.DIFF, null, "image-b", "REF", null, "with diff: the image of B"),
  PLATFORM_A(
      Group.DIFF,
      null,
      "platform-a",
      "OS/ARCH[/V]",
      null,
      "with diff: the platform of A (--platform: of both)"),
  PLATFORM_B(Group.DIFF, null, "platform-b", "OS/ARCH[/V]", null, "with diff: the platform of B"),
  IGNORE_MTIME(Group.DIFF, null, "ignore-mtime", null, null, "with diff: leave mtimes out"),
  CONFIG_ALL(
      Group.DIFF,
      null,
      "config-all",
      null,
      null,
      "with diff: compare the config's rootfs, history and created too"),
  DRY_RUN(
      Group.INSPECT,
      null,
      "dry-run",
      null,
      null,
      "per layer: entries, bytes, what later layers hide; the size of",
      "the flattened layer"),
  JSON(Group.INSPECT, null, "json", null, null, "the same as JSON on standard output (also diff)"),
  VERBOSE(
      Group.MESSAGES,
      "v",
      "verbose",
      null,
      null,
      "explain each step and each merge decision; stack traces on errors"),
  QUIET(Group.MESSAGES, "q", "quiet", null, null, "print nothing but errors"),
  HELP(Group.MESSAGES, "h", "help", null, null, "show this help"),
  VERSION(Group.MESSAGES, null, "version", null, null, "show the version");

  /** The headings of {@code --help}, in order. */
  enum Group {
    OUTPUT("Output:"),
    SELECTION("Which images and layers:"),
    REPRODUCIBLE("Reproducible builds (the output never depends on the clock):"),
    CONFIG("Changing the image config (as docker commit --change does):"),
    INSPECT("Inspect (reads layer headers only; writes nothing):"),
    DIFF("Diff (flat-tar diff A B: same filesystem and config? exit 0 yes, 1 no, 2 trouble):"),
    MESSAGES("Messages:");

    final String heading;

    Group(String heading) {
      this.heading = heading;
    }
  }

  final Group group;
  final @Nullable String shortName;
  final String longName;
  final @Nullable String value;
  final @Nullable Option option;
  final ConfigEdit.@Nullable Kind edit;
  final List<String> help;

  /** A flag that changes the image config. */
  Flag(ConfigEdit.Kind edit, String longName, String value, String... help) {
    this.group = Group.CONFIG;
    this.shortName = null;
    this.longName = longName;
    this.value = value;
    this.option = Option.CONFIG;
    this.edit = edit;
    this.help = List.of(help);
  }

  Flag(
      Group group,
      @Nullable String shortName,
      String longName,
      @Nullable String value,
      @Nullable Option option,
      String... help) {
    this.group = group;
    this.shortName = shortName;
    this.longName = longName;
    this.value = value;
    this.option = option;
    this.edit = null;
    this.help = List.of(help);
  }

  /** The spellings jopt-simple accepts, short first. */
  List<String> spellings() {
    return shortName == null ? List.of(longName) : List.of(shortName, longName);
  }

  boolean takesValue() {
    return value != null;
  }

  /** Options that are not lists: given twice, the second would silently win. */
  boolean once() {
    return takesValue() && this != TAG && this != PLATFORM && edit == null;
  }

  /** How messages name it: {@code --keep-base}. */
  String display() {
    return "--" + longName;
  }

  /** How the command line names an API option in messages. */
  static String nameOf(Option option) {
    if (option == Option.OUTPUT) {
      return "-o FILE";
    }
    if (option == Option.CONFIG) {
      return "config changes (--label, --env, --change, ...)";
    }
    for (Flag f : values()) {
      if (f.option == option) {
        return f.display();
      }
    }
    return option.apiName();
  }
}
