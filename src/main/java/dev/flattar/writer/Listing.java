package dev.flattar.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * How a platform's image is listed in the image index of a multi-platform image: the source
 * descriptor's platform and annotations, and the source manifest's annotations, carried over.
 */
public record Listing(
    @Nullable JsonNode platform,
    @Nullable ObjectNode descriptorAnnotations,
    @Nullable ObjectNode manifestAnnotations) {}
