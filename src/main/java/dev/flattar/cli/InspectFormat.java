package dev.flattar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.InspectReport;
import dev.flattar.model.Json;
import dev.flattar.model.Texts;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Shows an {@link InspectReport} as a table or as JSON. */
final class InspectFormat {
  private InspectFormat() {}

  static void table(InspectReport report, PrintStream out) {
    for (InspectReport.Image image : report.images()) {
      out.printf(
          "image %s%s%s%n",
          image.id(),
          image.tags().isEmpty() ? " (untagged)" : " " + String.join(", ", image.tags()),
          image.platform() == null ? "" : " for " + image.platform());
      out.printf(
          "%5s  %-5s  %10s  %9s  %12s  %9s  %12s  %s%n",
          "layer", "comp.", "stored", "entries", "file bytes", "hidden", "hidden bytes", "member");
      for (InspectReport.Layer l : image.layers()) {
        out.printf(
            "%5d  %-5s  %10s  %,9d  %12s  %,9d  %12s  %s%s%n",
            l.position(),
            l.compression(),
            Texts.bytes(l.storedSize()),
            l.entries(),
            Texts.bytes(l.bytes()),
            l.hiddenEntries(),
            Texts.bytes(l.hiddenBytes()),
            l.member(),
            l.position() <= image.keptLayers() ? "  (kept)" : "");
      }
      out.printf(
          "flattened: %,d entries, a %s layer (%s of file data, %s of it hidden by later layers)%n%n",
          image.flattenedEntries(),
          Texts.bytes(image.flattenedLayerSize()),
          Texts.bytes(image.totalBytes()),
          Texts.bytes(image.hiddenBytes()));
    }
    for (InspectReport.Skipped s : report.skipped()) {
      out.printf("skipped %s (%s): %s%n", s.what(), s.where(), s.why());
    }
  }

  static void json(InspectReport report, PrintStream out) {
    ArrayNode images = Json.array();
    for (InspectReport.Image image : report.images()) {
      ObjectNode i = images.addObject();
      i.put("id", image.id().toString());
      ArrayNode tags = i.putArray("tags");
      image.tags().forEach(tags::add);
      if (image.platform() != null) {
        i.put("platform", image.platform());
      }
      i.put("keptLayers", image.keptLayers());
      ArrayNode layers = i.putArray("layers");
      for (InspectReport.Layer l : image.layers()) {
        ObjectNode o = layers.addObject();
        o.put("position", l.position());
        o.put("member", l.member());
        o.put("compression", l.compression());
        o.put("storedSize", l.storedSize());
        o.put("entries", l.entries());
        o.put("bytes", l.bytes());
        o.put("hiddenEntries", l.hiddenEntries());
        o.put("hiddenBytes", l.hiddenBytes());
      }
      i.put("flattenedEntries", image.flattenedEntries());
      i.put("flattenedLayerSize", image.flattenedLayerSize());
    }
    ObjectNode root = Json.object();
    root.set("images", images);
    ArrayNode skipped = root.putArray("skipped");
    for (InspectReport.Skipped s : report.skipped()) {
      ObjectNode o = skipped.addObject();
      o.put("kind", s.kind());
      o.put("what", s.what());
      o.put("where", s.where());
      o.put("why", s.why());
    }
    out.println(new String(Json.write(root), StandardCharsets.UTF_8));
  }
}
