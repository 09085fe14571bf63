package io.jawait.processor;

import com.google.auto.service.AutoService;
import io.jawait.processor.resident.ResidentProcessors;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The {@code @Async} annotation processor as javac finds it on the processor path: each compilation's
 * work is done by a {@link TransformingProcessor}, loaded once per JVM where it can be.
 *
 * <p>javac loads the processor path in a new class loader for each compilation, and Maven's compiler
 * plugin, Gradle's compiler daemon and IDE build servers compile module after module in one JVM: the
 * transform's code would be loaded, verified and run interpreted again for every module, a sixth of a
 * compilation's time on a project of {@code @Async} methods. When this jar and JavaPoet are jars on the
 * processor path, {@link ResidentProcessors} loads them once and keeps them while they are used, so a
 * later compilation runs code the JIT has already compiled. {@code -Ajawait.resident=false} turns this off.
 *
 * <pre>{@code
 * javac -processorpath jawait-processor.jar:javapoet.jar -cp jawait-runtime.jar Main.java
 * }</pre>
 */
@AutoService(Processor.class)
public final class AsyncProcessor implements Processor {
    /** {@code -Ajawait.resident=false} loads the transform anew for this compilation, from javac's own class loader. */
    static final String RESIDENT_OPTION = "jawait.resident";

    private Processor delegate;

    @Override
    public void init(ProcessingEnvironment env) {
        Processor resident = "false".equals(env.getOptions().get(RESIDENT_OPTION)) ? null
                : ResidentProcessors.create(AsyncProcessor.class, TransformingProcessor.class.getName());
        delegate = resident != null ? resident : new TransformingProcessor();
        delegate.init(env);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate().process(annotations, round);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate().getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate().getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate().getSupportedSourceVersion();
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
            ExecutableElement member, String userText) {
        return delegate().getCompletions(element, annotation, member, userText);
    }

    /** The transform; a tool that asks what the processor supports before {@link #init} gets a local one. */
    private Processor delegate() {
        if (delegate == null) {
            delegate = new TransformingProcessor();
        }
        return delegate;
    }
}
