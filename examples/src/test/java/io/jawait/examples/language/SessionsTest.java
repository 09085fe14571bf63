package io.jawait.examples.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sessions example closes (awaits) both sessions in reverse order, also after a failure. */
class SessionsTest {

    @Test
    void sessionsCloseInReverseOrderAndACloseFailureIsSuppressedInTheCommandFailure() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Sessions.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals(List.of(
                "Commands that succeed:",
                " open first", " open second",
                " first: echo", " second: echo",
                " first: slow answer", " second: slow answer",
                " closed second", " closed first",
                " both sessions closed",
                "A command that fails, and a close that fails too:",
                " open first", " open second",
                " first: echo", " second: echo",
                " closed second", " closed first",
                " failed: first: unknown command reboot",
                " suppressed: second: goodbye lost"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
