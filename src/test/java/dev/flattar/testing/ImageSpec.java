package dev.flattar.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.model.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An image to put in a test archive: uncompressed layer tars, tags, and config tweaks. */
public final class ImageSpec {
  final List<byte[]> layers;
  final List<String> tags = new ArrayList<>();
  private final List<Consumer<ObjectNode>> configEdits = new ArrayList<>();

  private ImageSpec(List<byte[]> layers) {
    this.layers = List.copyOf(layers);
  }

  public static ImageSpec of(byte[]... layers) {
    return new ImageSpec(List.of(layers));
  }

  public static ImageSpec of(List<byte[]> layers) {
    return new ImageSpec(layers);
  }

  public ImageSpec tags(String... names) {
    tags.addAll(List.of(names));
    return this;
  }

  /** Changes the generated config (after rootfs and history are filled in). */
  public ImageSpec config(Consumer<ObjectNode> edit) {
    configEdits.add(edit);
    return this;
  }

  public List<byte[]> layers() {
    return layers;
  }

  /** The config: a typical Docker one, fields in Docker's order, with real diff_ids. */
  ObjectNode config() {
    ObjectNode c = TestJson.MAPPER.createObjectNode();
    c.put("architecture", "amd64");
    ObjectNode cfg = c.putObject("config");
    cfg.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    cfg.putArray("Cmd").add("/bin/sh");
    cfg.put("WorkingDir", "/");
    cfg.putObject("Labels").put("org.example.test", "yes");
    c.put("created", "2021-02-03T04:05:06.789Z");
    ArrayNode history = c.putArray("history");
    for (int i = 0; i < layers.size(); i++) {
      ObjectNode h = history.addObject();
      h.put("created", "2021-02-03T04:05:06.789Z");
      h.put("created_by", "/bin/sh -c step " + (i + 1));
    }
    c.put("os", "linux");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    layers.forEach(l -> ids.add(Digest.of(l).toString()));
    c.put("x-unknown-field", "kept as is");
    configEdits.forEach(e -> e.accept(c));
    return c;
  }
}
