package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Build tools hand processors a wrapper instead of javac's own ProcessingEnvironment: Gradle a
 * decorator class holding it in a field named {@code delegate} (for processors declared incremental,
 * as jawait's is), IntelliJ a {@link Proxy}. The processor must see through both, both for the
 * transform and for the await checks, and never fail on the wrapper.
 */
class WrappedEnvironmentTest {
    private static final String SOURCE = JavacAccessTest.SOURCE;

    private static final String MISPLACED_AWAIT = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            public class Misplaced {
                static String blocking() {
                    return await(Task.of("x"));
                }
            }
            """;

    @Test
    void transformsBehindAGradleStyleDecorator() {
        CompiledProgram program = CompiledProgram.compile("Hello", SOURCE, List.of(decorated(GradleStyleEnvironment::new)));
        assertEquals("hi", program.run("hello"));
    }

    @Test
    void transformsBehindAnIntellijStyleProxy() {
        CompiledProgram program = CompiledProgram.compile("Hello", SOURCE, List.of(decorated(WrappedEnvironmentTest::proxy)));
        assertEquals("hi", program.run("hello"));
    }

    @Test
    void checksAwaitsBehindAGradleStyleDecorator() {
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(decorated(GradleStyleEnvironment::new))
                .compile(JavaFileObjects.forSourceString("Misplaced", MISPLACED_AWAIT));
        List<String> errors = compilation.errors().stream().map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("5: await can only be used in the body of an @Async method"), errors.toString());
    }

    private static Processor decorated(UnaryOperator<ProcessingEnvironment> wrap) {
        return new EnvironmentWrappingProcessor(new AsyncProcessor(), wrap);
    }

    private static ProcessingEnvironment proxy(ProcessingEnvironment env) {
        InvocationHandler handler = new ForwardingHandler(env);
        return (ProcessingEnvironment) Proxy.newProxyInstance(WrappedEnvironmentTest.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, handler);
    }

    /** Forwards every call to the environment it holds, as an IDE's tracking proxy does. */
    private record ForwardingHandler(ProcessingEnvironment target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Shaped like Gradle's decorator for incremental processors: the real environment in {@code delegate}. */
    private static final class GradleStyleEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;

        GradleStyleEnvironment(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return delegate.getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
        }
    }

    /** Runs a processor with a wrapped environment, as the build tool's own processor decorator does. */
    private record EnvironmentWrappingProcessor(Processor target, UnaryOperator<ProcessingEnvironment> wrap)
            implements Processor {
        @Override
        public Set<String> getSupportedOptions() {
            return target.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return target.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return target.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment env) {
            target.init(wrap.apply(env));
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return target.process(annotations, round);
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return target.getCompletions(element, annotation, member, userText);
        }
    }
}
