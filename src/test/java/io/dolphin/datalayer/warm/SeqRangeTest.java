package io.dolphin.datalayer.warm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeqRangeTest {

    @Test
    void when_loAboveHi_then_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new SeqRange(5, 4));
    }

    @Test
    void when_seqAtEitherEnd_then_contained_andOutsideNot() {
        SeqRange r = new SeqRange(3, 7);

        assertTrue(r.contains(3));
        assertTrue(r.contains(7));
        assertFalse(r.contains(2));
        assertFalse(r.contains(8));
    }

    @Test
    void when_extended_then_coversTheSeq_inEitherDirection() {
        assertEquals(new SeqRange(3, 9), new SeqRange(3, 7).extend(9));
        assertEquals(new SeqRange(1, 7), new SeqRange(3, 7).extend(1));
        SeqRange r = new SeqRange(3, 7);
        assertSame(r, r.extend(5));
        assertEquals(new SeqRange(4, 4), SeqRange.of(4));
    }
}
