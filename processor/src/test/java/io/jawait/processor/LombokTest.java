package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jawait in the same compilation as Lombok, on a class that uses both: Lombok's generated members
 * (getters, setters, constructors) and its rewritten locals ({@code val}) are used inside
 * {@code @Async} methods, whichever of the two processors runs first.
 */
class LombokTest {
    private static final String SOURCE = """
            import io.jawait.*;
            import static io.jawait.Tasks.*;
            import lombok.Getter;
            import lombok.RequiredArgsConstructor;
            import lombok.Setter;
            import lombok.val;

            @RequiredArgsConstructor
            public class Account {
                @Getter private final String owner;
                @Getter @Setter private int balance;

                @Async
                Task<String> deposit(int amount) {
                    int before = getBalance();
                    setBalance(before + await(Task.of(amount)));
                    val history = new java.util.ArrayList<String>();
                    history.add(getOwner() + await(Task.of(":")));
                    return Task.of(history.get(0) + getBalance());
                }

                @Async
                static Task<String> run() {
                    Account a = new Account("ann");
                    await(a.deposit(5));
                    return a.deposit(7);
                }
            }
            """;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void asyncMethodsUseWhatLombokGenerates(boolean jawaitFirst) throws Exception {
        Processor lombok = (Processor) Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor")
                .getDeclaredConstructor().newInstance();
        List<Processor> processors = new ArrayList<>(List.of(new AsyncProcessor(), lombok));
        if (!jawaitFirst) {
            processors = List.of(lombok, new AsyncProcessor());
        }
        CompiledProgram program = CompiledProgram.compile("Account", SOURCE, processors);
        assertEquals("ann:12", program.run("run"));
    }
}
