package io.lakehouse.cli;

import io.lakehouse.cli.render.TextTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.doctor.Doctor;
import io.lakehouse.doctor.Finding;
import io.lakehouse.runtime.RememberedScale;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse doctor}: is this machine ready for the stack, and if not, what to do. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check JDKs, memory, disk, ports, service folders and Docker; say how to fix what is missing. "
                + "Exit code 3 when something blocks 'up'.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    LakehouseCommand parent;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--scale", paramLabel = "ROLE=N[,ROLE=N...]",
            description = "Check for a stack at this scale (default: the scale this state directory's stack was "
                    + "started with), as 'up --scale' takes it.")
    String scale;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ScaleSpec asked = scale == null ? RememberedScale.read(common.layout()) : ScaleSpec.parse(scale);
        List<Finding> findings = new Doctor(common.layout(), ServiceCatalog.standard().scaled(asked),
                parent.environment).examine();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(findings));
        } else {
            TextTable table = new TextTable("CHECK", "RESULT", "FOUND", "FIX");
            findings.forEach(f -> table.row(f.check(), f.level().label(), f.found(), f.fix()));
            out.print(table.render());
        }
        boolean blocked = findings.stream().anyMatch(f -> f.level() == Finding.Level.FAIL);
        if (!json) {
            out.println(blocked ? "\nSomething blocks 'lakehouse up': see FIX above." : "\nReady for 'lakehouse up'.");
        }
        return blocked ? ExitCodes.PRECONDITION : ExitCodes.OK;
    }
}
