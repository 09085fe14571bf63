package io.jawait.processor.resident;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeeperTest {
    @Test
    void aKeeperEndsOnceItIsNoLongerUsedLeavingItsLoaderToTheCollector() throws InterruptedException {
        Thread keeper = new Thread(new Keeper(TimeUnit.MILLISECONDS.toNanos(50)));
        keeper.setDaemon(true);
        keeper.start();
        for (int i = 0; i < 3; i++) {
            keeper.interrupt();
        }
        keeper.join(TimeUnit.MINUTES.toMillis(1));
        assertFalse(keeper.isAlive(), "still keeping its loader a minute after its last use");
    }
}
