package io.lakehouse.seed.sample;

import java.nio.file.Path;

/**
 * Regenerates {@code sample-data/} (scale 1) or any scale into a directory:
 * {@code java -cp lakehouse-all.jar io.lakehouse.seed.sample.SampleDataMain DIR [SCALE]}; prints the expected counts.
 * Where DIR has a README.md (sample-data/ does), its generated shop schema section is refreshed too.
 */
public final class SampleDataMain {
    private SampleDataMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SampleDataMain DIR [SCALE]");
            System.exit(2);
        }
        int scale = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        SampleDataset data = new SampleGenerator(scale).generate();
        data.writeTo(Path.of(args[0]));
        Path readme = Path.of(args[0]).resolve("README.md");
        if (java.nio.file.Files.exists(readme) && SchemaSection.refresh(readme)) {
            System.out.println("refreshed the shop schema in " + readme);
        }
        System.out.println(ExpectedCounts.of(data));
    }
}
