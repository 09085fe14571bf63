package io.jawait.processor.resident;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import javax.annotation.processing.Processor;

/**
 * Processors whose classes stay loaded across compilations in one JVM: the processor's jar and
 * JavaPoet's, loaded by one class loader kept by a {@link Keeper} thread while compilations use it.
 *
 * <p>A kept loader is found again by its key, which names each jar with its size and modification
 * time and the loader javac's classes come from: a rebuilt or another version of the processor gets
 * a loader of its own. Where the jars are not plain files (a directory of classes, as in a build of
 * jawait itself), or anything about this fails, there is none, and the caller loads the processor as
 * javac did.
 *
 * <pre>{@code
 * Processor p = ResidentProcessors.create(AsyncProcessor.class, "io.jawait.processor.TransformingProcessor");
 * }</pre>
 */
public final class ResidentProcessors {
    /** Where the thread that keeps a loader is found again; the key follows. */
    static final String THREAD_PREFIX = "jawait resident processor: ";
    private static final String JAVAPOET_CLASS = "com/palantir/javapoet/TypeName.class";

    private ResidentProcessors() {
    }

    /**
     * A new instance of {@code implementation} from the kept loader of {@code anchor}'s jar and
     * JavaPoet's, made and kept if there is none yet; null where there can be none.
     */
    public static Processor create(Class<?> anchor, String implementation) {
        try {
            ClassLoader own = anchor.getClassLoader();
            if (!(own instanceof URLClassLoader)) {
                return null;
            }
            List<File> jars = jars(anchor, own);
            if (jars == null) {
                return null;
            }
            ClassLoader loader = kept(key(jars, own.getParent()), own.getParent(), jars);
            return (Processor) Class.forName(implementation, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The processor's jar and JavaPoet's, each a plain file; null otherwise. */
    private static List<File> jars(Class<?> anchor, ClassLoader own) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        URL javapoet = own.getResource(JAVAPOET_CLASS);
        if (source == null || source.getLocation() == null || javapoet == null
                || !"jar".equals(javapoet.getProtocol())) {
            return null;
        }
        File processor = file(source.getLocation().toString());
        String inner = javapoet.toString().substring("jar:".length());
        int bang = inner.indexOf("!/");
        File poet = bang < 0 ? null : file(inner.substring(0, bang));
        return processor == null || poet == null ? null : List.of(processor, poet);
    }

    private static File file(String url) {
        if (!url.startsWith("file:")) {
            return null;
        }
        File f = Path.of(URI.create(url)).toFile();
        return f.isFile() ? f : null;
    }

    static String key(List<File> jars, ClassLoader parent) {
        StringBuilder key = new StringBuilder(THREAD_PREFIX);
        for (File jar : jars) {
            key.append(jar.getAbsolutePath()).append(' ').append(jar.length()).append(' ')
                    .append(jar.lastModified()).append("; ");
        }
        return key.append("javac's loader ").append(System.identityHashCode(parent)).toString();
    }

    /** The loader kept under {@code key}, after telling its keeper it is used; a new one if there is none. */
    private static ClassLoader kept(String key, ClassLoader parent, List<File> jars) throws ReflectiveOperationException {
        for (Thread t : Keeper.threads()) {
            if (t.getName().equals(key) && t.getContextClassLoader() != null
                    && t.getContextClassLoader().getParent() == parent) {
                t.interrupt();
                return t.getContextClassLoader();
            }
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toURI().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        ClassLoader loader = new URLClassLoader(urls, parent);
        // The keeper's class comes from the new loader, so that the thread holds that loader and
        // nothing of this compilation's.
        Class.forName(Keeper.class.getName(), true, loader).getMethod("start", String.class).invoke(null, key);
        return loader;
    }
}
