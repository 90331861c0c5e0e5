package io.callwire.routing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkillExpressionTest {

    @Test
    void andBindsTighterThanOrAndMissingSkillsAreLevelZero() {
        SkillExpression e = SkillExpression.parse("english >= 5 && billing >= 3 || vip");
        assertTrue(e.test(Map.of("english", 5, "billing", 3)));
        assertFalse(e.test(Map.of("english", 5, "billing", 2)));
        assertTrue(e.test(Map.of("vip", 1)));
        assertFalse(e.test(Map.of()));
        SkillExpression grouped = SkillExpression.parse("english >= 5 && (billing >= 3 || vip)");
        assertTrue(grouped.test(Map.of("english", 6, "vip", 2)));
        assertFalse(grouped.test(Map.of("vip", 2)));
        assertTrue(SkillExpression.parse("french < 3 && german != 0 && spanish == 0 && it > 9 && x <= 10")
                .test(Map.of("german", 1, "it", 10)));
        assertTrue(SkillExpression.parse(" ").test(Map.of()));
    }

    @Test
    void malformedExpressionsNameThePosition() {
        assertEquals("skill expression 'english >=': expected a level 0..10 at position 11",
                assertThrows(IllegalArgumentException.class, () -> SkillExpression.parse("english >=")).getMessage());
        assertEquals("skill expression 'a >= 11': expected a level 0..10 at position 6",
                assertThrows(IllegalArgumentException.class, () -> SkillExpression.parse("a >= 11")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SkillExpression.parse("(a && b"));
        assertThrows(IllegalArgumentException.class, () -> SkillExpression.parse("a b"));
        assertThrows(IllegalArgumentException.class, () -> SkillExpression.parse("&& a"));
    }
}
