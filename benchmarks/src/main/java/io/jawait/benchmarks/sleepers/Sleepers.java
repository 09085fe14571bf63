package io.jawait.benchmarks.sleepers;

/**
 * Child-process entry point of the sleepers benchmark: {@code Sleepers <jawait|kotlin|virtual> <n> <millis>}
 * prints one {@link SleeperResult} line. One runtime per process, so that memory figures do not mix.
 */
public final class Sleepers {
    private Sleepers() {
    }

    public static void main(String[] args) {
        String runtime = args[0];
        int n = Integer.parseInt(args[1]);
        long millis = Long.parseLong(args[2]);
        SleeperResult result;
        switch (runtime) {
            case "jawait":
                result = JawaitSleepers.run(n, millis);
                break;
            case "kotlin":
                result = KotlinSleepers.run(n, millis);
                break;
            case "virtual":
                result = VirtualThreadSleepers.run(n, millis);
                break;
            default:
                throw new IllegalArgumentException("unknown runtime " + runtime + "; use jawait, kotlin or virtual");
        }
        System.out.println(result.toLine());
    }
}
