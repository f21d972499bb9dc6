package dev.flattar.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerCursorTest {
  private final List<Integer> opened = new ArrayList<>();

  private InputStream open(int layer) {
    opened.add(layer);
    byte[] bytes = new byte[100];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (layer * 100 + i);
    }
    return new ByteArrayInputStream(bytes);
  }

  @Test
  void forwardSeeksReuseTheOpenLayer_backwardOrOtherLayersOpenAgain() throws IOException {
    try (LayerCursor cursor = new LayerCursor(this::open)) {
      assertThat(cursor.at(0, 10, "a").read()).isEqualTo(10);
      cursor.advanced(1);
      assertThat(cursor.at(0, 50, "b").read()).isEqualTo(50);
      cursor.advanced(1);
      assertThat(cursor.at(0, 20, "c").read()).as("back: opened again").isEqualTo(20);
      cursor.advanced(1);
      assertThat(cursor.at(1, 5, "d").read()).isEqualTo((byte) 105);
    }
    assertThat(opened).containsExactly(0, 0, 1);
  }

  @Test
  void aLayerEndingBeforeTheOffsetNamesTheLayerTheMemberAndTheBytes() {
    LayerCursor cursor = new LayerCursor(this::open);
    assertThatThrownBy(() -> cursor.at(2, 150, "etc/passwd"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "layer 3 ended at byte 100, before the data of 'etc/passwd' at byte 150: the input"
                + " changed after it was checked");
  }
}
