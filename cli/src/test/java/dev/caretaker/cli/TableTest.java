package dev.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsTwoSpacesApart_whenCellsDifferInWidth() {
        Table table = new Table(List.of("ID", "STATUS", "ERROR"), List.of(
                List.of("a", "SUCCEEDED", ""),
                List.of("longer-id", "FAILED", "boom")));

        assertThat(table.render().lines()).containsExactly(
                "ID         STATUS     ERROR",
                "a          SUCCEEDED  -",
                "longer-id  FAILED     boom");
    }

    @Test
    void showsDash_whenCellIsNull() {
        Table table = new Table(List.of(), List.of(Arrays.asList("PARENT", null)));

        assertThat(table.render()).isEqualTo("PARENT  -" + System.lineSeparator());
    }

    @Test
    void keepsEachRowOnOneLine_whenCellHasLineBreaks() {
        Table table = new Table(List.of("ERROR"), List.of(List.of("first\n  second\r\nthird")));

        assertThat(table.render().lines()).containsExactly("ERROR", "first second third");
    }

    @Test
    void endsWithEllipsisAtMaxLength_whenTruncating() {
        assertThat(Table.truncate("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(Table.truncate("abcde", 5)).isEqualTo("abcde");
        assertThat(Table.truncate(null, 5)).isNull();
    }
}
