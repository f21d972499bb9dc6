package dev.flattar.testing;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * An {@code ObjectMapper} for tests (building documents, reading outputs, binding values), set up
 * the way flat-tar reads JSON: exact decimals, trailing tokens refused, nesting to 200. flat-tar
 * itself uses the streaming parser ({@code dev.flattar.model.Json}); JsonTest checks the two agree.
 */
public final class TestJson {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
  }

  private TestJson() {}
}
