package dev.abic.compiler.layout;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CLayoutTest {
    @Test
    void placesMembersAtTheirNaturalAlignment() {
        CLayout.StructPlacement p = CLayout.place(List.of(
                new CLayout.Member(1, 1), new CLayout.Member(4, 4), new CLayout.Member(2, 2),
                new CLayout.Member(8, 8)), 1);
        assertThat(p.members()).containsExactly(
                new CLayout.Placement(0, 0), new CLayout.Placement(4, 3),
                new CLayout.Placement(8, 0), new CLayout.Placement(16, 6)).inOrder();
        assertThat(p.size()).isEqualTo(24);
        assertThat(p.align()).isEqualTo(8);
        assertThat(p.tailPadding()).isEqualTo(0);
    }

    @Test
    void declaredAlignmentRaisesAlignmentAndSize() {
        CLayout.StructPlacement p = CLayout.place(List.of(new CLayout.Member(80, 8)), 64);
        assertThat(p.align()).isEqualTo(64);
        assertThat(p.size()).isEqualTo(128);
        assertThat(p.end()).isEqualTo(80);
        assertThat(p.tailPadding()).isEqualTo(48);
    }

    @Test
    void tailPaddingToTheLargestMember() {
        CLayout.StructPlacement p = CLayout.place(List.of(new CLayout.Member(8, 8), new CLayout.Member(1, 1)), 1);
        assertThat(p.size()).isEqualTo(16);
        assertThat(p.tailPadding()).isEqualTo(7);
    }

    @Test
    void alignUp() {
        assertThat(CLayout.alignUp(0, 64)).isEqualTo(0);
        assertThat(CLayout.alignUp(1, 64)).isEqualTo(64);
        assertThat(CLayout.alignUp(64, 64)).isEqualTo(64);
        assertThat(CLayout.alignUp(65, 8)).isEqualTo(72);
    }
}
