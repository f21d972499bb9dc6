package dev.flattar.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header sum, eight bytes at a time, is the byte-by-byte sum with the field as spaces. */
class HeaderChecksumTest {
  /** The definition, one byte at a time. */
  private static long reference(byte[] block) {
    long sum = 0;
    for (int i = 0; i < block.length; i++) {
      sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xff;
    }
    return sum;
  }

  @ParameterizedTest(name = "every byte {0}")
  @ValueSource(ints = {0x00, 0x01, 0x20, 0x7f, 0x80, 0xfe, 0xff})
  void uniformBlocks_includingTheLargestSum(int value) {
    byte[] block = new byte[512];
    Arrays.fill(block, (byte) value);

    assertThat(HeaderChecksum.unsigned(block))
        .isEqualTo(reference(block))
        .isEqualTo(504L * value + 256);
  }

  @Test
  void randomBlocks_andOneByteAtEachPlace() {
    Random random = new Random(42);
    for (int n = 0; n < 2000; n++) {
      byte[] block = new byte[512];
      random.nextBytes(block);
      assertThat(HeaderChecksum.unsigned(block)).isEqualTo(reference(block));
    }
    for (int i = 0; i < 512; i++) {
      byte[] block = new byte[512];
      block[i] = (byte) 0xa5;
      assertThat(HeaderChecksum.unsigned(block)).as("byte %d", i).isEqualTo(reference(block));
    }
  }

  @Test
  void aWrittenHeader_matchesItsOwnChecksum_andAChangedByteDoesNot() {
    byte[] header = TarHeaderEncoder.member("dir/file.txt", 1234);
    assertThat(HeaderChecksum.matches(header)).isTrue();

    header[3] ^= 1;
    assertThat(HeaderChecksum.matches(header)).isFalse();
  }

  @Test
  void aLongerArray_isSummedOverItsFirstBlock() {
    byte[] block = new byte[512];
    new Random(7).nextBytes(block);
    byte[] longer = Arrays.copyOf(block, 1536);
    longer[512] = 1;
    longer[1535] = 2;

    assertThat(HeaderChecksum.unsigned(longer)).isEqualTo(reference(block));
  }

  @Test
  void onlyWholeBlocks() {
    assertThatThrownBy(() -> HeaderChecksum.unsigned(new byte[511]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a header block is 512 bytes, not 511");
  }
}
