package dev.flattar.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact header table gives back every member exactly as it was added. */
class EntryTableTest {
  @Test
  void everyKindOfMember_comesBackEqual() {
    List<TarEntry> members =
        List.of(
            TarEntry.builder("./", EntryType.DIRECTORY).mode(0755).mtime(1, 0).build(),
            TarEntry.builder("etc/passwd", EntryType.FILE)
                .mode(0644)
                .owner(0, 0, "root", "root")
                .mtime(1_700_000_000L, 123_456_789)
                .data(1234, 5120, 1234)
                .build(),
            TarEntry.builder("bin/sh", EntryType.SYMLINK).linkName("dash").mode(0777).build(),
            TarEntry.builder("bin/sh2", EntryType.HARDLINK).linkName("bin/dash").build(),
            TarEntry.builder("dev/null", EntryType.CHAR_DEVICE).device(1, 3).mode(0666).build(),
            TarEntry.builder("big/uid", EntryType.FILE)
                .owner(1L << 40, 7, "someone", "")
                .mtime(-5, 0)
                .build(),
            TarEntry.builder("sparse", EntryType.FILE)
                .data(1 << 20, 9216, 1024)
                .sparse(new SparseMap(List.of(new SparseMap.Segment(4096, 1024))))
                .build(),
            TarEntry.builder("cap", EntryType.FILE)
                .extraPax(
                    List.of(new PaxRecord("SCHILY.xattr.security.capability", "\u0001\u0002")))
                .build(),
            TarEntry.builder("", EntryType.FILE).build(),
            TarEntry.builder("unaligned", EntryType.FILE).data(10, 1000, 10).build(),
            TarEntry.builder("far", EntryType.FILE).data(10, 1L << 45, 10).build(),
            TarEntry.builder("\u00ff\u0080 non-utf8", EntryType.FIFO).build());
    EntryTable table = new EntryTable();
    members.forEach(table::append);
    table.seal();

    assertThat(table).containsExactlyElementsOf(members);
    for (int i = 0; i < members.size(); i++) {
      assertThat(table.name(i)).isEqualTo(members.get(i).name());
      assertThat(table.linkName(i)).isEqualTo(members.get(i).linkName());
      assertThat(table.type(i)).isEqualTo(members.get(i).type());
    }
  }

  @Test
  void manyMembers_andLongNames_acrossChunks() {
    List<TarEntry> members = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // names of up to 60 KiB every few hundred members: chunks of names fill up unevenly
      String name = i % 500 == 7 ? "d/" + "x".repeat(60_000) + i : "dir" + i % 97 + "/f" + i;
      String link = i % 3 == 0 ? "" : i % 700 == 8 ? "t".repeat(65_000) : "target" + i;
      members.add(
          TarEntry.builder(name, i % 3 == 0 ? EntryType.FILE : EntryType.SYMLINK)
              .linkName(link)
              .owner(i % 5, i % 7, "u" + i % 5, "g")
              .mode(i & 07777)
              .mtime(i, i < 5000 ? 0 : i % 11)
              .data(i % 3 == 0 ? i : 0, 512L * i, i % 3 == 0 ? i : 0)
              .build());
    }
    EntryTable table = new EntryTable();
    members.forEach(table::append);
    table.seal();

    assertThat(table).hasSize(members.size()).containsExactlyElementsOf(members);
  }

  @Test
  void sealed_refusesMore() {
    EntryTable table = new EntryTable();
    table.append(TarEntry.builder("a", EntryType.FILE).build());
    table.seal();

    assertThat(table.sealed()).isTrue();
    assertThatThrownBy(() -> table.append(TarEntry.builder("b", EntryType.FILE).build()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> table.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
