package dev.flattar;

import dev.flattar.FlattenOptions.Option;
import dev.flattar.model.ImageReference;
import dev.flattar.model.OutputFormat;
import dev.flattar.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule about {@link FlattenOptions}, in one place: the values each option takes, and which
 * options go together. Messages name options through {@link InvalidOptionsException}, so the API
 * and the command line each say them their own way.
 */
final class OptionRules {
  private OptionRules() {}

  /**
   * The tags as Docker writes them: {@code name} becomes {@code name:latest}.
   *
   * @throws InvalidOptionsException for a tag Docker would not accept
   */
  static List<String> tags(List<String> given) {
    List<String> tags = new ArrayList<>();
    for (String tag : given) {
      tags.add(tag(tag));
    }
    return tags;
  }

  /**
   * Checks the options alone and together.
   *
   * @throws InvalidOptionsException for the first rule broken
   */
  static void check(FlattenOptions o) {
    if (o.keepBase() < 0) {
      throw invalid(Option.KEEP_BASE, "must be 0 or more, got " + o.keepBase());
    }
    if (o.maxLayers() != null && o.maxLayers() < 1) {
      throw invalid(Option.MAX_LAYERS, "must be 1 or more, got " + o.maxLayers());
    }
    if (o.threads() < 1) {
      throw invalid(Option.THREADS, "must be at least 1, got " + o.threads());
    }
    if (o.keepBase() > 0 && o.fromLayer() != null) {
      throw excludeEachOther(Option.KEEP_BASE, Option.FROM_LAYER);
    }
    if (o.allImages() && o.image() != null) {
      throw excludeEachOther(Option.ALL_IMAGES, Option.IMAGE);
    }
    if (o.rootfs()) {
      checkRootfs(o);
    }
    if (o.maxLayers() != null && !o.configEdits().isEmpty()) {
      throw new InvalidOptionsException(
          n ->
              n.apply(Option.MAX_LAYERS)
                  + " may copy the image unchanged, so it takes no "
                  + n.apply(Option.CONFIG),
          Option.MAX_LAYERS,
          Option.CONFIG);
    }
    ConfigEdits.changes(o.configEdits()); // each value, parsed
  }

  /**
   * The rules that relate options to where the output goes: --verify reads the written file (or
   * directory) back; a rootfs is a tar, never a layout directory.
   */
  static void checkOutput(FlattenOptions o, Output output) {
    if (o.rootfs() && output instanceof Output.DirectoryOutput) {
      throw new InvalidOptionsException(
          n -> n.apply(Option.ROOTFS) + " writes a tar, and a directory output is an OCI layout",
          Option.ROOTFS,
          Option.OUTPUT);
    }
    if (o.verify() && output instanceof Output.StreamOutput) {
      throw new InvalidOptionsException(
          n ->
              n.apply(Option.VERIFY)
                  + " reads the output back, so it needs "
                  + n.apply(Option.OUTPUT),
          Option.VERIFY,
          Option.OUTPUT);
    }
  }

  static Path defaultTempDir() {
    return Pipeline.defaultTempDir();
  }

  private static String tag(String tag) {
    ImageReference ref = ImageReference.parseWithDefaultTag(tag);
    if (ref == null) {
      throw new InvalidOptionsException(
          n -> "invalid tag '" + tag + "': expected name:tag with a lower-case name, e.g. app:1.0",
          Option.TAG);
    }
    return ref.toString();
  }

  /** A rootfs is one merged filesystem: nothing that names, chooses or keeps images. */
  private static void checkRootfs(FlattenOptions o) {
    List<Option> given = new ArrayList<>();
    if (o.format() != OutputFormat.AUTO && o.format() != OutputFormat.DOCKER) {
      given.add(Option.FORMAT);
    }
    if (!o.tags().isEmpty()) {
      given.add(Option.TAG);
    }
    if (o.keepBase() > 0) {
      given.add(Option.KEEP_BASE);
    }
    if (o.fromLayer() != null) {
      given.add(Option.FROM_LAYER);
    }
    if (o.allImages()) {
      given.add(Option.ALL_IMAGES);
    }
    if (!o.configEdits().isEmpty()) {
      given.add(Option.CONFIG);
    }
    if (given.isEmpty()) {
      return;
    }
    List<Option> named = new ArrayList<>(List.of(Option.ROOTFS));
    named.addAll(given);
    throw new InvalidOptionsException(
        n ->
            n.apply(Option.ROOTFS)
                + " writes one plain filesystem tar: it takes no "
                + String.join(", ", given.stream().map(n).toList()),
        named.toArray(Option[]::new));
  }

  private static InvalidOptionsException invalid(Option option, String problem) {
    return new InvalidOptionsException(n -> n.apply(option) + " " + problem, option);
  }

  private static InvalidOptionsException excludeEachOther(Option a, Option b) {
    return new InvalidOptionsException(
        n -> n.apply(a) + " and " + n.apply(b) + " exclude each other", a, b);
  }
}
