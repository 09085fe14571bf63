package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/**
 * Gradle compiles incrementally only with processors that its metadata file declares incremental.
 * The file must name the processor javac discovers, as isolating (docs/setup.md says why that is
 * truthful: jawait rewrites each class on its own and generates no files).
 */
class GradleMetadataTest {
    @Test
    void theProcessorJavacFindsIsDeclaredIsolating() throws IOException {
        List<String> services = lines("META-INF/services/" + Processor.class.getName());
        List<String> gradle = lines("META-INF/gradle/incremental.annotation.processors");
        assertEquals(List.of(AsyncProcessor.class.getName()), services);
        assertEquals(List.of(AsyncProcessor.class.getName() + ",isolating"), gradle);
    }

    /** The resource from the processor's own jar (or classes folder), not from another processor's. */
    private static List<String> lines(String resource) throws IOException {
        URL processorJar = AsyncProcessor.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader own = new URLClassLoader(new URL[] {processorJar}, null);
                InputStream in = own.getResourceAsStream(resource)) {
            assertNotNull(in, "no " + resource + " in " + processorJar);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
