package io.jawait.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassInitializationTest {
    static final List<String> LOG = new ArrayList<>();

    static final class Initialized {
        static {
            LOG.add("initialized");
        }
    }

    static final class Failing {
        static {
            if (LOG != null) {
                throw new IllegalStateException("static initializer");
            }
        }
    }

    @Test
    void initializesOnceLikeNew() {
        LOG.clear();
        ClassInitialization.ensure(Initialized.class);
        ClassInitialization.ensure(Initialized.class);
        new Initialized();
        assertEquals(List.of("initialized"), LOG);
    }

    @Test
    void throwsWhatAFailingInitializerThrowsThenNoClassDefFoundError() {
        ExceptionInInitializerError first = assertThrows(ExceptionInInitializerError.class,
                () -> ClassInitialization.ensure(Failing.class));
        assertEquals("static initializer", first.getCause().getMessage());
        assertThrows(NoClassDefFoundError.class, () -> ClassInitialization.ensure(Failing.class));
    }
}
