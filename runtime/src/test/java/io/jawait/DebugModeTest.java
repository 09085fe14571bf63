package io.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jawait.TestCoroutines.SleepThen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In debug mode a failure nobody observed says where its task was created, as asyncio's debug mode does. */
class DebugModeTest {

    @Test
    void anUnobservedFailureSaysWhereItsTaskWasCreated() {
        List<String> names = new ArrayList<>();
        boolean before = Diagnostics.isDebugMode();
        Diagnostics.setDebugMode(true);
        int line;
        try (EventLoop loop = new EventLoop()) {
            loop.setUnhandledErrorHandler((name, error) -> names.add(name));
            new SleepThen<String>("Test.fails", 0, null, new IllegalStateException("lost")).$start();
            line = new Throwable().getStackTrace()[0].getLineNumber() - 1;
            loop.runUntilDone(Tasks.sleep(1));
        } finally {
            Diagnostics.setDebugMode(before);
        }
        assertEquals(List.of("Test.fails, created at " + DebugModeTest.class.getName()
                + ".anUnobservedFailureSaysWhereItsTaskWasCreated(DebugModeTest.java:" + line + ")"), names);
    }

    @Test
    void offByDefaultTheReportNamesTheTaskOnly() {
        List<String> names = new ArrayList<>();
        assertTrue(!Diagnostics.isDebugMode(), "off unless -Djawait.debug=true");
        try (EventLoop loop = new EventLoop()) {
            loop.setUnhandledErrorHandler((name, error) -> names.add(name));
            new SleepThen<String>("Test.fails", 0, null, new IllegalStateException("lost")).$start();
            loop.runUntilDone(Tasks.sleep(1));
        }
        assertEquals(List.of("Test.fails"), names);
    }
}
